"""Order group ("주문 판매자"): change feed, details, conditional search, confirm, dispatch, delay."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.timefmt import DAY_MS, fmt_kst
from marketbridge.sandbox.naver import orderflow
from marketbridge.sandbox.naver.errors import order_error
from marketbridge.sandbox.naver.models import ProductOrder
from marketbridge.sandbox.naver.routes.common import (
    bulk_envelope,
    envelope,
    json_body,
    naver_state,
    query_datetime,
    query_int,
    query_list,
    seller_store,
)
from marketbridge.sandbox.naver.serialize import change_row, product_order_detail

router = APIRouter(prefix="/v1/pay-order/seller")

CHANGE_TYPES = frozenset({"PAY_WAITING", "PAYED", "EXCHANGE_OPTION", "DELIVERY_ADDRESS_CHANGED", "GIFT_RECEIVED",
                          "CLAIM_REJECTED", "DISPATCHED", "CLAIM_REQUESTED", "COLLECT_DONE", "CLAIM_COMPLETED",
                          "PURCHASE_DECIDED", "HOPE_DELIVERY_INFO_CHANGED", "CLAIM_REDELIVERING"})
RANGE_TIMES: dict[str, Callable[[ProductOrder], int | None]] = {
    "PAYED_DATETIME": lambda po: po.paid_ms,
    "ORDERED_DATETIME": lambda po: po.ordered_ms,
    "DISPATCHED_DATETIME": lambda po: po.delivery.send_ms if po.delivery else None,
    "PURCHASE_DECIDED_DATETIME": lambda po: po.decided_ms,
    "CLAIM_REQUESTED_DATETIME": lambda po: po.claim.request_ms if po.claim else None,
    "CLAIM_COMPLETED_DATETIME": lambda po: po.claim.completed_ms if po.claim else None,
    "COLLECT_COMPLETED_DATETIME": lambda po: po.claim.collect_completed_ms if po.claim else None,
    "GIFT_RECEIVED_DATETIME": lambda po: None,
    "HOPE_DELIVERY_INFO_CHANGED_DATETIME": lambda po: None,
}


def _window(request: Request, from_name: str, to_name: str) -> tuple[int, int]:
    start = query_datetime(request, from_name, required=True)
    assert start is not None
    end = query_datetime(request, to_name, required=False)
    end = start + DAY_MS if end is None else end
    if end < start:
        raise order_error("4000", f"{to_name}: {from_name} 이후여야 합니다.")
    if end - start > DAY_MS:
        raise order_error("104139")
    return start, end


@router.get("/product-orders/last-changed-statuses")
async def last_changed_statuses(request: Request) -> ORJSONResponse:
    start, end = _window(request, "lastChangedFrom", "lastChangedTo")
    change_type = request.query_params.get("lastChangedType") or None
    if change_type is not None and change_type not in CHANGE_TYPES:
        raise order_error("4000", "lastChangedType: 유효하지 않은 값입니다.")
    limit = query_int(request, "limitCount", 300, 1, 300, clamp=True)
    more_sequence = request.query_params.get("moreSequence") or None
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        rows, more = store.changed(start, end, change_type, more_sequence, limit)
        data: dict[str, object] = {"lastChangeStatuses": [change_row(po) for po in rows], "count": len(rows)}
    if more is not None:
        data["more"] = {"moreFrom": fmt_kst(more[0]), "moreSequence": more[1]}
    return envelope(request, data)


@router.post("/product-orders/query")
async def query_product_orders(request: Request) -> ORJSONResponse:
    ids = orderflow.require_list(await json_body(request), "productOrderIds", 300)
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        seen: set[str] = set()
        data = []
        for raw in ids:
            po = store.pos.get(str(raw))
            if po is not None and po.product_order_id not in seen:
                seen.add(po.product_order_id)
                data.append(product_order_detail(po))
    return envelope(request, data)


def _matching(request: Request, candidates: Iterable[ProductOrder], start: int, end: int,
              time_of: Callable[[ProductOrder], int | None]) -> Iterable[ProductOrder]:
    statuses = set(query_list(request, "productOrderStatuses"))
    claim_statuses = set(query_list(request, "claimStatuses"))
    place = request.query_params.get("placeOrderStatusType") or None
    for po in candidates:
        moment = time_of(po)
        if moment is None or not start <= moment <= end:
            continue
        if statuses and po.status not in statuses:
            continue
        if claim_statuses and (po.claim is None or po.claim.status not in claim_statuses):
            continue
        if place is not None and po.place_order_status != place:
            continue
        yield po


@router.get("/product-orders")
async def search_product_orders(request: Request) -> ORJSONResponse:
    start, end = _window(request, "from", "to")
    range_type = request.query_params.get("rangeType") or "PAYED_DATETIME"
    time_of = RANGE_TIMES.get(range_type)
    if time_of is None:
        raise order_error("4000", "rangeType: 유효하지 않은 값입니다.")
    size = query_int(request, "pageSize", 300, 1, 300)
    page = query_int(request, "page", 1, 1, 1_000_000)
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        if range_type == "PAYED_DATETIME":
            candidates: Iterable[ProductOrder] = store.paid_between(start, end)
        else:
            candidates = sorted(store.pos.values(), key=lambda po: (time_of(po) or 0, po.product_order_id))
        skip, has_next = (page - 1) * size, False
        contents: list[dict[str, object]] = []
        for po in _matching(request, candidates, start, end, time_of):
            if skip:
                skip -= 1
            elif len(contents) < size:
                contents.append({"productOrderId": po.product_order_id, "content": product_order_detail(po)})
            else:
                has_next = True
                break
    return envelope(request, {"contents": contents, "pagination": {"page": page, "size": size, "hasNext": has_next}})


@router.get("/orders/{order_id}/product-order-ids")
async def product_order_ids(order_id: str, request: Request) -> ORJSONResponse:
    store = seller_store(request)
    ids = store.orders.get(order_id)
    if ids is None:
        raise order_error("100003", "주문을 찾을 수 없습니다.")
    return envelope(request, list(ids))


@router.post("/product-orders/confirm")
async def confirm(request: Request) -> ORJSONResponse:
    ids = orderflow.require_list(await json_body(request), "productOrderIds", 30)
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        ok, failed = orderflow.confirm(state, store, ids, state.now_ms())
    return envelope(request, {"successProductOrderInfos": ok, "failProductOrderInfos": failed})


@router.post("/product-orders/dispatch")
async def dispatch(request: Request) -> ORJSONResponse:
    items = orderflow.require_list(await json_body(request), "dispatchProductOrders", 30)
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        ok, failed = orderflow.dispatch(state, store, items, state.now_ms())
    return bulk_envelope(request, ok, failed)


@router.post("/product-orders/{product_order_id}/delay")
async def delay_dispatch(product_order_id: str, request: Request) -> ORJSONResponse:
    body = await json_body(request)
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        ok, failed = orderflow.delay(state, store, product_order_id, body, state.now_ms())
    return bulk_envelope(request, ok, failed)
