"""The emulated CJ온스타일 interface (mounted at /cjmall/external). See the package docstring."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from datetime import datetime
from itertools import groupby

from fastapi import FastAPI, Request
from marketbridge.sandbox.core.synthetic import mask_name
from marketbridge.sandbox.core.timefmt import KST
from marketbridge.sandbox.homeshopping_common.gateway import Gateway, identify
from marketbridge.sandbox.homeshopping_common.models import (
    CANCELLED,
    DELIVERED,
    DISPATCHED,
    DialectError,
    Line,
    Refusal,
    Seller,
)
from marketbridge.sandbox.homeshopping_common.state import DialectRules, HomeShoppingState
from marketbridge.sandbox.homeshopping_common.xmlio import (
    BadXml,
    add_record,
    declared_charset,
    fields,
    html_error,
    parse_xml,
    sub,
    xml_bytes,
)
from starlette.responses import Response

NS = "http://www.example.org/ifpa"
COURIERS = frozenset({"22", "11", "15", "16", "70", "78", "71", "82", "81", "65", "32", "99"})
CS_CLS = {"cancel": "01", "return": "02", "exchange": "03"}
RULES = DialectRules(
    name="cjmall",
    couriers=COURIERS,
    line_id=lambda order_no, seq: f"{order_no}:{seq:03d}:001:001",
    product_id=lambda n: f"{n:08d}",
    refusals={
        "not_found": ("E-0401", "주문 정보를 찾을 수 없습니다."),
        "already_dispatched": ("E-0402", "이미 출고 등록된 주문입니다."),
        "cancelled": ("E-0403", "취소된 출고지시입니다."),
        "unknown_courier": ("E-0404", "택배사 코드(delicompCd)가 올바르지 않습니다."),
        "bad_state": ("E-0405", "처리할 수 없는 상태입니다."),
        "bad_tracking": ("E-0406", "운송장번호(wbNo)가 올바르지 않습니다."),
    },
)


class CjError(DialectError):
    pass


def make_credentials(state: HomeShoppingState, seller_id: str) -> dict[str, str]:
    return {"vendor_id": seller_id, "vendor_cert_key": state.new_secret(12)}


def q(tag: str) -> str:
    """A request element's name once parsed (namespace-qualified)."""
    return f"{{{NS}}}{tag}"


def w(tag: str) -> str:
    """An answer element's name as written (prefix `ns1`, declared on the root)."""
    return f"ns1:{tag}"


def envelope(ok: bool = True, code: str = "", message: str = "") -> ET.Element:
    root = ET.Element(w("ifResponse"), {"xmlns:ns1": NS})
    sub(root, w("successYn"), "true" if ok else "false")
    sub(root, w("errorCode"), code)
    sub(root, w("errorMsg"), message)
    return root


def respond(root: ET.Element, status: int = 200) -> Response:
    return Response(xml_bytes(root, "euc-kr"), status_code=status, media_type="text/xml; charset=EUC-KR")


def add(parent: ET.Element, tag: str, values: dict[str, object]) -> ET.Element:
    return add_record(parent, tag, values, w)


Handler = Callable[[HomeShoppingState, Seller, ET.Element], Awaitable[ET.Element]]


def _contents(body: ET.Element) -> dict[str, str]:
    return fields(body.find(q("contents")))


def _day(text: str) -> int:
    try:
        return int(datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=KST).timestamp() * 1000)
    except ValueError:
        raise CjError("E-0101", f"wbCrtDt 형식이 올바르지 않습니다(yyyy-MM-dd): {text}") from None


