"""Cancels, returns (returnRequests receipts) and exchanges: buyer requests (admin API) and the seller's
actions (stoppedShipment, completedShipment, receiveConfirmation, approval; exchange receiveConfirmation,
rejection, invoices).

Receipt life (modelled on the documented statuses): cancel while ACCEPT -> CANCEL receipt completed at
once (listed with `cancelType=CANCEL`); cancel while INSTRUCT -> RELEASE_STOP_UNCHECKED (RU) until the
seller stops the shipment (RETURNS_COMPLETED) or reports it already shipped (the receipt becomes a RETURN,
RETURNS_UNCHECKED); return -> RETURNS_UNCHECKED (UC) -> VENDOR_WAREHOUSE_CONFIRM (listed under UC) ->
RETURNS_COMPLETED (CC)."""

from __future__ import annotations

from marketbridge.sandbox.coupang import couriers
from marketbridge.sandbox.coupang.errors import CoupangError, bad_request
from marketbridge.sandbox.coupang.models import Box, Exchange, OrderItem, Receipt, ReceiptItem
from marketbridge.sandbox.coupang.orderflow import SHIPPED, ship
from marketbridge.sandbox.coupang.state import CoupangState
from marketbridge.sandbox.coupang.store import VendorStore

BUYER_REASONS = {
    "cancel": ("CHANGEMIND", "단순 변심"),
    "return": ("CHANGEMIND", "단순 변심"),
    "exchange": ("DIFFERENTOPT", "다른 옵션으로 교환"),
}
REJECT_CODES = frozenset({"SOLDOUT", "WITHDRAW"})


def _item(box: Box, vendor_item_id: int | None) -> OrderItem:
    for item in box.items:
        if (vendor_item_id is None or item.vendor_item_id == vendor_item_id) and not item.canceled:
            return item
    raise CoupangError(409, "취소/반품할 수 있는 주문 상품이 없습니다.", "ERROR")


def _receipt_item(box: Box, item: OrderItem, count: int) -> ReceiptItem:
    return ReceiptItem(
        box.shipment_box_id,
        item.vendor_item_id,
        f"{item.seller_product_name}, {item.item_name}",
        item.seller_product_id,
        item.seller_product_name,
        item.shipping_count,
        count,
    )


def buyer_claim(
    state: CoupangState,
    store: VendorStore,
    box: Box,
    vendor_item_id: int | None,
    kind: str,
    reason: str | None,
    now: int,
) -> Receipt | Exchange:
    item = _item(box, vendor_item_id)
    code, text = BUYER_REASONS[kind]
    code = reason or code
    count = item.shipping_count - item.cancel_count
    if kind == "exchange":
        if box.status not in SHIPPED:
            raise CoupangError(409, "배송이 시작된 주문만 교환을 요청할 수 있습니다.", "ERROR")
        exchange = Exchange(
            state.next_small_id(),
            store.vendor_id,
            box.order_id,
            box.shipment_box_id,
            item.vendor_item_id,
            f"{item.seller_product_name}, {item.item_name}",
            count,
            "RECEIPT",
            now,
            now,
            code,
            text,
            box.receiver,
        )
        store.exchanges[exchange.exchange_id] = exchange
        return exchange
    if kind == "return":
        if box.status not in SHIPPED:
            raise CoupangError(409, "배송이 시작된 주문만 반품을 요청할 수 있습니다.", "ERROR")
        receipt = Receipt(
            state.next_small_id(),
            store.vendor_id,
            box.order_id,
            "RETURN",
            "RETURNS_UNCHECKED",
            now,
            now,
            box.receiver,
            code,
            text,
            [_receipt_item(box, item, count)],
        )
    elif box.status == "ACCEPT":
        item.cancel_count += count
        receipt = Receipt(
            state.next_small_id(),
            store.vendor_id,
            box.order_id,
            "CANCEL",
            "RETURNS_COMPLETED",
            now,
            now,
            box.orderer,
            code,
            text,
            [_receipt_item(box, item, count)],
            payment_stage=True,
            complete_ms=now,
            complete_type="CUSTOMER_CANCEL",
        )
    elif box.status == "INSTRUCT":
        item.hold_count_for_cancel = count
        receipt = Receipt(
            state.next_small_id(),
            store.vendor_id,
            box.order_id,
            "CANCEL",
            "RELEASE_STOP_UNCHECKED",
            now,
            now,
            box.orderer,
            code,
            text,
            [_receipt_item(box, item, count)],
        )
    else:
        raise CoupangError(409, "발송된 주문은 취소할 수 없습니다. 반품을 요청해 주세요.", "ERROR")
    box.cache = None
    store.add_receipt(receipt)
    return receipt


def _receipt(store: VendorStore, receipt_id: int, *statuses: str) -> Receipt:
    receipt = store.receipts.get(receipt_id)
    if receipt is None:
        raise bad_request(f"접수번호 {receipt_id}를 찾을 수 없습니다.")
    if receipt.status not in statuses:
        raise bad_request(f"처리할 수 없는 상태입니다: {receipt.status}")
    return receipt


