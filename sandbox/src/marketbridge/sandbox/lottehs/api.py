"""The emulated 롯데홈쇼핑 Open API (mounted at /lottehs/external). See the package docstring."""

from __future__ import annotations

import secrets
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from datetime import datetime

from fastapi import APIRouter, FastAPI, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.synthetic import mask_name
from marketbridge.sandbox.core.timefmt import KST, kst_yyyymmdd
from marketbridge.sandbox.homeshopping_common.gateway import Gateway, identify
from marketbridge.sandbox.homeshopping_common.models import (
    ACKNOWLEDGED,
    CANCELLED,
    DELIVERED,
    DISPATCHED,
    NEW,
    Line,
    Refusal,
    Seller,
)
from marketbridge.sandbox.homeshopping_common.state import DialectRules, HomeShoppingState
from marketbridge.sandbox.homeshopping_common.xmlio import html_error, sub, xml_response
from starlette.datastructures import FormData, QueryParams
from starlette.responses import Response
from starlette.types import Scope

COURIERS = frozenset({"12", "11", "15", "31", "24", "49", "18", "17", "38", "62", "99"})
PROC_STAT = {NEW: "01", ACKNOWLEDGED: "02", DISPATCHED: "04", DELIVERED: "05", CANCELLED: "99"}
CLAIM_GBN = {"cancel": "10", "return": "20", "exchange": "30"}
MAX_DAYS = 7
RULES = DialectRules(
    name="lottehs",
    couriers=COURIERS,
    line_id=lambda order_no, seq: f"{order_no}:{seq}",
    product_id=lambda n: f"1{n:09d}",
    refusals={
        "not_found": ("E2001", "주문 정보가 존재하지 않습니다."),
        "already_dispatched": ("E2003", "이미 출고완료 처리된 주문입니다."),
        "cancelled": ("E2004", "취소된 주문입니다."),
        "unknown_courier": ("E2005", "택배사 코드(hdc_cd)가 올바르지 않습니다."),
        "bad_state": ("E2006", "처리할 수 없는 주문 상태입니다."),
        "bad_tracking": ("E2007", "송장번호(inv_no)가 올바르지 않습니다."),
    },
)


class LotteError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def make_credentials(state: HomeShoppingState, seller_id: str) -> dict[str, str]:
    return {"user_id": f"lt{seller_id}", "password": state.new_secret(8)}


def result(flag: str = "1", message: str = "정상 처리되었습니다.", **extra: object) -> Response:
    root = ET.Element("Response")
    sub(root, "Result", flag)
    sub(root, "Message", message)
    for key, value in extra.items():
        sub(root, key, value)
    return xml_response(root)


def error(code: str, message: str, status: int = 200) -> Response:
    root = ET.Element("Response")
    sub(root, "Result", "0")
    sub(root, "ErrorCode", code)
    sub(root, "Message", message)
    return xml_response(root, status=status)


def listing(tag: str, rows: list[dict[str, object]]) -> Response:
    root = ET.Element("Response")
    container = sub(root, "Result")
    for row in rows:
        element = sub(container, tag)
        for key, value in row.items():
            if isinstance(value, dict):
                nested = sub(element, key)
                for k, v in value.items():
                    sub(nested, k, v)
            else:
                sub(element, key, value)
    return xml_response(root)


Params = dict[str, str]
Multi = dict[str, list[str]]
Handler = Callable[[HomeShoppingState, Seller, Params, Multi], Awaitable[Response]]


def _day(text: str) -> int:
    try:
        return int(datetime.strptime(text, "%Y%m%d").replace(tzinfo=KST).timestamp() * 1000)
    except ValueError:
        raise LotteError("E1101", f"날짜 형식 오류(yyyyMMdd): {text}") from None


def _range(params: Params) -> tuple[int, int]:
    start, end = _day(params.get("start_date", "")), _day(params.get("end_date", ""))
    if end < start or end - start >= MAX_DAYS * 86_400_000:
        raise LotteError("E1102", f"조회 기간은 최대 {MAX_DAYS}일입니다.")
    return start, end + 86_400_000


