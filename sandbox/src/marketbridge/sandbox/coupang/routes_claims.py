"""Returns / cancels (`returnRequests`, v6 list, v4 actions) and exchanges (`exchangeRequests`, v4)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.coupang import claimflow
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
from marketbridge.sandbox.coupang.errors import bad_request
from marketbridge.sandbox.coupang.models import Receipt
from marketbridge.sandbox.coupang.serialize import RECEIPT_STATUS_CODES, exchange_view, receipt_view
from marketbridge.sandbox.coupang.timefmt import DAY_MS, MINUTE_MS

router = APIRouter(prefix=OPENAPI)
RETURN_STATUSES = frozenset({"RU", "UC", "CC", "PR"})
EXCHANGE_STATUSES = frozenset({"RECEIPT", "PROGRESS", "SUCCESS", "REJECT", "CANCEL"})
ACTION = ["PATCH", "PUT"]


def _matches(receipt: Receipt, status: str | None, cancel_type: bool, order_id: int | None) -> bool:
    if order_id is not None and receipt.order_id != order_id:
        return False
    if cancel_type:
        return receipt.payment_stage
    if receipt.payment_stage:
        return False
    return status is None or RECEIPT_STATUS_CODES.get(receipt.status) == status


@router.get("/v6/vendors/{vendor_id}/returnRequests")
async def return_requests(vendor_id: str, request: Request) -> ORJSONResponse:
    params = request.query_params
    cancel_type = params.get("cancelType") == "CANCEL"
    status = params.get("status") or None
    raw_order = params.get("orderId")
    order_id = path_int(raw_order, "orderId") if raw_order else None
    if cancel_type and status:
        raise bad_request("cancelType=CANCEL 조회에는 status를 함께 보낼 수 없습니다.")
    if not cancel_type and status is None and order_id is None:
        raise bad_request("status는 RU, UC, CC, PR 중 하나입니다.")
    if status is not None and status not in RETURN_STATUSES:
        raise bad_request("status는 RU, UC, CC, PR 중 하나입니다.")
    if order_id is not None and not params.get("createdAtFrom"):
        start, end = 0, 2**62  # by orderId the window is optional (modelled)
    else:
        start = query_time(request, "createdAtFrom", need_time=True)
        end = query_time(request, "createdAtTo", need_time=True) + MINUTE_MS
        if end <= start or end - start > 31 * DAY_MS + MINUTE_MS:
            raise bad_request("조회 기간은 최대 31일입니다.")
    limit = query_int(request, "maxPerPage", 50, 1, 50)
    after = decode_token(params.get("nextToken"))
    rows: list[dict[str, Any]] = []
    token, last = "", (0, 0)
    with coupang_state(request).lock:
        for receipt in vendor_store(request).receipts_between(start, end, after):
            if not _matches(receipt, status, cancel_type, order_id):
                continue
            if len(rows) == limit:
                token = encode_token(last)
                break
            rows.append(receipt_view(receipt))
            last = (receipt.created_ms, receipt.receipt_id)
    return ok(rows, next_token=token)


@router.get("/v6/vendors/{vendor_id}/returnRequests/{receipt_id}")
async def one_return(vendor_id: str, receipt_id: str, request: Request) -> ORJSONResponse:
    receipt = vendor_store(request).receipts.get(path_int(receipt_id, "receiptId"))
    if receipt is None:
        raise bad_request("접수번호(receiptId)를 찾을 수 없습니다.")
    return ok(receipt_view(receipt))


async def _receipt_body(request: Request, vendor_id: str, receipt_id: str) -> tuple[int, dict[str, Any]]:
    rid = path_int(receipt_id, "receiptId")
    body = await json_body(request)
    if not isinstance(body, dict) or str(body.get("vendorId")) != vendor_id or str(body.get("receiptId")) != str(rid):
        raise bad_request("vendorId 또는 receiptId가 올바르지 않습니다.")
    return rid, body


def _done() -> ORJSONResponse:
    return ok(None, code="200", message="OK")


@router.api_route("/v4/vendors/{vendor_id}/returnRequests/{receipt_id}/stoppedShipment", methods=ACTION)
async def stopped_shipment(vendor_id: str, receipt_id: str, request: Request) -> ORJSONResponse:
    rid, body = await _receipt_body(request, vendor_id, receipt_id)
    state = coupang_state(request)
    with state.lock:
        claimflow.stopped_shipment(vendor_store(request), rid, body.get("cancelCount"), state.now_ms())
    return _done()


@router.api_route("/v4/vendors/{vendor_id}/returnRequests/{receipt_id}/completedShipment", methods=ACTION)
async def completed_shipment(vendor_id: str, receipt_id: str, request: Request) -> ORJSONResponse:
    rid, body = await _receipt_body(request, vendor_id, receipt_id)
    state = coupang_state(request)
    with state.lock:
        claimflow.completed_shipment(
            vendor_store(request),
            rid,
            str(body.get("deliveryCompanyCode") or ""),
            str(body.get("invoiceNumber") or ""),
            state.now_ms(),
        )
    return _done()


@router.api_route("/v4/vendors/{vendor_id}/returnRequests/{receipt_id}/receiveConfirmation", methods=ACTION)
@router.api_route("/v5/vendors/{vendor_id}/returnRequests/{receipt_id}/receiveConfirmation", methods=ACTION)
async def receive_confirmation(vendor_id: str, receipt_id: str, request: Request) -> ORJSONResponse:
    rid, _ = await _receipt_body(request, vendor_id, receipt_id)
    state = coupang_state(request)
    with state.lock:
        claimflow.receive_confirmation(vendor_store(request), rid, state.now_ms())
    return _done()


@router.api_route("/v4/vendors/{vendor_id}/returnRequests/{receipt_id}/approval", methods=ACTION)
@router.api_route("/v5/vendors/{vendor_id}/returnRequests/{receipt_id}/approval", methods=ACTION)
async def approval(vendor_id: str, receipt_id: str, request: Request) -> ORJSONResponse:
    rid, body = await _receipt_body(request, vendor_id, receipt_id)
    state = coupang_state(request)
    with state.lock:
        claimflow.approve_return(vendor_store(request), rid, body.get("cancelCount"), state.now_ms())
    return _done()


@router.get("/v4/vendors/{vendor_id}/exchangeRequests")
async def exchange_requests(vendor_id: str, request: Request) -> ORJSONResponse:
    params = request.query_params
    start = query_time(request, "createdAtFrom", need_time=True)
    end = query_time(request, "createdAtTo", need_time=True) + 1000
    if end <= start or end - start > 7 * DAY_MS + 1000:
        raise bad_request("교환 조회 기간은 최대 7일입니다.")
    status = params.get("status") or None
    if status is not None and status not in EXCHANGE_STATUSES:
        raise bad_request("status는 RECEIPT, PROGRESS, SUCCESS, REJECT, CANCEL 중 하나입니다.")
    raw_order = params.get("orderId")
    order_id = path_int(raw_order, "orderId") if raw_order else None
    limit = query_int(request, "maxPerPage", 50, 1, 50)
    after = decode_token(params.get("nextToken"))
    rows: list[dict[str, Any]] = []
    token, last = "", (0, 0)
    with coupang_state(request).lock:
        exchanges = sorted(vendor_store(request).exchanges.values(), key=lambda e: (e.created_ms, e.exchange_id))
        for e in exchanges:
            position = (e.created_ms, e.exchange_id)
            if not start <= e.created_ms < end or (after is not None and position <= after):
                continue
            if (status is not None and e.status != status) or (order_id is not None and e.order_id != order_id):
                continue
            if len(rows) == limit:
                token = encode_token(last)
                break
            rows.append(exchange_view(e))
            last = position
    return ok(rows, next_token=token)


async def _exchange_body(request: Request, vendor_id: str, exchange_id: str) -> tuple[int, dict[str, Any]]:
    eid = path_int(exchange_id, "exchangeId")
    body = await json_body(request)
    if not isinstance(body, dict) or str(body.get("vendorId")) != vendor_id or str(body.get("exchangeId")) != str(eid):
        raise bad_request("vendorId 또는 exchangeId가 올바르지 않습니다.")
    return eid, body


@router.api_route("/v4/vendors/{vendor_id}/exchangeRequests/{exchange_id}/receiveConfirmation", methods=ACTION)
async def exchange_received(vendor_id: str, exchange_id: str, request: Request) -> ORJSONResponse:
    eid, _ = await _exchange_body(request, vendor_id, exchange_id)
    state = coupang_state(request)
    with state.lock:
        claimflow.exchange_received(vendor_store(request), eid, state.now_ms())
    return _done()


@router.api_route("/v4/vendors/{vendor_id}/exchangeRequests/{exchange_id}/rejection", methods=ACTION)
async def exchange_rejection(vendor_id: str, exchange_id: str, request: Request) -> ORJSONResponse:
    eid, body = await _exchange_body(request, vendor_id, exchange_id)
    state = coupang_state(request)
    with state.lock:
        claimflow.exchange_rejected(vendor_store(request), eid, body.get("exchangeRejectCode"), state.now_ms())
    return _done()


@router.post("/v4/vendors/{vendor_id}/exchangeRequests/{exchange_id}/invoices")
async def exchange_invoices(vendor_id: str, exchange_id: str, request: Request) -> ORJSONResponse:
    eid = path_int(exchange_id, "exchangeId")
    body = await json_body(request)
    if not isinstance(body, list) or len(body) != 1 or not isinstance(body[0], dict):
        raise bad_request("요청 본문은 교환 송장 1건의 목록이어야 합니다.")
    dto = body[0]
    if str(dto.get("vendorId")) != vendor_id or str(dto.get("exchangeId")) != str(eid):
        raise bad_request("vendorId 또는 exchangeId가 올바르지 않습니다.")
    state = coupang_state(request)
    with state.lock:
        claimflow.exchange_invoice(
            vendor_store(request),
            eid,
            str(dto.get("goodsDeliveryCode") or ""),
            str(dto.get("invoiceNumber") or ""),
            state.now_ms(),
        )
    return _done()