def _kst(ms: int, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
    return datetime.fromtimestamp(ms / 1000, KST).strftime(fmt)


def _detail(line: Line) -> dict[str, object]:
    _, g, d, w = line.line_id.split(":")
    prog = {DISPATCHED: "10", DELIVERED: "20"}.get(line.status, "00")
    return {
        "ordGSeq": g,
        "ordDSeq": d,
        "ordWSeq": w,
        "ordDtlClsCd": "20" if line.status == CANCELLED else "10",
        "ordDtlCls": "취소" if line.status == CANCELLED else "주문",
        "itemCd": line.product_id,
        "itemName": line.product_name,
        "unitCd": f"{line.product_id}001",
        "unitNm": line.option_text,
        "outwQty": line.quantity,
        "outwAmt": line.unit_price * line.quantity,
        "realslAmt": line.unit_price * line.quantity,
        "delvplnDt": _kst(line.ordered_ms + 3 * 86_400_000, "%Y-%m-%d"),
        "wbCrtDt": _kst(line.ordered_ms, "%Y-%m-%d"),
        "wbNo": line.tracking or "",
        "delicompCd": line.courier or "",
        "wbProg": prog,
        "toutYn": "Y" if line.tracking else "N",
        "vendorItemCd": line.seller_product_code,
        "cnclInsDtm": _kst(line.changed_ms) if line.status == CANCELLED else "",
    }


async def instructions(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    c = _contents(body)
    start = _day(c.get("wbCrtDt", ""))
    cancelled = c.get("instructionCls", "1") == "2"
    lines = [
        ln
        for ln in state.lines_of(seller.seller_id)
        if start <= ln.ordered_ms < start + 86_400_000 and (ln.status == CANCELLED) == cancelled
    ]
    root = envelope()
    for order_no, group in groupby(sorted(lines, key=lambda ln: ln.line_id), key=lambda ln: ln.order_no):
        items = list(group)
        r, b = items[0].receiver, items[0].buyer
        head = add(
            root,
            "instruction",
            {
                "ordNo": order_no,
                "ordDtm": _kst(items[0].ordered_ms),
                "custNm": mask_name(b.name),
                "custTelNo": b.phone[:-4] + "****",
                "receverNm": mask_name(r.name),
                "telno": "",
                "cellno": r.phone[:-4] + "****",
                "zipno": r.zip_code,
                "addr": f"{r.base_address} {r.detailed_address}",
                "msgSpec": r.memo,
            },
        )
        for line in items:
            add(head, "instructionDetail", _detail(line))
    return root


async def cs_list(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    start = _day(_contents(body).get("wbCrtDt", ""))
    root = envelope()
    for line in state.lines_of(seller.seller_id):
        claim = line.claim
        if claim is not None and start <= claim.created_ms < start + 86_400_000:
            _, g, d, w = line.line_id.split(":")
            add(
                root,
                "csInfo",
                {
                    "csNo": claim.claim_id,
                    "ordNo": line.order_no,
                    "ordGSeq": g,
                    "ordDSeq": d,
                    "ordWSeq": w,
                    "csCls": CS_CLS[claim.kind],
                    "csStat": "30" if claim.status == "completed" else "10",
                    "csQty": line.quantity,
                    "csRsn": claim.reason,
                    "csDtm": _kst(claim.created_ms),
                },
            )
    return root


def _line_key(row: dict[str, str]) -> str:
    return f"{row.get('ordNo')}:{row.get('ordGSeq')}:{row.get('ordDSeq')}:{row.get('ordWSeq')}"


async def takeout(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    root = envelope()
    for element in body.iter(q("takeout")):
        row = fields(element)
        result = {k: row.get(k, "") for k in ("ordNo", "ordGSeq", "ordDSeq", "ordWSeq")}
        try:
            state.dispatch(
                state.line_of(seller.seller_id, _line_key(row)), row.get("delicompCd", ""), row.get("wbNo", "")
            )
            add(root, "takeoutResult", {**result, "successYn": "true", "errorCode": "", "errorMsg": ""})
        except Refusal as refusal:
            add(
                root,
                "takeoutResult",
                {**result, "successYn": "false", "errorCode": refusal.code, "errorMsg": refusal.message},
            )
    return root


async def receive_complete(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    for element in body.iter(q("receiveComplete")):
        state.deliver(state.line_of(seller.seller_id, _line_key(fields(element))))
    return envelope()


async def register_item(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    item = fields(body.find(q("item")))
    notice = {n.get("noticeNm", ""): n.get("noticeCntn", "") for n in map(fields, body.iter(q("notice")))}
    if not notice:
        raise CjError("E-0302", "상품정보제공고시(notice)는 필수입니다.")
    if any(int(u.get("addPrice") or 0) for u in map(fields, body.iter(q("unit")))):
        raise CjError("E-0303", "단품별 추가금액은 등록할 수 없습니다.")
    missing = [f for f in ("vendorItemCd", "itemName", "salePrice", "categoryCd") if not item.get(f)]
    if missing:
        raise CjError("E-0301", f"필수 항목 누락: {', '.join(missing)}")
    product = state.add_product(
        seller.seller_id,
        name=item["itemName"],
        sale_price=int(item["salePrice"]),
        stock=int(item.get("stockQty") or 0),
        seller_product_code=item["vendorItemCd"],
        category_id=item["categoryCd"],
        notice=notice,
        raw=dict(item),
    )
    root = envelope()
    sub(root, w("itemCd"), product.product_id)
    return root


async def update_item(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    item = fields(body.find(q("item")))
    product = state.product_of(seller.seller_id, item.get("itemCd", ""))
    product.name = item.get("itemName") or product.name
    if item.get("saleStatCd"):
        product.status = {"A": "sale", "S": "stop"}.get(item["saleStatCd"], "ended")
    notice = {n.get("noticeNm", ""): n.get("noticeCntn", "") for n in map(fields, body.iter(q("notice")))}
    product.notice = notice or product.notice
    product.writes += 1
    return envelope()


async def update_price(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    for row in map(fields, body.iter(q("itemPrices"))):
        product = state.product_of(seller.seller_id, row.get("unitCd", "")[:-3])
        product.sale_price = int(row.get("newUnitRetail") or product.sale_price)
    return envelope()


async def update_stock(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    for row in map(fields, body.iter(q("unitQty"))):
        product = state.product_of(seller.seller_id, row.get("unitCd", "")[:-3])
        product.stock = int(row.get("qty") or 0)
    return envelope()


async def select_items(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    root = envelope()
    for p in state.products.values():
        if p.seller_id == seller.seller_id:
            add(
                root,
                "item",
                {
                    "itemCd": p.product_id,
                    "unitCd": f"{p.product_id}001",
                    "vendorItemCd": p.seller_product_code,
                    "itemName": p.name,
                    "salePrice": p.sale_price,
                    "stockQty": p.stock,
                    "saleStatCd": {"sale": "A", "stop": "S"}.get(p.status, "E"),
                    "categoryCd": p.category_id,
                },
            )
    return root


CATEGORIES = [
    ("10", "리빙", "", "N"),
    ("1010", "주방", "10", "Y"),
    ("20", "뷰티", "", "N"),
    ("2010", "스킨케어", "20", "Y"),
]


async def categories(state: HomeShoppingState, seller: Seller, body: ET.Element) -> ET.Element:
    root = envelope()
    for code, name, parent, leaf in CATEGORIES:
        add(root, "category", {"categoryCd": code, "categoryNm": name, "upperCategoryCd": parent, "lastYn": leaf})
    return root


ROUTES: dict[str, Handler] = {
    "IF_04_01": instructions,
    "IF_04_02": cs_list,
    "IF_04_04": takeout,
    "IF_04_05": receive_complete,
    "IF_03_01": register_item,
    "IF_03_02": update_item,
    "IF_03_04": update_price,
    "IF_03_05": update_stock,
    "IF_03_07": select_items,
    "IF_01_02": categories,
}


def fault_response(kind: str) -> Response:
    if kind == "http_429":
        return respond(envelope(False, "E-0429", "호출 허용량을 초과했습니다."), 429)
    if kind == "malformed":
        return Response(
            b'<?xml version="1.0" encoding="EUC-KR"?><ns1:ifResponse xmlns:ns1="x"><ns1:succ',
            media_type="text/xml; charset=EUC-KR",
        )
    return html_error(kind)


def create_external_app(state: HomeShoppingState) -> FastAPI:
    app = FastAPI(title="CJ온스타일 interface (sandbox)", docs_url=None, redoc_url=None, openapi_url=None)

    @app.post("/IFPAServerAction.action")
    async def action(request: Request) -> Response:
        raw = await request.body()
        try:
            if declared_charset(raw, request.headers.get("content-type"), "") not in (
                "euc-kr",
                "euckr",
                "ks_c_5601-1987",
            ):
                raise CjError("E-0002", "요청 XML은 EUC-KR로 인코딩해야 합니다.")
            body = parse_xml(raw, request.headers.get("content-type"))
            handler = ROUTES.get(body.get(q("ifId"), ""))
            if handler is None:
                raise CjError("E-0003", f"존재하지 않는 인터페이스입니다: {body.get(q('ifId'))}")
            head = fields(body)
            seller = state.sellers.get(head.get("vendorId", ""))
            if (
                seller is None
                or seller.revoked
                or seller.credentials.get("vendor_cert_key") != head.get("vendorCertKey")
            ):
                raise CjError("E-0001", "협력사 인증에 실패했습니다(vendorId/vendorCertKey).")
            identify(request, seller.seller_id)
            if not state.allow(seller.seller_id):
                raise CjError("E-0429", "호출 허용량을 초과했습니다.", 429)
            with state.lock:
                return respond(await handler(state, seller, body))
        except CjError as exc:
            return respond(envelope(False, exc.code, exc.message), exc.status)
        except Refusal as refusal:
            return respond(envelope(False, refusal.code, refusal.message))
        except (BadXml, ValueError) as exc:
            return respond(envelope(False, "E-0004", f"요청 XML 오류: {exc}"))

    app.add_middleware(Gateway, state=state, responder=fault_response)
    return app