def _count(receipt: Receipt, given: object) -> None:
    expected = sum(i.cancel_count for i in receipt.items)
    if given is not None and str(given) != str(expected):
        raise bad_request(f"cancelCount가 접수 수량({expected})과 다릅니다.")


def stopped_shipment(store: VendorStore, receipt_id: int, cancel_count: object, now: int) -> None:
    receipt = _receipt(store, receipt_id, "RELEASE_STOP_UNCHECKED")
    _count(receipt, cancel_count)
    for ri in receipt.items:
        box = store.boxes[ri.shipment_box_id]
        for item in box.items:
            if item.vendor_item_id == ri.vendor_item_id:
                item.cancel_count += ri.cancel_count
                item.hold_count_for_cancel = 0
        box.cache = None
    receipt.status, receipt.modified_ms, receipt.complete_ms = "RETURNS_COMPLETED", now, now
    receipt.complete_type = "VENDOR_CONFIRM"


def completed_shipment(store: VendorStore, receipt_id: int, company: str, number: str, now: int) -> None:
    receipt = _receipt(store, receipt_id, "RELEASE_STOP_UNCHECKED")
    if company not in couriers.NAMES or not couriers.tracking_is_valid(company, number):
        raise bad_request("택배사 코드 또는 송장번호가 유효하지 않습니다.")
    for box_id in dict.fromkeys(ri.shipment_box_id for ri in receipt.items):
        box = store.boxes[box_id]
        box.dispatch_attempts += 1
        if box.status in SHIPPED:
            raise bad_request("이미 저장된 송장번호가 있습니다.")
        for item in box.items:
            item.hold_count_for_cancel = 0
        ship(store, box, company, number, now, "completedShipment")
    receipt.receipt_type, receipt.status, receipt.modified_ms = "RETURN", "RETURNS_UNCHECKED", now


def receive_confirmation(store: VendorStore, receipt_id: int, now: int) -> None:
    receipt = _receipt(store, receipt_id, "RETURNS_UNCHECKED")
    receipt.status, receipt.modified_ms = "VENDOR_WAREHOUSE_CONFIRM", now


def approve_return(store: VendorStore, receipt_id: int, cancel_count: object, now: int) -> None:
    receipt = _receipt(store, receipt_id, "RETURNS_UNCHECKED", "VENDOR_WAREHOUSE_CONFIRM", "REQUEST_COUPANG_CHECK")
    _count(receipt, cancel_count)
    for ri in receipt.items:
        box = store.boxes[ri.shipment_box_id]
        for item in box.items:
            if item.vendor_item_id == ri.vendor_item_id:
                item.returned_count += ri.cancel_count
        box.cache = None
    receipt.status, receipt.modified_ms, receipt.complete_ms = "RETURNS_COMPLETED", now, now
    receipt.complete_type = "VENDOR_CONFIRM"


def _exchange(store: VendorStore, exchange_id: int, *statuses: str) -> Exchange:
    exchange = store.exchanges.get(exchange_id)
    if exchange is None:
        raise bad_request(f"교환번호 {exchange_id}를 찾을 수 없습니다.")
    if exchange.status not in statuses:
        raise bad_request(f"처리할 수 없는 교환 상태입니다: {exchange.status}")
    return exchange


def exchange_received(store: VendorStore, exchange_id: int, now: int) -> None:
    exchange = _exchange(store, exchange_id, "RECEIPT", "PROGRESS")
    exchange.status, exchange.collect_status, exchange.modified_ms = "PROGRESS", "COLLECTED", now


def exchange_rejected(store: VendorStore, exchange_id: int, code: object, now: int) -> None:
    if code not in REJECT_CODES:
        raise bad_request("exchangeRejectCode는 SOLDOUT 또는 WITHDRAW여야 합니다.")
    exchange = _exchange(store, exchange_id, "RECEIPT", "PROGRESS")
    exchange.status, exchange.reject_code, exchange.modified_ms = "REJECT", str(code), now


def exchange_invoice(store: VendorStore, exchange_id: int, company: str, number: str, now: int) -> None:
    exchange = _exchange(store, exchange_id, "RECEIPT", "PROGRESS")
    if exchange.invoice_number:
        raise bad_request("이미 재발송 송장이 등록된 교환입니다.")
    if company not in couriers.NAMES or not couriers.tracking_is_valid(company, number):
        raise bad_request("택배사 코드 또는 송장번호가 유효하지 않습니다.")
    exchange.status, exchange.invoice_company, exchange.invoice_number = "PROGRESS", company, number
    exchange.modified_ms = now


def exchange_complete(store: VendorStore, exchange_id: int, now: int) -> None:
    exchange = _exchange(store, exchange_id, "PROGRESS")
    if not exchange.invoice_number:
        raise bad_request("재발송 송장이 등록되지 않은 교환입니다.")
    exchange.status, exchange.modified_ms = "SUCCESS", now
