"""Order sheets (v5 list by day with nextToken / by timeFrame; one box; by orderId), acknowledgement,
invoice upload and seller cancel."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.coupang import orderflow
from marketbridge.sandbox.coupang.common import (
    OPENAPI,
    coupang_state,
    decode_token,
    encode_token,
    json_body,
    ok,
    path_int,
    query_int,
    query_time,
    vendor_store,
)
from marketbridge.sandbox.coupang.errors import CoupangError, bad_request
from marketbridge.sandbox.coupang.serialize import box_view
from marketbridge.sandbox.coupang.timefmt import DAY_MS, MINUTE_MS

router = APIRouter(prefix=OPENAPI)
STATUSES = frozenset({"ACCEPT", "INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY", "NONE_TRACKING"})
MAX_DAYS = 31


@router.get("/v5/vendors/{vendor_id}/ordersheets")
async def ordersheets(vendor_id: str, request: Request) -> ORJSONResponse:
    status = request.query_params.get("status") or ""
    if status not in STATUSES:
        raise bad_request(
            "status는 ACCEPT, INSTRUCT, DEPARTURE, DELIVERING, FINAL_DELIVERY, NONE_TRACKING 중 하나입니다."
        )
    time_frame = request.query_params.get("searchType") == "timeFrame"
    start = query_time(request, "createdAtFrom", need_time=time_frame)
    end = query_time(request, "createdAtTo", need_time=time_frame)
    end += MINUTE_MS if time_frame else DAY_MS  # the last minute / day is included
    if end <= start:
        raise bad_request("createdAtTo는 createdAtFrom 이후여야 합니다.")
    if time_frame and end - start > DAY_MS + MINUTE_MS:
        raise bad_request("timeFrame 조회 기간은 최대 24시간입니다.")
    if not time_frame and end - start > MAX_DAYS * DAY_MS:
        raise bad_request(f"조회 기간은 최대 {MAX_DAYS}일입니다.")
    limit = 1_000_000 if time_frame else query_int(request, "maxPerPage", 50, 1, 50)
    after = None if time_frame else decode_token(request.query_params.get("nextToken"))
    store = vendor_store(request)
    rows: list[dict[str, Any]] = []
    token, last = "", (0, 0)
    with coupang_state(request).lock:
        for box in store.boxes_between(start, end, after):
            if box.status != status:
                continue
            if len(rows) == limit:
                token = encode_token(last)
                break
            rows.append(box_view(box))
            last = (box.ordered_ms, box.shipment_box_id)
    return ok(rows, next_token=token)


@router.get("/v5/vendors/{vendor_id}/ordersheets/{shipment_box_id}")
async def one_box(vendor_id: str, shipment_box_id: str, request: Request) -> ORJSONResponse:
    box = vendor_store(request).boxes.get(path_int(shipment_box_id, "shipmentBoxId"))
    if box is None:
        raise CoupangError(404, "배송번호(shipmentBoxId)에 해당하는 발주서가 없습니다.")
    return ok(box_view(box))


@router.get("/v5/vendors/{vendor_id}/{order_id}/ordersheets")
async def by_order(vendor_id: str, order_id: str, request: Request) -> ORJSONResponse:
    store = vendor_store(request)
    ids = store.order_boxes.get(path_int(order_id, "orderId"))
    if ids is None:
        raise CoupangError(404, "주문번호(orderId)에 해당하는 발주서가 없습니다.")
    return ok([box_view(store.boxes[i]) for i in ids])


def _body_list(body: Any, vendor_id: str, key: str, maximum: int) -> list[Any]:
    if not isinstance(body, dict) or str(body.get("vendorId")) != vendor_id:
        raise bad_request("vendorId가 올바르지 않습니다.")
    value = body.get(key)
    if not isinstance(value, list) or not value:
        raise bad_request(f"{key}는 필수입니다.")
    if len(value) > maximum:
        raise bad_request(f"{key}는 최대 {maximum}개까지 요청할 수 있습니다.")
    return value


@router.api_route("/v4/vendors/{vendor_id}/ordersheets/acknowledgement", methods=["PATCH", "PUT"])
async def acknowledgement(vendor_id: str, request: Request) -> ORJSONResponse:
    ids = _body_list(await json_body(request), vendor_id, "shipmentBoxIds", 50)
    state, store = coupang_state(request), vendor_store(request)
    with state.lock:
        results = orderflow.acknowledge(state, store, ids, state.now_ms())
    return ok(orderflow.action_data(results))


@router.post("/v4/vendors/{vendor_id}/orders/invoices")
async def invoices(vendor_id: str, request: Request) -> ORJSONResponse:
    dtos = _body_list(await json_body(request), vendor_id, "orderSheetInvoiceApplyDtos", 50)
    state, store = coupang_state(request), vendor_store(request)
    with state.lock:
        results = orderflow.upload_invoices(state, store, dtos, state.now_ms())
    return ok(orderflow.action_data(results))


@router.post("/v5/vendors/{vendor_id}/orders/{order_id}/cancel")
async def cancel(vendor_id: str, order_id: str, request: Request) -> ORJSONResponse:
    body = await json_body(request)
    oid = path_int(order_id, "orderId")
    if not isinstance(body, dict) or str(body.get("vendorId")) != vendor_id or str(body.get("orderId")) != str(oid):
        raise bad_request("vendorId 또는 orderId가 올바르지 않습니다.")
    state, store = coupang_state(request), vendor_store(request)
    with state.lock:
        done, failed = orderflow.seller_cancel(state, store, oid, body, state.now_ms())
    data = {"orderId": oid, "cancelledVendorItemIds": done, "failedVendorItemIds": failed}
    if failed:
        return ok(data, code="PARTIAL", message="일부 상품을 취소하지 못했습니다.")
    return ok(data)