def order_info(line: Line) -> dict[str, object]:
    r, b = line.receiver, line.buyer
    return {
        "OrdNo": line.order_no,
        "OrdDtlSn": line.seq,
        "OrdStat": "20" if line.status != CANCELLED else "90",
        "OrdProcStat": PROC_STAT[line.status],
        "OrderName": mask_name(b.name),
        "OrderHpNo": b.phone[:-4] + "****",
        "TrdDate": datetime.fromtimestamp(line.ordered_ms / 1000, KST).strftime("%Y%m%d%H%M%S"),
        "DlvMemoCont": r.memo,
        "DelvInfo": {
            "recvName": mask_name(r.name),
            "recvPostCode": r.zip_code,
            "recvAddr1": r.base_address,
            "recvAddr2": r.detailed_address,
            "recvHp": r.phone[:-4] + "****",
            "recvTel": "",
            "invoiceNo": line.tracking or "",
            "delvName": line.courier or "",
            "sendDate": kst_yyyymmdd(line.dispatched_ms) if line.dispatched_ms else "",
        },
        "ProdInfo": {
            "ProdSeq": line.seq,
            "ProdCode": line.product_id,
            "EntrProdNo": line.seller_product_code,
            "ProdName": line.product_name,
            "ordQty": line.quantity,
            "ordPrice": line.unit_price,
            "buyRealPrice": line.unit_price * line.quantity,
            "prodOption": line.option_text,
            "OrdDtlSn": line.seq,
        },
    }


async def orders(state: HomeShoppingState, seller: Seller, p: Params, form: Multi) -> Response:
    start, end = _range(p)
    wanted = {"00": None, "01": "01", "02": "02"}.get(p.get("SelOption", "00"), None)
    ord_no = p.get("ord_no") or None
    rows = [
        order_info(ln)
        for ln in state.lines_of(seller.seller_id)
        if start <= ln.ordered_ms < end
        and (wanted is None or PROC_STAT[ln.status] == wanted)
        and ord_no in (None, ln.order_no)
    ]
    return listing("OrderInfo", rows)


async def claims(state: HomeShoppingState, seller: Seller, p: Params, form: Multi) -> Response:
    start, end = _range(p)
    rows: list[dict[str, object]] = []
    for ln in state.lines_of(seller.seller_id):
        c = ln.claim
        if c is not None and start <= c.created_ms < end:
            rows.append(
                {
                    "ClmNo": c.claim_id,
                    "ClmGbn": CLAIM_GBN[c.kind],
                    "ClmStat": "2" if c.status == "completed" else "1",
                    "OrdNo": ln.order_no,
                    "OrdDtlSn": ln.seq,
                    "ClmQty": ln.quantity,
                    "ClmRsn": c.reason,
                    "ClmDtime": datetime.fromtimestamp(c.created_ms / 1000, KST).strftime("%Y%m%d%H%M%S"),
                }
            )
    return listing("CnclInfo", rows)


async def regist_deliver(state: HomeShoppingState, seller: Seller, p: Params, form: Multi) -> Response:
    line = state.line_of(seller.seller_id, f"{p.get('ord_no')}:{p.get('ord_dtl_sn')}")
    proc = p.get("proc_gubun")
    if proc == "conf":
        state.acknowledge(line)
    elif proc == "sfin":
        state.dispatch(line, p.get("hdc_cd", ""), p.get("inv_no", ""))
    else:
        raise LotteError("E1103", f"proc_gubun 값이 올바르지 않습니다: {proc}")
    return result(OrdNo=line.order_no, OrdDtlSn=line.seq)


def _notice(form: Multi) -> dict[str, str]:
    return dict(zip(form.get("ntc_item_nm", []), form.get("ntc_item_cont", []), strict=False))


