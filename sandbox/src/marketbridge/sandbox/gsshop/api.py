"""The emulated GS SHOP supplier API (mounted at /gsshop/external). See the package docstring."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

import httpx
import orjson
from fastapi import FastAPI, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.synthetic import mask_name
from marketbridge.sandbox.core.timefmt import KST
from marketbridge.sandbox.homeshopping_common.gateway import Gateway, identify
from marketbridge.sandbox.homeshopping_common.models import CANCELLED, DELIVERED, DISPATCHED, Line, Refusal, Seller
from marketbridge.sandbox.homeshopping_common.state import DialectRules, HomeShoppingState
from marketbridge.sandbox.homeshopping_common.xmlio import html_error
from starlette.responses import Response

log = logging.getLogger(__name__)
COURIERS = frozenset({"DH", "HD", "HJ", "EP", "KG", "KD", "IY", "CI", "H1", "DS", "KY", "CV", "ZY"})
CLAIM_TYPE = {"cancel": "C", "return": "R", "exchange": "X"}
DLV_ST = {DISPATCHED: "30", DELIVERED: "40", CANCELLED: "90"}
PUSH_TIMEOUT = 10.0
RULES = DialectRules(
    name="gsshop",
    couriers=COURIERS,
    order_no=lambda now_ms, n: f"{n % 10_000_000_000:010d}",
    line_id=lambda order_no, seq: f"{order_no}:{seq:05d}0",
    product_id=lambda n: f"{n:09d}",
    refusals={
        "not_found": ("E", "주문정보가 존재하지 않습니다."),
        "already_dispatched": ("E", "이미 송장이 등록된 주문입니다."),
        "cancelled": ("E", "취소된 주문입니다."),
        "unknown_courier": ("E", "택배사코드(deliveryCd)가 올바르지 않습니다."),
        "bad_state": ("E", "처리할 수 없는 주문상태입니다."),
        "bad_tracking": ("E", "송장번호(deliveryNo)가 올바르지 않습니다."),
    },
)


class GsError(Exception):
    def __init__(self, message: str, status: int = 200) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def make_credentials(state: HomeShoppingState, seller_id: str) -> dict[str, str]:
    return {"sup_cd": seller_id, "sender_id": f"SUP{seller_id}", "receiver_token": state.new_secret(16)}


def answer(code: str = "S", message: str = "정상처리되었습니다.", status: int = 200, **extra: Any) -> ORJSONResponse:
    return ORJSONResponse({"resultCd": code, "resultMsg": message, **extra}, status_code=status)


def _kst(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, KST).strftime("%Y%m%d%H%M%S")


def _row(line: Line, ord_type: str) -> dict[str, Any]:
    order_no, item_no = line.line_id.split(":")
    r = line.receiver
    row: dict[str, Any] = {
        "ordTypeCd": ord_type,
        "ordNo": order_no,
        "ordItemNo": item_no,
        "orgOrdNo": order_no if ord_type != "O" else "",
        "orgOrdItemNo": item_no if ord_type != "O" else "",
        "ordQty": line.quantity,
        "prdCd": line.product_id,
        "prdNm": line.product_name,
        "supPrdCd": line.seller_product_code,
        "attrPrdCd": f"{line.product_id}001",
        "attrPrdNm": line.option_text,
        "salePrc": line.unit_price,
        "ordDtm": _kst(line.ordered_ms),
        "ordNm": mask_name(line.buyer.name),
        "rcvNm": mask_name(r.name),
        "rcvHpNo": r.phone[:-4] + "****",
        "rcvTelNo": "",
        "rcvZipNo": r.zip_code,
        "rcvAddr1": r.base_address,
        "rcvAddr2": r.detailed_address,
        "dlvMsg": r.memo,
        "dlvStCd": DLV_ST.get(line.status, "10"),
        "deliveryCd": line.courier or "",
        "deliveryNo": line.tracking or "",
    }
    if ord_type != "O" and line.claim is not None:
        row["clmNo"] = line.claim.claim_id
        row["clmDtm"] = _kst(line.claim.created_ms)
    return row


def push_rows(state: HomeShoppingState, seller: Seller, sd_dt: str, process_type: str) -> list[dict[str, Any]]:
    start = int(datetime.strptime(sd_dt, "%Y%m%d").replace(tzinfo=KST).timestamp() * 1000)
    rows = []
    for line in state.lines_of(seller.seller_id):
        if start <= line.ordered_ms < start + 86_400_000 and process_type in ("A", "S"):
            rows.append(_row(line, "O"))
        claim = line.claim
        if claim is not None and start <= claim.created_ms < start + 86_400_000:
            kind = CLAIM_TYPE[claim.kind]
            if (kind == "C") == (process_type == "C") or process_type == "A":
                rows.append(_row(line, kind))
    return rows


async def push(state: HomeShoppingState, seller: Seller, sd_dt: str, process_type: str) -> int:
    """POST the orders to the seller's receiver URL (GS -> seller); answers the number pushed."""
    if not seller.receiver_url:
        raise GsError("수신 URL이 등록되지 않은 협력사입니다. 협력사 정보를 확인해 주세요.")
    with state.lock:
        rows = push_rows(state, seller, sd_dt, process_type)
    body = {
        "sender": "GS SHOP",
        "receiver": seller.credentials["sup_cd"],
        "documentId": "ORDINF",
        "processType": process_type,
        "sdDt": sd_dt,
        "resultCnt": len(rows),
        "resultCd": "S",
        "resultList": rows,
    }
    try:
        async with httpx.AsyncClient(timeout=PUSH_TIMEOUT) as client:
            response = await client.post(
                seller.receiver_url,
                content=orjson.dumps(body),
                headers={"Content-Type": "application/json; charset=utf-8"},
            )
        reply = response.json() if response.content else {}
    except (httpx.HTTPError, json.JSONDecodeError, ValueError) as exc:
        raise GsError(f"수신처 전송에 실패했습니다: {type(exc).__name__}") from None
    if response.status_code >= 300 or reply.get("resultCd") != "S":
        raise GsError(f"수신처가 주문 수신을 거부했습니다: {response.status_code} {reply.get('resultMsg', '')}")
    state.calls.record("POST", "(push)", "push ORDINF", response.status_code, seller.seller_id, 0.0)
    return len(rows)


