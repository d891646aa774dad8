"""Orders and shipping (`/shipping/v1`): RequestOrders (1 call / 5 s per seller id), OrderCheck, ShippingInfo."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.esm import couriers
from marketbridge.sandbox.esm.common import (
    RATE_LIMITED,
    SITE_BY_TYPE,
    EsmError,
    body,
    ctx,
    esm_state,
    int_field,
    ok,
    parse_minute,
    parse_second,
    seller_for,
    site_type,
)
from marketbridge.sandbox.esm.models import Claim, DispatchRecord, Order
from marketbridge.sandbox.esm.serialize import lookup_row, order_row
from marketbridge.sandbox.esm.state import EsmState

router = APIRouter(prefix="/shipping/v1")
MAX_WINDOW_MS = 31 * 86_400_000
MAX_PAGE_SIZE = 500  # (modelled) the public record gives no maximum
ACTIVE = {"cancel": (1, 2), "return": (1, 2, 3), "exchange": (1, 2, 3, 4)}
WITHDRAWN = {"cancel": 4, "return": 5, "exchange": 6}
SHIPPING_DATE_SLACK_MS = 2 * 86_400_000


def active_claim(order: Order) -> Claim | None:
    claim = order.claim
    return claim if claim is not None and claim.status in ACTIVE[claim.kind] else None


def is_claim_order(order: Order) -> bool:
    """Claim orders (취소·반품·교환) are not returned by the status lists; withdrawn claims do not count."""
    claim = order.claim
    return claim is not None and claim.status != WITHDRAWN[claim.kind]


def find_order(request: Request, order_no: Any, site: str | None = None) -> Order:
    """An order of one of the token's sellers (`99999` otherwise, as G마켓 answers)."""
    try:
        number = int(order_no)
    except (TypeError, ValueError):
        raise EsmError(3000, "OrderNo: 숫자 형식이 아닙니다.", site=site) from None
    order = esm_state(request).orders.get(number)
    sellers = ctx(request).sellers
    if order is None or sellers.get(order.site) != order.seller_id or (site is not None and order.site != site):
        hint = site or (next(iter(sellers)) if len(sellers) == 1 else None)
        raise EsmError(99999, "주문 정보가 없습니다.", site=hint, biz_rule="ORDER_NOT_FOUND")
    return order


def _site(data: dict[str, Any]) -> str:
    site = SITE_BY_TYPE.get(site_type(data, "siteType", "SiteType"))
    if site is None:
        raise EsmError(3000, "siteType: 1(옥션) 또는 2(G마켓)이어야 합니다.")
    return site


@router.post("/Order/RequestOrders")
async def request_orders(request: Request) -> ORJSONResponse:
    data = await body(request)
    state, site = esm_state(request), _site(data)
    seller = seller_for(request, site)
    status = int_field(data, "orderStatus")
    if status == 0:  # order-number lookups are exempt from the 5-second limit
        order = find_order(request, data.get("orderNo"), site)
        return ok({"TotalCount": 1, "RequestOrders": [lookup_row(order)]}, site)
    if status not in (1, 2, 3, 4, 5):
        raise EsmError(3000, "orderStatus: 0~5 중 하나여야 합니다.", site=site)
    start = parse_minute(data.get("requestDateFrom"), "requestDateFrom")
    end = parse_minute(data.get("requestDateTo"), "requestDateTo")
    if end < start or end - start > MAX_WINDOW_MS:
        raise EsmError(3000, "조회 기간은 최대 31일입니다.", site=site)
    size = int_field(data, "pageSize", 100)
    page = int_field(data, "pageIndex", 1)
    if not 1 <= size <= MAX_PAGE_SIZE or page < 1:
        raise EsmError(3000, f"pageSize는 1~{MAX_PAGE_SIZE}, pageIndex는 1 이상이어야 합니다.", site=site)
    with state.lock:
        if not state.order_list_allowed(site, seller):
            raise EsmError(3000, RATE_LIMITED, site=site, biz_rule="CALL_LIMIT")
        by_order_date = int_field(data, "requestDateType", 2) == 1
        rows = [
            o
            for o in state.orders_of(site, seller)
            if o.status == status
            and not is_claim_order(o)
            and start <= (o.order_ms if by_order_date else o.pay_ms) < end + 60_000
        ]
        page_rows = [order_row(o) for o in rows[(page - 1) * size : page * size]]
    return ok({"TotalCount": len(rows), "RequestOrders": page_rows}, site)