async def regist_goods(state: HomeShoppingState, seller: Seller, p: Params, form: Multi) -> Response:
    missing = [f for f in ("goods_nm", "sale_prc", "disp_no", "entr_goods_no") if not p.get(f)]
    if missing:
        raise LotteError("E3001", f"필수 항목 누락: {', '.join(missing)}")
    notice = _notice(form)
    if not notice:
        raise LotteError("E3002", "상품정보제공고시(ntc_item_nm/ntc_item_cont)는 필수입니다.")
    if any(int(x or 0) for x in form.get("item_add_prc", [])):
        raise LotteError("E3003", "단품별 추가금액은 등록할 수 없습니다.")
    product = state.add_product(
        seller.seller_id,
        name=p["goods_nm"],
        sale_price=int(p["sale_prc"]),
        stock=int(p.get("stk_qty") or 0),
        seller_product_code=p["entr_goods_no"],
        category_id=p["disp_no"],
        notice=notice,
        raw=dict(p),
    )
    return result(GoodsNo=product.product_id)


async def update_goods(state: HomeShoppingState, seller: Seller, p: Params, form: Multi) -> Response:
    product = state.product_of(seller.seller_id, p.get("goods_no", ""))
    if p.get("goods_nm"):
        product.name = p["goods_nm"]
    if p.get("stk_qty"):
        product.stock = int(p["stk_qty"])
    if _notice(form):
        product.notice = _notice(form)
    product.writes += 1
    return result(GoodsNo=product.product_id)


async def update_price(state: HomeShoppingState, seller: Seller, p: Params, form: Multi) -> Response:
    product = state.product_of(seller.seller_id, p.get("goods_no", ""))
    product.sale_price = int(p.get("sale_prc") or product.sale_price)
    product.writes += 1
    return result(GoodsNo=product.product_id)


async def update_stat(state: HomeShoppingState, seller: Seller, p: Params, form: Multi) -> Response:
    product = state.product_of(seller.seller_id, p.get("goods_no", ""))
    product.status = {"10": "sale", "20": "stop", "30": "ended"}.get(p.get("sale_stat_cd", ""), product.status)
    return result(GoodsNo=product.product_id)


async def goods_list(state: HomeShoppingState, seller: Seller, p: Params, form: Multi) -> Response:
    stat = {"sale": "10", "stop": "20"}
    return listing(
        "GoodsInfo",
        [
            {
                "GoodsNo": g.product_id,
                "EntrGoodsNo": g.seller_product_code,
                "GoodsNm": g.name,
                "SalePrc": g.sale_price,
                "StkQty": g.stock,
                "SaleStatCd": stat.get(g.status, "30"),
                "DispNo": g.category_id,
            }
            for g in state.products.values()
            if g.seller_id == seller.seller_id
        ],
    )


async def qna_list(state: HomeShoppingState, seller: Seller, p: Params, form: Multi) -> Response:
    start, end = _range(p)
    rows: list[dict[str, object]] = []
    for q in state.inquiries.values():
        if q.seller_id == seller.seller_id and start <= q.created_ms < end:
            product = state.products.get(q.product_id or "")
            rows.append(
                {
                    "QnaNo": q.inquiry_id,
                    "GoodsNo": q.product_id or "",
                    "GoodsNm": product.name if product else "",
                    "OrdNo": q.line_id.split(":")[0] if q.line_id else "",
                    "QstTitle": q.title,
                    "QstCont": q.content,
                    "CustNm": mask_name(q.customer),
                    "AnsYn": "Y" if q.answer else "N",
                    "AnsCont": q.answer or "",
                    "QstDtime": datetime.fromtimestamp(q.created_ms / 1000, KST).strftime("%Y%m%d%H%M%S"),
                }
            )
    return listing("QnAInfo", rows)


async def qna_answer(state: HomeShoppingState, seller: Seller, p: Params, form: Multi) -> Response:
    if not p.get("ans_cont"):
        raise LotteError("E4001", "답변 내용(ans_cont)은 필수입니다.")
    state.answer(seller.seller_id, p.get("qna_no", ""), p["ans_cont"])
    return result()