def _seller(state: HomeShoppingState, body: dict[str, Any]) -> Seller:
    seller = state.seller_by("sender_id", str(body.get("sender", "")))
    sup_cd = body.get("supCd")
    if seller is None or seller.revoked or (sup_cd is not None and seller.credentials["sup_cd"] != str(sup_cd)):
        raise GsError("허용되지 않은 협력사(sender/supCd) 또는 IP입니다.", 403)
    return seller


async def send_order_info(state: HomeShoppingState, request: Request, body: dict[str, Any]) -> Response:
    seller = _seller(state, body)
    identify(request, seller.seller_id)
    _limit(state, seller)
    if body.get("documentId") != "ORDINF" or body.get("processType") not in ("A", "S", "C"):
        raise GsError("documentId(ORDINF) 또는 processType(A|S|C)이 올바르지 않습니다.")
    sd_dt = str(body.get("sdDt", ""))
    try:
        datetime.strptime(sd_dt, "%Y%m%d")
    except ValueError:
        raise GsError(f"sdDt 형식이 올바르지 않습니다(yyyyMMdd): {sd_dt}") from None
    count = await push(state, seller, sd_dt, str(body["processType"]))
    return answer(resultCnt=count)


async def receive_delivery(state: HomeShoppingState, request: Request, body: dict[str, Any]) -> Response:
    seller = _seller(state, body)
    identify(request, seller.seller_id)
    _limit(state, seller)
    if body.get("documentId") != "DLVINF":
        raise GsError("documentId(DLVINF)가 올바르지 않습니다.")
    with state.lock:
        line = state.line_of(seller.seller_id, f"{body.get('ordNo')}:{body.get('ordItemNo')}")
        state.dispatch(line, str(body.get("deliveryCd", "")), str(body.get("deliveryNo", "")))
    return answer(ordNo=line.order_no)


def _limit(state: HomeShoppingState, seller: Seller) -> None:
    if not state.allow(seller.seller_id):
        raise GsError("호출 허용량을 초과했습니다.", 429)


def _notice(form: dict[str, str]) -> dict[str, str]:
    try:
        items = json.loads(form.get("prdGovPublsItmList") or "[]")
    except json.JSONDecodeError:
        return {}
    return {str(i.get("itmNm")): str(i.get("itmCntnt")) for i in items if isinstance(i, dict)}


def product_answer(success: bool, msg: str, **extra: Any) -> ORJSONResponse:
    return ORJSONResponse({"success": "True" if success else "False", "msg": msg, **extra})


async def product(state: HomeShoppingState, request: Request) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    seller = state.seller_by("sup_cd", form.get("supCd", ""))
    if seller is None or seller.revoked:
        return ORJSONResponse({"success": "False", "msg": "허용되지 않은 협력사 또는 IP입니다."}, status_code=403)
    identify(request, seller.seller_id)
    if not state.allow(seller.seller_id):
        return ORJSONResponse({"success": "False", "msg": "호출 허용량을 초과했습니다."}, status_code=429)
    with state.lock:
        if form.get("regGbn") == "I":
            return _register(state, seller, form)
        try:
            item = state.product_of(seller.seller_id, form.get("prdCd", ""))
        except Refusal:
            return product_answer(False, "상품정보가 존재하지 않습니다.", prdCd=form.get("prdCd", ""))
        mod = form.get("modGbn", "U")
        if mod == "S":
            item.status = "stop"
        item.name = form.get("prdNm") or item.name
        item.sale_price = int(form.get("prdPrcSalePrc") or item.sale_price)
        item.stock = int(form.get("ordPsblQty") or item.stock)
        item.notice = _notice(form) or item.notice
        item.writes += 1
        return product_answer(
            True, "수정되었습니다.", prdCd=item.product_id, supPrdCd=item.seller_product_code, supCd=seller.seller_id
        )


