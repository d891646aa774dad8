"""Claims (`/claim/v1/sa`): cancel / return / exchange lists (≤ 7 days) and the seller's decisions.

Documented: Cancels (SiteType 1 옥션 / **3 G마켓**; 2 silently answers nothing), Returns, Exchanges, return
approval `PUT /return/{OrderNo}`, 판매취소 `POST /Cancel/{OrderNo}/SoldOut`, exchange pickup / hold / release.
(modelled): cancel approval as `PUT /Cancel/{OrderNo}` (one client uses `POST /Cancels/Approval`), return hold
and release (`POST|DELETE /return/{OrderNo}/hold`, page /56 not captured), return pickup done
(`PUT /return/{OrderNo}/pickup`), exchange re-ship `POST /exchange/{OrderNo}/resend` (pages /62-/63), and the
return/exchange status codes (return 1 요청, 2 수거중, 3 수거완료, 4 반품완료, 5 철회; exchange 1 요청,
2 수거중, 3 수거완료, 4 재발송, 5 교환완료, 6 철회).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.esm import couriers
from marketbridge.sandbox.esm.common import (
    CANCEL_SITE_BY_TYPE,
    SITE_BY_TYPE,
    EsmError,
    body,
    day_window,
    esm_state,
    int_field,
    ok,
    seller_for,
    site_type,
)
from marketbridge.sandbox.esm.models import Claim, Order
from marketbridge.sandbox.esm.routes_orders import find_order
from marketbridge.sandbox.esm.serialize import cancel_row, exchange_row, return_row

router = APIRouter(prefix="/claim/v1/sa")
MAX_DAYS = 7


def _list(
    request: Request,
    data: dict[str, Any],
    site: str | None,
    kind: str,
    status: int,
    row: Callable[[Order, Claim], dict[str, Any]],
) -> ORJSONResponse:
    if site is None:
        return ok([])
    seller = seller_for(request, site)
    start, end = day_window(data, "StartDate", "EndDate", MAX_DAYS)
    state = esm_state(request)
    with state.lock:
        rows = [
            row(o, o.claim)
            for o in state.orders_of(site, seller)
            if o.claim is not None
            and o.claim.kind == kind
            and (status == 0 or o.claim.status == status)
            and start <= o.claim.request_ms <= end
        ]
    if not rows and site == "A":
        raise EsmError(1000, "조회된 데이터가 없습니다.", site=site, biz_rule="NO_DATA")
    return ok(rows, site)


@router.post("/Cancels")
async def cancels(request: Request) -> ORJSONResponse:
    data = await body(request)
    raw_site = site_type(data, "SiteType", "siteType")
    if raw_site not in (1, 2, 3):
        raise EsmError(3000, "SiteType: 1(옥션) 또는 3(G마켓)이어야 합니다.")
    return _list(
        request, data, CANCEL_SITE_BY_TYPE.get(raw_site), "cancel", int_field(data, "CancelStatus", 0), cancel_row
    )


@router.post("/Returns")
async def returns(request: Request) -> ORJSONResponse:
    data = await body(request)
    status = int_field(data, "ReturnStatus")
    if status not in (1, 2, 3, 4, 5):
        raise EsmError(2000, "ReturnStatus: 1~5 중 하나여야 합니다.")
    return _list(request, data, _site(data), "return", status, return_row)


@router.post("/Exchanges")
async def exchanges(request: Request) -> ORJSONResponse:
    data = await body(request)
    status = int_field(data, "ExchangeStatus")
    if status not in (1, 2, 3, 4, 5, 6):
        raise EsmError(2000, "ExchangeStatus: 1~6 중 하나여야 합니다.")
    return _list(request, data, _site(data), "exchange", status, exchange_row)


def _site(data: dict[str, Any]) -> str:
    site = SITE_BY_TYPE.get(site_type(data, "SiteType", "siteType"))
    if site is None:
        raise EsmError(3000, "SiteType: 1(옥션) 또는 2(G마켓)이어야 합니다.")
    return site


async def _claim(request: Request, order_no: str, kind: str, statuses: tuple[int, ...]) -> tuple[Order, Claim]:
    data = await body(request)
    order = find_order(request, order_no)
    claim = order.claim
    if claim is None or claim.kind != kind:
        raise EsmError(8000, "처리할 클레임이 없습니다.", site=order.site, biz_rule="NO_CLAIM")
    if claim.status not in statuses:
        raise EsmError(8668, "클레임 상태를 확인해 주세요.", site=order.site, biz_rule="INVALID_CLAIM_STATUS")
    request.state.esm_body = data
    return order, claim


def _done(order: Order) -> ORJSONResponse:
    return ok({"OrderNo": order.order_no}, order.site)


@router.put("/Cancel/{order_no}")
async def approve_cancel(order_no: str, request: Request) -> ORJSONResponse:
    state = esm_state(request)
    order, claim = await _claim(request, order_no, "cancel", (1, 2))
    with state.lock:
        claim.status, claim.complete_ms = 3, state.now_ms()
    return _done(order)


@router.post("/Cancel/{order_no}/SoldOut")
async def sold_out(order_no: str, request: Request) -> ORJSONResponse:
    data = await body(request)
    state = esm_state(request)
    with state.lock:
        order = find_order(request, order_no)
        if order.claim is not None and order.claim.status in (1, 2, 3):
            raise EsmError(8668, "이미 취소 처리 중인 주문입니다.", site=order.site, biz_rule="CLAIM_IN_PROGRESS")
        if order.status not in (1, 2):
            raise EsmError(8668, "발송 전 주문만 판매취소할 수 있습니다.", site=order.site, biz_rule="INVALID_STATUS")
        now = state.now_ms()
        order.claim = Claim("cancel", 3, str(data.get("ReasonDetail") or "품절"), now, "SELLER", complete_ms=now)
    return _done(order)


@router.put("/return/{order_no}")
async def approve_return(order_no: str, request: Request) -> ORJSONResponse:
    state = esm_state(request)
    order, claim = await _claim(request, order_no, "return", (1, 2, 3))
    with state.lock:  # approval releases a hold, completes the pickup and triggers the refund
        claim.status, claim.complete_ms, claim.on_hold = 4, state.now_ms(), False
    return _done(order)


@router.put("/return/{order_no}/pickup")
async def return_pickup_done(order_no: str, request: Request) -> ORJSONResponse:
    order, claim = await _claim(request, order_no, "return", (1, 2))
    claim.status = 3
    return _done(order)


@router.put("/exchange/{order_no}/pickup")
async def exchange_pickup_done(order_no: str, request: Request) -> ORJSONResponse:
    order, claim = await _claim(request, order_no, "exchange", (1, 2))
    claim.status = 3
    return _done(order)


@router.post("/{kind}/{order_no}/hold")
async def hold(kind: str, order_no: str, request: Request) -> ORJSONResponse:
    claim_kind = _hold_kind(kind)
    order, claim = await _claim(request, order_no, claim_kind, (1, 2, 3))
    data: dict[str, Any] = request.state.esm_body
    reason = int_field(data, "HoldReason", 0)
    if reason not in (0, 1, 4):
        raise EsmError(2000, "HoldReason: 0, 1, 4 중 하나여야 합니다.", site=order.site)
    claim.on_hold, claim.hold_reason = True, f"{reason}:{data.get('HoldComment') or ''}"
    return _done(order)


@router.delete("/{kind}/{order_no}/hold")
async def release_hold(kind: str, order_no: str, request: Request) -> ORJSONResponse:
    order, claim = await _claim(request, order_no, _hold_kind(kind), (1, 2, 3))
    if not claim.on_hold:
        raise EsmError(8668, "보류 중인 클레임이 아닙니다.", site=order.site, biz_rule="NOT_ON_HOLD")
    claim.on_hold, claim.hold_reason = False, None
    return _done(order)


def _hold_kind(kind: str) -> str:
    if kind not in ("return", "exchange"):
        raise EsmError(3000, "지원하지 않는 클레임 유형입니다.")
    return kind


@router.post("/exchange/{order_no}/resend")
async def exchange_resend(order_no: str, request: Request) -> ORJSONResponse:
    order, claim = await _claim(request, order_no, "exchange", (3,))
    data: dict[str, Any] = request.state.esm_body
    company = int_field(data, "DeliveryCompCode")
    invoice = str(data.get("InvoiceNo") or "")
    if company not in couriers.COMPANIES or not invoice.isdigit():
        raise EsmError(3000, "DeliveryCompCode, InvoiceNo를 확인해 주세요.", site=order.site)
    claim.status, claim.resend_company, claim.resend_invoice, claim.on_hold = 4, company, invoice, False
    return _done(order)