ROUTES: dict[str, Handler] = {
    "searchNewOrdLstOpenApi": orders,
    "searchCnclList": claims,
    "registDeliver": regist_deliver,
    "registApiGoodsInfo": regist_goods,
    "upateApiNewGoodsInfo": update_goods,
    "updateGoodsSalePrcOpenApi": update_price,
    "updateGoodsSaleStat": update_stat,
    "searchGoodsListOpenApi": goods_list,
    "searchQnAListOpenApi": qna_list,
    "updateQnaAnswerOpenApi": qna_answer,
}


def certify(state: HomeShoppingState, user: str, password: str) -> Response:
    seller = state.seller_by("user_id", user)
    if seller is None or seller.revoked or seller.credentials.get("password") != password or not password:
        return error("E1001", "아이디 또는 비밀번호가 올바르지 않습니다.")
    session = secrets.token_hex(16)
    seller.session_ids[session] = kst_yyyymmdd(state.now_ms())
    root = ET.Element("Response")
    sub(sub(root, "Result"), "SubscriptionId", session)
    return xml_response(root)


def session_seller(state: HomeShoppingState, session: str) -> Seller | None:
    today = kst_yyyymmdd(state.now_ms())
    for seller in state.sellers.values():
        day = seller.session_ids.get(session)
        if day is not None:
            return seller if day == today and not seller.revoked else None
    return None


def fault_response(kind: str) -> Response:
    if kind == "http_429":
        return error("E9429", "호출 한도를 초과했습니다.", 429)
    if kind == "malformed":
        return Response(
            b'<?xml version="1.0" encoding="UTF-8"?><Response><Result><OrderInfo><OrdNo>20',
            media_type="text/xml; charset=UTF-8",
        )
    return html_error(kind)


def create_external_app(state: HomeShoppingState) -> FastAPI:
    app = FastAPI(title="롯데홈쇼핑 Open API (sandbox)", docs_url=None, redoc_url=None, openapi_url=None)

    @app.api_route("/openapi/{operation}.lotte", methods=["GET", "POST"])
    async def call(operation: str, request: Request) -> Response:
        raw: FormData | QueryParams = await request.form() if request.method == "POST" else request.query_params
        form: Multi = {k: [str(v) for v in raw.getlist(k)] for k in raw}
        params: Params = {**request.query_params, **{k: v[-1] for k, v in form.items() if v}}
        if operation == "createCertification":
            return certify(state, params.get("strUserId", ""), params.get("strPassWd", ""))
        handler = ROUTES.get(operation)
        if handler is None:
            return error("E0404", "존재하지 않는 API입니다.", 404)
        seller = session_seller(state, params.get("subscriptionId", ""))
        if seller is None:
            return error("E0001", "인증정보(subscriptionId)가 유효하지 않습니다. 인증키를 다시 발급받으세요.")
        identify(request, seller.seller_id)
        if not state.allow(seller.seller_id):
            return error("E9429", "호출 한도를 초과했습니다.", 429)
        try:
            with state.lock:
                return await handler(state, seller, params, form)
        except LotteError as exc:
            return error(exc.code, exc.message)
        except Refusal as refusal:
            return error(refusal.code, refusal.message)
        except ValueError as exc:
            return error("E1100", f"파라미터 오류: {exc}")

    app.add_middleware(Gateway, state=state, responder=fault_response, peek=_peek(state))
    return app


def _peek(state: HomeShoppingState) -> Callable[[Scope], str | None]:
    def peek(scope: Scope) -> str | None:
        query = QueryParams(scope.get("query_string", b"").decode("latin-1"))
        seller = session_seller(state, query.get("subscriptionId", ""))
        return seller.seller_id if seller is not None else None

    return peek


def admin_extra() -> APIRouter:
    router = APIRouter()

    @router.post("/sessions/expire")
    async def expire(request: Request) -> ORJSONResponse:
        """Every session id stops working (as at KST midnight)."""
        state: HomeShoppingState = request.app.state.homeshopping
        count = sum(len(s.session_ids) for s in state.sellers.values())
        for seller in state.sellers.values():
            seller.session_ids.clear()
        return ORJSONResponse({"expired": count})

    return router
