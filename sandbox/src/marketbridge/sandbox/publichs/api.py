"""The emulated 공영홈쇼핑 API (mounted at /publichs/external) — (modelled) throughout, see the package docstring.

POST /api/supplier.do   <pubRequest ifId="PH_04_01"><vendorCd/><apiKey/><contents>…</contents>…</pubRequest>
answer                  <pubResponse><resultCode>0000</resultCode><resultMsg/>…</pubResponse>  (UTF-8)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from datetime import datetime

from fastapi import FastAPI, Request
from marketbridge.sandbox.core.synthetic import mask_name
from marketbridge.sandbox.core.timefmt import KST
from marketbridge.sandbox.homeshopping_common.gateway import Gateway, identify
from marketbridge.sandbox.homeshopping_common.models import (
    ACKNOWLEDGED,
    CANCELLED,
    DELIVERED,
    DISPATCHED,
    NEW,
    DialectError,
    Line,
    Refusal,
    Seller,
)
from marketbridge.sandbox.homeshopping_common.state import DialectRules, HomeShoppingState
from marketbridge.sandbox.homeshopping_common.xmlio import (
    BadXml,
    add_record,
    fields,
    html_error,
    parse_xml,
    sub,
    xml_response,
)
from starlette.responses import Response

COURIERS = frozenset({"22", "11", "15", "16", "70", "78", "71", "82", "81", "65", "99"})
ORD_STAT = {NEW: "10", ACKNOWLEDGED: "20", DISPATCHED: "30", DELIVERED: "40", CANCELLED: "90"}
CLM_GB = {"cancel": "C", "return": "R", "exchange": "E"}
RULES = DialectRules(
    name="publichs",
    couriers=COURIERS,
    line_id=lambda order_no, seq: f"{order_no}:{seq}",
    product_id=lambda n: f"P{n:09d}",
    refusals={
        "not_found": ("4001", "주문 정보가 없습니다."),
        "already_dispatched": ("4002", "이미 송장이 등록된 주문입니다."),
        "cancelled": ("4003", "취소된 주문입니다."),
        "unknown_courier": ("4004", "택배사 코드가 올바르지 않습니다."),
        "bad_state": ("4005", "처리할 수 없는 주문 상태입니다."),
        "bad_tracking": ("4006", "송장번호가 올바르지 않습니다."),
    },
)


class PubError(DialectError):
    pass


def make_credentials(state: HomeShoppingState, seller_id: str) -> dict[str, str]:
    return {"vendor_cd": seller_id, "api_key": state.new_secret(16)}


def envelope(code: str = "0000", message: str = "정상") -> ET.Element:
    root = ET.Element("pubResponse")
    sub(root, "resultCode", code)
    sub(root, "resultMsg", message)
    return root


Handler = Callable[[HomeShoppingState, Seller, ET.Element], Awaitable[ET.Element]]


def _day(body: ET.Element, key: str = "ordDt") -> int:
    text = fields(body.find("contents")).get(key, "")
    try:
        return int(datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=KST).timestamp() * 1000)
    except ValueError:
        raise PubError("1101", f"{key} 형식이 올바르지 않습니다(yyyy-MM-dd): {text}") from None


def _kst(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, KST).strftime("%Y-%m-%d %H:%M:%S")


def order_row(line: Line) -> dict[str, object]:
    r = line.receiver
    return {
        "ordNo": line.order_no,
        "ordSeq": line.seq,
        "ordStat": ORD_STAT[line.status],
        "ordDtm": _kst(line.ordered_ms),
        "goodsCd": line.product_id,
        "vendorGoodsCd": line.seller_product_code,
        "goodsNm": line.product_name,
        "optNm": line.option_text,
        "ordQty": line.quantity,
        "salePrc": line.unit_price,
        "ordNm": mask_name(line.buyer.name),
        "rcvNm": mask_name(r.name),
        "rcvHp": r.phone[:-4] + "****",
        "rcvZip": r.zip_code,
        "rcvAddr": r.base_address,
        "rcvAddrDtl": r.detailed_address,
        "dlvMsg": r.memo,
        "dlvCoCd": line.courier or "",
        "invNo": line.tracking or "",
        "outDtm": _kst(line.dispatched_ms) if line.dispatched_ms else "",
    }


async def orders(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    start = _day(body)
    ord_no = fields(body.find("contents")).get("ordNo") or None
    root = envelope()
    for line in state.lines_of(seller.seller_id):
        if start <= line.ordered_ms < start + 86_400_000 and ord_no in (None, line.order_no):
            add_record(root, "order", order_row(line))
    return root


async def claims(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    start = _day(body, "clmDt")
    root = envelope()
    for line in state.lines_of(seller.seller_id):
        c = line.claim
        if c is not None and start <= c.created_ms < start + 86_400_000:
            add_record(
                root,
                "claim",
                {
                    "clmNo": c.claim_id,
                    "clmGb": CLM_GB[c.kind],
                    "clmStat": "90" if c.status == "completed" else "10",
                    "ordNo": line.order_no,
                    "ordSeq": line.seq,
                    "clmQty": line.quantity,
                    "clmRsn": c.reason,
                    "clmDtm": _kst(c.created_ms),
                },
            )
    return root


def _per_line(
    state: HomeShoppingState, seller: Seller, body: ET.Element, tag: str, act: Callable[[Line, dict[str, str]], None]
) -> ET.Element:
    root = envelope()
    for row in map(fields, body.iter(tag)):
        key = {"ordNo": row.get("ordNo", ""), "ordSeq": row.get("ordSeq", "")}
        try:
            act(state.line_of(seller.seller_id, f"{key['ordNo']}:{key['ordSeq']}"), row)
            add_record(root, "result", {**key, "resultCode": "0000", "resultMsg": "정상"})
        except Refusal as refusal:
            add_record(root, "result", {**key, "resultCode": refusal.code, "resultMsg": refusal.message})
    return root


async def confirm(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    return _per_line(state, seller, body, "confirm", lambda line, row: state.acknowledge(line))


async def invoice(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    return _per_line(
        state,
        seller,
        body,
        "invoice",
        lambda line, row: state.dispatch(line, row.get("dlvCoCd", ""), row.get("invNo", "")),
    )


def _notice(body: ET.Element) -> dict[str, str]:
    return {n.get("itemNm", ""): n.get("itemCntn", "") for n in map(fields, body.iter("notice"))}


async def register(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    goods = fields(body.find("goods"))
    if not _notice(body):
        raise PubError("3002", "상품정보제공고시(notice)는 필수입니다.")
    if any(int(o.get("addPrc") or 0) for o in map(fields, body.iter("option"))):
        raise PubError("3003", "옵션별 추가금액은 등록할 수 없습니다.")
    missing = [f for f in ("vendorGoodsCd", "goodsNm", "salePrc", "ctgrCd") if not goods.get(f)]
    if missing:
        raise PubError("3001", f"필수 항목 누락: {', '.join(missing)}")
    product = state.add_product(
        seller.seller_id,
        name=goods["goodsNm"],
        sale_price=int(goods["salePrc"]),
        stock=int(goods.get("stockQty") or 0),
        seller_product_code=goods["vendorGoodsCd"],
        category_id=goods["ctgrCd"],
        notice=_notice(body),
        raw=dict(goods),
    )
    root = envelope()
    sub(root, "goodsCd", product.product_id)
    return root


async def modify(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    goods = fields(body.find("goods"))
    product = state.product_of(seller.seller_id, goods.get("goodsCd", ""))
    product.name = goods.get("goodsNm") or product.name
    product.sale_price = int(goods.get("salePrc") or product.sale_price)
    product.stock = int(goods.get("stockQty") or product.stock)
    if goods.get("saleStat"):
        product.status = {"Y": "sale", "N": "stop"}.get(goods["saleStat"], "ended")
    product.notice = _notice(body) or product.notice
    product.writes += 1
    return envelope()


async def goods_list(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    root = envelope()
    for p in state.products.values():
        if p.seller_id == seller.seller_id:
            add_record(
                root,
                "goods",
                {
                    "goodsCd": p.product_id,
                    "vendorGoodsCd": p.seller_product_code,
                    "goodsNm": p.name,
                    "salePrc": p.sale_price,
                    "stockQty": p.stock,
                    "ctgrCd": p.category_id,
                    "saleStat": {"sale": "Y", "stop": "N"}.get(p.status, "E"),
                },
            )
    return root


CATEGORIES = [
    ("01", "농수산", "", "N"),
    ("0101", "과일", "01", "Y"),
    ("02", "중소기업 생활", "", "N"),
    ("0201", "주방", "02", "Y"),
]


async def categories(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    root = envelope()
    for code, name, parent, leaf in CATEGORIES:
        add_record(root, "category", {"ctgrCd": code, "ctgrNm": name, "uprCtgrCd": parent, "leafYn": leaf})
    return root


async def qna_list(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    start = _day(body, "qnaDt")
    root = envelope()
    for q in state.inquiries.values():
        if q.seller_id == seller.seller_id and start <= q.created_ms < start + 86_400_000:
            add_record(
                root,
                "qna",
                {
                    "qnaNo": q.inquiry_id,
                    "goodsCd": q.product_id or "",
                    "ordNo": (q.line_id or ":").split(":")[0],
                    "title": q.title,
                    "question": q.content,
                    "custNm": mask_name(q.customer),
                    "qnaDtm": _kst(q.created_ms),
                    "ansYn": "Y" if q.answer else "N",
                    "answer": q.answer or "",
                },
            )
    return root


async def qna_answer(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    row = fields(body.find("answer"))
    if not row.get("answer"):
        raise PubError("5001", "답변 내용은 필수입니다.")
    state.answer(seller.seller_id, row.get("qnaNo", ""), row["answer"])
    return envelope()


ROUTES: dict[str, Handler] = {
    "PH_04_01": orders,
    "PH_04_02": claims,
    "PH_04_03": confirm,
    "PH_04_04": invoice,
    "PH_03_01": register,
    "PH_03_02": modify,
    "PH_03_07": goods_list,
    "PH_01_02": categories,
    "PH_05_01": qna_list,
    "PH_05_02": qna_answer,
}


def fault_response(kind: str) -> Response:
    if kind == "http_429":
        return xml_response(envelope("9429", "호출 한도를 초과했습니다."), status=429)
    if kind == "malformed":
        return Response(
            b'<?xml version="1.0" encoding="UTF-8"?><pubResponse><resultCode>00', media_type="text/xml; charset=UTF-8"
        )
    return html_error(kind)


def create_external_app(state: HomeShoppingState) -> FastAPI:
    app = FastAPI(title="공영홈쇼핑 supplier API (sandbox, modelled)", docs_url=None, redoc_url=None, openapi_url=None)

    @app.post("/api/supplier.do")
    async def action(request: Request) -> Response:
        try:
            body = parse_xml(await request.body(), request.headers.get("content-type"))
            handler = ROUTES.get(body.get("ifId", ""))
            if handler is None:
                raise PubError("1001", f"존재하지 않는 인터페이스입니다: {body.get('ifId')}")
            head = fields(body)
            seller = state.sellers.get(head.get("vendorCd", ""))
            if seller is None or seller.revoked or seller.credentials.get("api_key") != head.get("apiKey"):
                raise PubError("9001", "협력사 인증에 실패했습니다(vendorCd/apiKey).", 401)
            identify(request, seller.seller_id)
            if not state.allow(seller.seller_id):
                raise PubError("9429", "호출 한도를 초과했습니다.", 429)
            with state.lock:
                return xml_response(await handler(state, seller, body))
        except PubError as exc:
            return xml_response(envelope(exc.code, exc.message), status=exc.status)
        except Refusal as refusal:
            return xml_response(envelope(refusal.code, refusal.message))
        except (BadXml, ValueError) as exc:
            return xml_response(envelope("1002", f"요청 XML 오류: {exc}"))

    app.add_middleware(Gateway, state=state, responder=fault_response)
    return app
