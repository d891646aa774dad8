"""Seller-side order actions of the Coupang emulator: acknowledgement (상품준비중), invoice upload
(송장업로드) and seller cancel. Each box is checked on its own; answers carry per-box results
(`responseList`) with HTTP 200 and `responseCode` 0 SUCCESS / 1 PARTIAL_ERROR / 99 FAILED."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.coupang import couriers
from marketbridge.sandbox.coupang.errors import bad_request
from marketbridge.sandbox.coupang.models import Box, DispatchRecord, Party, Receipt, ReceiptItem
from marketbridge.sandbox.coupang.state import CoupangState
from marketbridge.sandbox.coupang.store import VendorStore
from marketbridge.sandbox.coupang.timefmt import DAY_MS

RESULT_MESSAGES = {
    "OK": "OK",
    "NOT_FOUND_SHIPMENT_BOX": "존재하지 않는 배송번호입니다.",
    "INVALID_STATUS": "배송진행상태가 유효하지 않습니다.",
    "PERMISSION_DENIED": "권한이 없습니다.",
    "DUPLICATE_INVOICE_NUMBER": "이미 저장된 송장번호가 있습니다.",
    "INVALID_INVOICE_NUMBER": "송장번호가 유효하지 않습니다.",
    "ORDER_DELIVERY_CANCELED": "취소된 주문건입니다.",
    "ORDER_DELIVERY_PARTIAL_STOP_REQUESTED": "출고중지 요청건입니다.",
    "NOT_ALLOW_INVOICE_NUMBER_RE_UPLOAD": "이미 저장된 송장번호가 있어, 송장번호 등록이 불가능합니다.",
    "NOT_FOUND_VENDOR_ITEM": "합포장건 중 누락된 상품이 있습니다.",
    "INVALID_DELIVERY_COMPANY_CODE": "택배사 코드가 유효하지 않습니다.",  # (modelled)
}
RETRY_REQUIRED = frozenset(
    {"PERMISSION_DENIED", "DUPLICATE_INVOICE_NUMBER", "INVALID_INVOICE_NUMBER", "ORDER_DELIVERY_PARTIAL_STOP_REQUESTED"}
)
SHIPPED = frozenset({"DEPARTURE", "DELIVERING", "FINAL_DELIVERY", "NONE_TRACKING"})
CANCEL_CODES = frozenset({"CCTTER", "CCPNER", "CCPRER"})
CANCEL_REASONS = {"CCTTER": "재고 문제", "CCPNER": "주소 오류", "CCPRER": "가격 오류"}


class BoxFailure(Exception):
    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


def result(box_id: Any, code: str = "OK") -> dict[str, Any]:
    return {
        "shipmentBoxId": box_id,
        "succeed": code == "OK",
        "resultCode": code,
        "retryRequired": code in RETRY_REQUIRED,
        "resultMessage": RESULT_MESSAGES.get(code, code),
    }


def action_data(results: list[dict[str, Any]]) -> dict[str, Any]:
    failed = sum(1 for r in results if not r["succeed"])
    if failed == 0:
        code, message = 0, "SUCCESS"
    elif failed == len(results):
        code, message = 99, "FAILED"
    else:
        code, message = 1, f"{failed} of {len(results)} requests failed. Partial errors."
    return {"responseCode": code, "responseMessage": message, "responseList": results}


def as_int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"{name} 값이 올바르지 않습니다.") from None


def own_box(state: CoupangState, store: VendorStore, box_id: int) -> Box:
    box = store.boxes.get(box_id)
    if box is None:
        raise BoxFailure("PERMISSION_DENIED" if box_id in state.box_owner else "NOT_FOUND_SHIPMENT_BOX")
    return box


def pending_stop(store: VendorStore, box: Box) -> bool:
    return any(
        r.status == "RELEASE_STOP_UNCHECKED" and any(i.shipment_box_id == box.shipment_box_id for i in r.items)
        for r in store.receipts.values()
        if r.order_id == box.order_id
    )


def acknowledge(state: CoupangState, store: VendorStore, ids: list[Any], now: int) -> list[dict[str, Any]]:
    results = []
    for raw in ids:
        box_id = as_int(raw, "shipmentBoxIds")
        try:
            box = own_box(state, store, box_id)
            if not box.active_items():
                raise BoxFailure("ORDER_DELIVERY_CANCELED")
            if box.status not in ("ACCEPT", "INSTRUCT"):  # acknowledging twice answers OK again (modelled)
                raise BoxFailure("INVALID_STATUS")
            if box.status == "ACCEPT":
                box.status, box.acknowledged_ms, box.cache = "INSTRUCT", now, None
            results.append(result(box_id))
        except BoxFailure as failure:
            results.append(result(box_id, failure.code))
    return results


def _check_invoice(state: CoupangState, store: VendorStore, box_id: int, dtos: list[dict[str, Any]]) -> Box:
    box = own_box(state, store, box_id)
    box.dispatch_attempts += 1
    if box.status in SHIPPED:
        raise BoxFailure("DUPLICATE_INVOICE_NUMBER")  # a second invoice for the same box is refused
    if not box.active_items():
        raise BoxFailure("ORDER_DELIVERY_CANCELED")
    if box.status != "INSTRUCT":
        raise BoxFailure("INVALID_STATUS")
    if pending_stop(store, box):
        raise BoxFailure("ORDER_DELIVERY_PARTIAL_STOP_REQUESTED")
    given = {as_int(d.get("vendorItemId"), "vendorItemId") for d in dtos}
    if any(i.vendor_item_id not in given for i in box.active_items()):
        raise BoxFailure("NOT_FOUND_VENDOR_ITEM")
    company, number = str(dtos[0].get("deliveryCompanyCode") or ""), str(dtos[0].get("invoiceNumber") or "")
    if any(str(d.get("deliveryCompanyCode")) != company or str(d.get("invoiceNumber")) != number for d in dtos):
        raise BoxFailure("INVALID_INVOICE_NUMBER")  # split shipping is not emulated (modelled)
    if company not in couriers.NAMES:
        raise BoxFailure("INVALID_DELIVERY_COMPANY_CODE")
    if not couriers.tracking_is_valid(company, number):
        raise BoxFailure("INVALID_INVOICE_NUMBER")
    owner = store.used_invoices.get((company, number))
    if owner is not None and owner != box_id and store.boxes[owner].receiver != box.receiver:
        raise BoxFailure("NOT_ALLOW_INVOICE_NUMBER_RE_UPLOAD")
    return box


def ship(store: VendorStore, box: Box, company: str, number: str, now: int, source: str) -> None:
    box.status, box.delivery_company, box.invoice_number, box.invoice_ms = "DEPARTURE", company, number, now
    box.cache = None
    store.used_invoices.setdefault((company, number), box.shipment_box_id)
    for item in box.active_items():
        store.dispatches.append(
            DispatchRecord(box.shipment_box_id, box.order_id, item.vendor_item_id, company, number, now, source)
        )


def upload_invoices(state: CoupangState, store: VendorStore, dtos: list[Any], now: int) -> list[dict[str, Any]]:
    grouped: dict[int, list[dict[str, Any]]] = {}
    for index, dto in enumerate(dtos):
        if not isinstance(dto, dict):
            raise bad_request(f"orderSheetInvoiceApplyDtos[{index}] 형식이 올바르지 않습니다.")
        grouped.setdefault(as_int(dto.get("shipmentBoxId"), "shipmentBoxId"), []).append(dto)
    results = []
    for box_id, group in grouped.items():
        try:
            box = _check_invoice(state, store, box_id, group)
        except BoxFailure as failure:
            results.append(result(box_id, failure.code))
            continue
        ship(store, box, str(group[0]["deliveryCompanyCode"]), str(group[0]["invoiceNumber"]), now, "invoices")
        results.append(result(box_id))
    return results


def seller_cancel(
    state: CoupangState, store: VendorStore, order_id: int, body: dict[str, Any], now: int
) -> tuple[list[int], list[int]]:
    """Cancels the listed vendor items of an ACCEPT or INSTRUCT order; answers (cancelled, failed)."""
    items = body.get("vendorItemIds")
    counts = body.get("receiptCounts")
    if not isinstance(items, list) or not isinstance(counts, list) or not items or len(items) != len(counts):
        raise bad_request("vendorItemIds와 receiptCounts는 같은 길이의 목록이어야 합니다.")
    if body.get("bigCancelCode") != "CANERR" or body.get("middleCancelCode") not in CANCEL_CODES:
        raise bad_request("bigCancelCode는 CANERR, middleCancelCode는 CCTTER/CCPNER/CCPRER 중 하나여야 합니다.")
    if not body.get("userId"):
        raise bad_request("userId(WING 로그인 아이디)는 필수입니다.")
    box_ids = store.order_boxes.get(order_id)
    if box_ids is None:
        raise bad_request("주문번호를 찾을 수 없습니다.")
    done, failed = [], []
    receipt_items: list[ReceiptItem] = []
    boxes = [store.boxes[b] for b in box_ids]
    for raw_item, raw_count in zip(items, counts, strict=True):
        vendor_item_id, count = as_int(raw_item, "vendorItemIds"), as_int(raw_count, "receiptCounts")
        found = [(b, i) for b in boxes for i in b.items if i.vendor_item_id == vendor_item_id and not i.canceled]
        if (
            not found
            or found[0][0].status not in ("ACCEPT", "INSTRUCT")
            or count < 1
            or count > found[0][1].shipping_count - found[0][1].cancel_count
        ):
            failed.append(vendor_item_id)
            continue
        box, item = found[0]
        item.cancel_count += count
        box.cache = None
        done.append(vendor_item_id)
        receipt_items.append(
            ReceiptItem(
                box.shipment_box_id,
                vendor_item_id,
                item.item_name,
                item.seller_product_id,
                item.seller_product_name,
                item.shipping_count,
                count,
            )
        )
    if receipt_items:
        box = boxes[0]
        code = str(body["middleCancelCode"])
        store.add_receipt(
            Receipt(
                state.next_small_id(),
                store.vendor_id,
                order_id,
                "CANCEL",
                "RETURNS_COMPLETED",
                now,
                now,
                box.orderer,
                code,
                CANCEL_REASONS[code],
                receipt_items,
                payment_stage=True,
                fault_by="VENDOR",
                complete_ms=now,
                complete_type="VENDOR_CONFIRM",
            )
        )
    return done, failed


def buyer_party(box: Box) -> Party:
    return box.orderer


def estimated_shipping(paid_ms: int) -> int:
    return paid_ms + 2 * DAY_MS