def _register(state: HomeShoppingState, seller: Seller, form: dict[str, str]) -> Response:
    missing = [f for f in ("supPrdCd", "prdNm", "prdClsCd", "prdPrcSalePrc") if not form.get(f)]
    if missing:
        return product_answer(False, f"필수항목 누락: {', '.join(missing)}")
    notice = _notice(form)
    if not notice:
        return product_answer(False, "상품정보제공고시(prdGovPublsItmList)는 필수입니다.")
    if any(int(a.get("addPrc") or 0) for a in json.loads(form.get("attrPrdList") or "[]")):
        return product_answer(False, "속성상품(옵션)별 추가금액은 등록할 수 없습니다.")
    item = state.add_product(
        seller.seller_id,
        name=form["prdNm"],
        sale_price=int(form["prdPrcSalePrc"]),
        stock=int(form.get("ordPsblQty") or 0),
        seller_product_code=form["supPrdCd"],
        category_id=form["prdClsCd"],
        notice=notice,
        raw=dict(form),
    )
    return product_answer(
        True, "등록되었습니다.", prdCd=item.product_id, supPrdCd=item.seller_product_code, supCd=seller.seller_id
    )


async def product_info(state: HomeShoppingState, request: Request, body: dict[str, Any]) -> Response:
    seller = _seller(state, body)
    identify(request, seller.seller_id)
    _limit(state, seller)
    stat = {"sale": "10", "stop": "20"}
    rows = [
        {
            "prdCd": p.product_id,
            "supPrdCd": p.seller_product_code,
            "prdNm": p.name,
            "prdPrcSalePrc": p.sale_price,
            "ordPsblQty": p.stock,
            "prdClsCd": p.category_id,
            "saleStCd": stat.get(p.status, "30"),
        }
        for p in state.products.values()
        if p.seller_id == seller.seller_id and body.get("prdCd") in (None, p.product_id)
    ]
    return answer(resultCnt=len(rows), prdList=rows)


CATEGORIES = [
    ("A1", "홈/리빙", "", "N"),
    ("A101", "침구", "A1", "Y"),
    ("B1", "식품", "", "N"),
    ("B101", "건강식품", "B1", "Y"),
]


async def categories(state: HomeShoppingState, request: Request, body: dict[str, Any]) -> Response:
    seller = _seller(state, body)
    identify(request, seller.seller_id)
    return answer(
        resultList=[{"prdClsCd": c, "prdClsNm": n, "uprPrdClsCd": u, "lastYn": leaf} for c, n, u, leaf in CATEGORIES]
    )


JSON_ROUTES = {
    "/b2b/SupSendOrderInfo.gs": send_order_info,
    "/b2b/aliaSupCommonReceiveOrderInfo.gs": receive_delivery,
    "/api/v3/getPrdInfo.gs": product_info,
    "/b2b/SupSendPrdClsInfo.gs": categories,
}


def fault_response(kind: str) -> Response:
    if kind == "http_429":
        return answer("E", "호출 허용량을 초과했습니다.", 429)
    if kind == "malformed":
        return Response(b'{"resultCd":"S","resultMsg":"', media_type="application/json")
    return html_error(kind)


def create_external_app(state: HomeShoppingState) -> FastAPI:
    app = FastAPI(title="GS SHOP supplier API (sandbox)", docs_url=None, redoc_url=None, openapi_url=None)

    @app.post("/{path:path}")
    async def call(path: str, request: Request) -> Response:
        try:
            if f"/{path}" == "/alia/aliaCommonPrd.gs":
                return await product(state, request)
            handler = JSON_ROUTES.get(f"/{path}")
            if handler is None:
                return answer("E", "존재하지 않는 서비스입니다.", 404)
            try:
                body = orjson.loads(await request.body())
            except orjson.JSONDecodeError:
                raise GsError("요청 JSON을 해석할 수 없습니다.") from None
            return await handler(state, request, body if isinstance(body, dict) else {})
        except GsError as exc:
            return answer("E", exc.message, exc.status)
        except Refusal as refusal:
            return answer("E", refusal.message)

    app.add_middleware(Gateway, state=state, responder=fault_response)
    return app
