"""The emulated Hmall API (mounted at /hmall/external). See the package docstring for what is modelled."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from fastapi import FastAPI, Request
from marketbridge.sandbox.core.synthetic import mask_name
from marketbridge.sandbox.core.timefmt import KST, kst_yyyymmdd
from marketbridge.sandbox.hmall.nexacro import answer, datasets
from marketbridge.sandbox.homeshopping_common.gateway import Gateway, identify
from marketbridge.sandbox.homeshopping_common.models import (
    ACKNOWLEDGED,
    CANCELLED,
    DELIVERED,
    DISPATCHED,
    NEW,
    Line,
    Product,
    Refusal,
    Seller,
)
from marketbridge.sandbox.homeshopping_common.state import DialectRules, HomeShoppingState
from marketbridge.sandbox.homeshopping_common.xmlio import BadXml
from starlette.responses import Response
from starlette.types import Scope

log = logging.getLogger(__name__)
COURIERS = frozenset({"12", "11", "13", "35", "33", "61", "38", "64", "68", "69", "70", "65", "60", "16"})
PRGR = {NEW: "25", ACKNOWLEDGED: "30", DISPATCHED: "45", DELIVERED: "50", CANCELLED: "25"}
PRGR_GB = {"P0": "25", "P1": "30", "P2": "45", "P3": "50"}
MAX_DAYS = 7  # (modelled)


def _line_id(order_no: str, seq: int) -> str:
    return f"{order_no}:{seq}:9{order_no[2:]}:{seq}"  # ordNo:ordPtcSeq:dlvstNo:dlvstPtcSeq


RULES = DialectRules(
    name="hmall",
    couriers=COURIERS,
    line_id=_line_id,
    product_id=lambda n: f"2{n:09d}",
    refusals={
        "not_found": ("E101", "배송지시 정보가 존재하지 않습니다."),
        "already_dispatched": ("E205", "이미 출고 처리된 배송지시입니다."),
        "cancelled": ("E206", "취소된 주문은 처리할 수 없습니다."),
        "unknown_courier": ("E301", "택배사 코드가 올바르지 않습니다."),
        "bad_state": ("E207", "처리할 수 없는 진행상태입니다."),
        "bad_tracking": ("E302", "송장번호가 올바르지 않습니다."),
    },
)


def make_credentials(state: HomeShoppingState, seller_id: str) -> dict[str, str]:
    return {"oauser_id": seller_id, "oause_key": state.new_secret(16)}


class HmallError(Exception):
    def __init__(self, code: int, message: str, status: int = 200) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


Handler = Callable[[HomeShoppingState, Seller, dict[str, list[dict[str, str]]]], Awaitable[Response]]


def _yyyymmdd(text: str) -> int:
    try:
        return int(datetime.strptime(text, "%Y%m%d").replace(tzinfo=KST).timestamp() * 1000)
    except ValueError:
        raise HmallError(-300, f"날짜 형식이 올바르지 않습니다(yyyyMMdd): {text}") from None


def order_row(line: Line) -> dict[str, Any]:
    order_no, seq, dlvst_no, dlvst_seq = line.line_id.split(":")
    ordered = datetime.fromtimestamp(line.ordered_ms / 1000, KST)
    r = line.receiver
    return {
        "dlvstNo": dlvst_no,
        "dlvstPtcSeq": dlvst_seq,
        "ordNo": order_no,
        "ordPtcSeq": seq,
        "slitmCd": line.product_id,
        "slitmNm": line.product_name,
        "uitmCd": "00001",
        "uitmTotNm": line.option_text,
        "venItemCd": line.seller_product_code,
        "ordQty": line.quantity,
        "sellUprc": line.unit_price,
        "lastDlvstPrgrGbcd": PRGR[line.status],
        "dlvCnclYn": "Y" if line.status == CANCELLED else "N",
        "dlvTypeGbcd": "40" if line.claim is not None and line.claim.kind == "exchange" else "10",
        "rcvrNm": mask_name(r.name),
        "rcvrHp": r.phone[:-4] + "****",
        "rcvrTel": "",
        "dlvApltNm": mask_name(line.buyer.name),
        "dlvApltTel": line.buyer.phone[:-4] + "****",
        "dstnPostNo": r.zip_code,
        "dstnAdr": f"{r.base_address} {r.detailed_address}",
        "ptcOrdDtm": ordered.strftime("%Y%m%d%H%M%S"),
        "dlvPaonMsg": r.memo,
        "dsrvDlvcoCd": line.courier or "",
        "invcNo": line.tracking or "",
        "oshpDtm": kst_yyyymmdd(line.dispatched_ms) if line.dispatched_ms else "",
        "clmGbcd": "" if line.claim is None else {"cancel": "C", "return": "R", "exchange": "X"}[line.claim.kind],
        "clmNo": "" if line.claim is None else line.claim.claim_id,
    }


async def select_orders(state: HomeShoppingState, seller: Seller, sets: dict[str, list[dict[str, str]]]) -> Response:
    params = (sets.get("dsInput") or [{}])[0]
    if params.get("venCd") != seller.seller_id:
        raise HmallError(-200, "협력사코드(venCd)가 인증 정보와 일치하지 않습니다.")
    start, end = _yyyymmdd(params.get("fromDate", "")), _yyyymmdd(params.get("toDate", ""))
    if end < start or end - start >= MAX_DAYS * 86_400_000:
        raise HmallError(-310, f"조회기간은 최대 {MAX_DAYS}일입니다.")
    wanted = PRGR_GB.get(params.get("prgrGb") or "")
    order_no = params.get("ordNo") or None
    end += 86_400_000
    rows = [
        order_row(ln)
        for ln in state.lines_of(seller.seller_id)
        if start <= ln.ordered_ms < end
        and (wanted is None or PRGR[ln.status] == wanted)
        and (order_no is None or ln.order_no == order_no)
    ]
    return answer(dsOutput=rows)


async def update_progress(state: HomeShoppingState, seller: Seller, sets: dict[str, list[dict[str, str]]]) -> Response:
    """(modelled) ProcGb P1 주문확인, P2 출고완료 (DsrvDlvcoCd + InvcNo), P3 배송완료; per-row results."""
    results = []
    for row in sets.get("dsInput") or []:
        key = f"{row.get('OrdNo')}:{row.get('OrdPtcSeq')}:{row.get('DlvstNo')}:{row.get('DlvstPtcSeq')}"
        try:
            line = state.line_of(seller.seller_id, key)
            proc = row.get("ProcGb")
            if proc == "P1":
                state.acknowledge(line)
            elif proc == "P2":
                state.dispatch(line, row.get("DsrvDlvcoCd", ""), row.get("InvcNo", ""))
            elif proc == "P3":
                state.deliver(line)
            else:
                raise RULES.refuse("bad_state", f"ProcGb {proc}")
            results.append({**_key(row), "resultCd": "0000", "resultMsg": "정상"})
        except Refusal as refusal:
            results.append({**_key(row), "resultCd": refusal.code, "resultMsg": refusal.message})
    return answer(dsOutput=results)


def _key(row: dict[str, str]) -> dict[str, str]:
    return {k: row.get(k, "") for k in ("DlvstNo", "DlvstPtcSeq", "OrdNo", "OrdPtcSeq")}


def product_row(p: Product) -> dict[str, Any]:
    return {
        "slitmCd": p.product_id,
        "venItemCd": p.seller_product_code,
        "slitmNm": p.name,
        "sellPrc": p.sale_price,
        "stockQty": p.stock,
        "sectId": p.category_id,
        "sellStatCd": {"sale": "10", "stop": "11"}.get(p.status, "19"),
        "sellStatNm": {"sale": "판매중", "stop": "일시중단"}.get(p.status, "판매종료"),
    }


def _notice(sets: dict[str, list[dict[str, str]]]) -> dict[str, str]:
    return {r.get("infNotfItemNm", ""): r.get("infNotfCntn", "") for r in sets.get("dsInfNotf") or []}


async def register_item(state: HomeShoppingState, seller: Seller, sets: dict[str, list[dict[str, str]]]) -> Response:
    item = (sets.get("dsItem") or [{}])[0]
    notice = _notice(sets)
    if not notice:
        raise HmallError(-410, "상품정보제공고시(dsInfNotf)는 필수입니다.")
    if any(int(u.get("addPrc") or 0) for u in sets.get("dsUitm") or []):
        raise HmallError(-420, "단품(옵션)별 추가금액은 등록할 수 없습니다.")
    missing = [f for f in ("venItemCd", "slitmNm", "sellPrc", "sectId") if not item.get(f)]
    if missing:
        raise HmallError(-400, f"필수 항목이 누락되었습니다: {', '.join(missing)}")
    product = state.add_product(
        seller.seller_id,
        name=item["slitmNm"],
        sale_price=int(item["sellPrc"]),
        stock=int(item.get("stockQty") or 0),
        seller_product_code=item["venItemCd"],
        category_id=item["sectId"],
        notice=notice,
        raw=dict(item),
    )
    return answer(dsOutput=[{"slitmCd": product.product_id, "venItemCd": product.seller_product_code}])


async def update_item(state: HomeShoppingState, seller: Seller, sets: dict[str, list[dict[str, str]]]) -> Response:
    item = (sets.get("dsItem") or [{}])[0]
    product = state.product_of(seller.seller_id, item.get("slitmCd", ""))
    if item.get("slitmNm"):
        product.name = item["slitmNm"]
    if item.get("stockQty"):
        product.stock = int(item["stockQty"])
    if item.get("sellStatCd"):
        product.status = {"10": "sale", "11": "stop"}.get(item["sellStatCd"], "ended")
    if _notice(sets):
        product.notice = _notice(sets)
    product.writes += 1
    return answer(dsOutput=[{"slitmCd": product.product_id, "venItemCd": product.seller_product_code}])


async def update_price(state: HomeShoppingState, seller: Seller, sets: dict[str, list[dict[str, str]]]) -> Response:
    row = (sets.get("dsInput") or [{}])[0]
    product = state.product_of(seller.seller_id, row.get("slitmCd", ""))
    product.sale_price = int(row.get("sellPrc") or product.sale_price)
    product.writes += 1
    return answer(dsOutput=[{"slitmCd": product.product_id, "sellPrc": product.sale_price}])


async def select_items(state: HomeShoppingState, seller: Seller, sets: dict[str, list[dict[str, str]]]) -> Response:
    wanted = (sets.get("dsInput") or [{}])[0].get("slitmCd") or None
    return answer(
        dsOutput=[
            product_row(p)
            for p in state.products.values()
            if p.seller_id == seller.seller_id and wanted in (None, p.product_id)
        ]
    )


CATEGORIES = [
    ("1000", "생활/주방", "", "N"),
    ("1001", "주방용품", "1000", "Y"),
    ("1002", "생활용품", "1000", "Y"),
    ("2000", "패션", "", "N"),
    ("2001", "여성의류", "2000", "Y"),
]


async def select_sections(state: HomeShoppingState, seller: Seller, sets: dict[str, list[dict[str, str]]]) -> Response:
    return answer(dsOutput=[{"sectId": i, "sectNm": n, "uprSectId": u, "leafYn": leaf} for i, n, u, leaf in CATEGORIES])


ROUTES: dict[str, Handler] = {
    "/front/sc/scb/scbd/selectOshpDtlList.do": select_orders,
    "/front/sc/scb/scbd/updateOshpPrgrByVen.do": update_progress,
    "/front/pd/pdb/multiItem.do": register_item,
    "/front/pd/pdb/updateItemByVen.do": update_item,
    "/front/pd/pdh/updateItemPrcHist.do": update_price,
    "/front/pd/pdb/selectItem.do": select_items,
    "/front/om/oma/selectSectMstList.do": select_sections,
}


def fault_response(kind: str) -> Response:
    if kind == "http_429":
        return answer(-429, "요청 한도를 초과했습니다. 잠시 후 다시 시도해 주세요.", 429)
    if kind == "malformed":
        body = b'<?xml version="1.0" encoding="UTF-8"?><Root><Parameters><Parameter id="ErrorCode">0</Para'
        return Response(body, media_type="text/xml; charset=UTF-8")
    status = {"http_500": 500, "http_503": 503, "timeout": 504}.get(kind, 500)
    return Response(
        f"<html><body><h1>{status} Error</h1></body></html>".encode(), status_code=status, media_type="text/html"
    )


def create_external_app(state: HomeShoppingState) -> FastAPI:
    app = FastAPI(title="Hmall supplier API (sandbox)", docs_url=None, redoc_url=None, openapi_url=None)

    @app.post("/front/{path:path}")
    async def dispatch_call(path: str, request: Request) -> Response:
        handler = ROUTES.get(f"/front/{path}")
        if handler is None:
            return answer(-404, "존재하지 않는 서비스입니다.", 404)
        try:
            seller = _authenticate(state, request)
            identify(request, seller.seller_id)
            if not state.allow(seller.seller_id):
                raise HmallError(-429, "요청 한도를 초과했습니다. 잠시 후 다시 시도해 주세요.", 429)
            sets = datasets(await request.body(), request.headers.get("content-type"))
            with state.lock:
                return await handler(state, seller, sets)
        except HmallError as exc:
            return answer(exc.code, exc.message, exc.status)
        except Refusal as refusal:
            return answer(-500, f"[{refusal.code}] {refusal.message}")
        except (BadXml, ValueError) as exc:
            return answer(-300, f"요청 XML을 해석할 수 없습니다: {exc}")

    app.add_middleware(Gateway, state=state, responder=fault_response, peek=_peek)
    return app


def _peek(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"oauserid":
            return str(value.decode("latin-1"))
    return None


def _authenticate(state: HomeShoppingState, request: Request) -> Seller:
    user, key = request.headers.get("oauserId", ""), request.headers.get("oauseKey", "")
    seller = state.sellers.get(user)
    if seller is None or seller.revoked or seller.credentials.get("oause_key") != key or not key:
        raise HmallError(-100, "인증에 실패했습니다(oauserId/oauseKey).", 401)
    return seller