@router.post("/Order/OrderCheck/{order_no}")
async def order_check(order_no: str, request: Request) -> ORJSONResponse:
    data = await body(request)
    site = SITE_BY_TYPE.get(int_field(data, "siteType", 0)) if data.get("siteType") else None
    state = esm_state(request)
    with state.lock:
        order = find_order(request, order_no, site)
        if active_claim(order) is not None:
            raise EsmError(8668, "클레임이 진행 중인 주문입니다.", site=order.site, biz_rule="CLAIM_IN_PROGRESS")
        if order.status not in (1, 2):
            raise EsmError(8668, "주문확인할 수 없는 주문 상태입니다.", site=order.site, biz_rule="INVALID_STATUS")
        if order.status == 1:  # confirming twice answers success again (modelled)
            order.status, order.confirm_ms = 2, state.now_ms()
        return ok({"OrderNo": order.order_no, "IsChanged": 1 if order.address_changed else 0}, order.site)


def _dispatch_checks(state: EsmState, order: Order, data: dict[str, Any]) -> tuple[int, str, str]:
    company = int_field(data, "DeliveryCompanyCode")
    invoice = str(data.get("InvoiceNo") or "").replace("-", "")
    shipping_date = str(data.get("ShippingDate") or "")
    when = parse_second(shipping_date, "ShippingDate")
    site = order.site
    if abs(when - state.now_ms()) > SHIPPING_DATE_SLACK_MS:
        raise EsmError(3000, "ShippingDate는 현재 시각 기준 2일 이내여야 합니다.", site=site)
    if company not in couriers.COMPANIES:
        raise EsmError(3000, "DeliveryCompanyCode: 등록되지 않은 택배사 코드입니다.", site=site)
    if not invoice.isdigit() or not 8 <= len(invoice) <= 20:
        raise EsmError(3000, "InvoiceNo: 송장번호 형식이 올바르지 않습니다.", site=site)
    if order.status >= 3:  # the second dispatch of an order line is refused
        raise EsmError(8668, "이미 발송처리된 주문입니다.", site=site, biz_rule="ALREADY_SHIPPED")
    claim = active_claim(order)
    if claim is not None and claim.kind != "cancel":
        raise EsmError(8668, "클레임이 진행 중인 주문입니다.", site=site, biz_rule="CLAIM_IN_PROGRESS")
    if order.claim is not None and order.claim.kind == "cancel" and order.claim.status == 3:
        raise EsmError(5800, "취소(환불)된 주문입니다.", site=site, biz_rule="CANCELLED")
    return company, invoice, shipping_date


@router.post("/Delivery/ShippingInfo")
async def shipping_info(request: Request) -> ORJSONResponse:
    data = await body(request)
    state = esm_state(request)
    with state.lock:
        order = find_order(request, data.get("OrderNo"))
        order.dispatch_attempts += 1
        company, invoice, shipping_date = _dispatch_checks(state, order, data)
        now = state.now_ms()
        claim = active_claim(order)
        if claim is not None:  # dispatching withdraws a pending cancel request (modelled)
            claim.status, claim.complete_ms = 4, now
        if order.confirm_ms is None:
            order.confirm_ms = now
        order.status, order.trans_ms, order.company, order.invoice = 3, now, company, invoice
        state.dispatches.append(
            DispatchRecord(order.order_no, order.site, order.seller_id, company, invoice, shipping_date, now)
        )
        return ok({"OrderNo": order.order_no}, order.site)
