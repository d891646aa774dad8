"""Coupang order sheets -> marketplace-neutral order lines and states.

Unit of work: the shipment box (`shipmentBoxId`, 18 digits since 2024-11) is what Coupang acknowledges
and invoices; one box holds one or more order items (`vendorItemId`). Our order line id is
`<shipmentBoxId>-<vendorItemId>` (both digits), so a line names its box directly and stays unique when a
box holds several items. Plain dict access over orjson output (no validation layer).
"""

from __future__ import annotations

from typing import Any

from marketbridge.connectors.coupang.couriers import from_coupang
from marketbridge.connectors.coupang.dates import parse, parse_day
from marketbridge.connectors.parsing import EPOCH as EPOCH  # re-exported: callers import it from here
from marketbridge.connectors.ports import MarketplaceOrder, MarketplaceOrderState, OrderStatus

MARKETPLACE = "coupang"
ORDER_STATUSES = ("ACCEPT", "INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY", "NONE_TRACKING")
_STATUS = {
    "ACCEPT": OrderStatus.NEW,
    "INSTRUCT": OrderStatus.ACKNOWLEDGED,
    "DEPARTURE": OrderStatus.DISPATCHED,
    "DELIVERING": OrderStatus.DISPATCHED,
    "FINAL_DELIVERY": OrderStatus.DELIVERED,
    "NONE_TRACKING": OrderStatus.DISPATCHED,
}
_ACKNOWLEDGED = frozenset({"INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY", "NONE_TRACKING"})


class LineIdError(ValueError):
    pass


def line_id(shipment_box_id: Any, vendor_item_id: Any) -> str:
    return f"{shipment_box_id}-{vendor_item_id}"


def split_line_id(order_line_id: str) -> tuple[str, str]:
    box, sep, item = order_line_id.partition("-")
    if not sep or not box.isdigit() or not item.isdigit():
        raise LineIdError(f"not a Coupang order line id (<shipmentBoxId>-<vendorItemId>): {order_line_id!r}")
    return box, item


def money(value: Any) -> int:
    """KRW amount: a number, or (2025 v5, modelled) an object with `units`/`amount`."""
    if isinstance(value, dict):
        value = value.get("units", value.get("amount"))
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def item_status(box_status: str, item: dict[str, Any]) -> OrderStatus:
    if item.get("canceled") or money(item.get("cancelCount")) >= money(item.get("shippingCount")) > 0:
        return OrderStatus.CANCELLED
    return _STATUS.get(box_status, OrderStatus.NEW)


def parse_box(box: dict[str, Any], account_id: str) -> list[MarketplaceOrder]:
    """One order sheet -> one order line per order item."""
    box_id = box["shipmentBoxId"]
    status = str(box.get("status") or "")
    orderer = box.get("orderer") or {}
    receiver = box.get("receiver") or {}
    addr1, addr2 = receiver.get("addr1") or "", receiver.get("addr2") or ""
    ordered = parse(box.get("orderedAt")) or EPOCH
    paid = parse(box.get("paidAt"))
    company = box.get("deliveryCompanyName") or None
    tracking = box.get("invoiceNumber") or None
    lines = []
    for index, item in enumerate(box.get("orderItems") or ()):
        count = money(item.get("shippingCount"))
        option = item.get("sellerProductItemName") or item.get("vendorItemName")
        lines.append(
            MarketplaceOrder(
                marketplace=MARKETPLACE,
                account_id=account_id,
                order_id=str(box["orderId"]),
                order_line_id=line_id(box_id, item["vendorItemId"]),
                product_id=str(item.get("sellerProductId") or ""),
                seller_product_code=item.get("externalVendorSkuCode"),
                product_name=item.get("sellerProductName") or item.get("vendorItemName") or "",
                option_text=option,
                quantity=count,
                unit_price=money(item.get("salesPrice")),
                total_price=money(item.get("orderPrice")),
                ordered_at=ordered,
                paid_at=paid,
                buyer_name=orderer.get("name") or "",
                receiver_name=receiver.get("name") or "",
                receiver_phone=receiver.get("safeNumber") or receiver.get("receiverNumber") or "",
                receiver_address=f"{addr1} {addr2}".strip(),
                receiver_zip=receiver.get("postCode") or "",
                status=item_status(status, item),
                raw_status=status,
                option_code=str(item["vendorItemId"]),
                seller_option_code=item.get("externalVendorSkuCode"),
                buyer_phone=orderer.get("safeNumber"),
                receiver_base_address=addr1,
                receiver_detailed_address=addr2,
                shipping_fee=money(box.get("shippingPrice")) if index == 0 else 0,
                shipping_memo=box.get("parcelPrintMessage") or None,
                shipping_due_at=parse_day(item.get("estimatedShippingDate")),
                courier_code=from_coupang(company),
                raw_courier_code=company,
                tracking_number=tracking,
                dispatched_at=parse(item.get("invoiceNumberUploadDate")),
                raw=box,
            )
        )
    return lines


def parse_states(box: dict[str, Any]) -> list[MarketplaceOrderState]:
    status = str(box.get("status") or "")
    company = box.get("deliveryCompanyName") or None
    tracking = box.get("invoiceNumber") or None
    return [
        MarketplaceOrderState(
            order_line_id=line_id(box["shipmentBoxId"], item["vendorItemId"]),
            status=item_status(status, item),
            raw_status=status,
            acknowledged=status in _ACKNOWLEDGED,
            courier_code=from_coupang(company),
            tracking_number=tracking,
            dispatched_at=parse(item.get("invoiceNumberUploadDate")),
        )
        for item in box.get("orderItems") or ()
    ]
