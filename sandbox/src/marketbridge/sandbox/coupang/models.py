"""In-memory records of the Coupang WING emulator (slotted dataclasses; JSON shapes live in serialize.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Vendor:
    vendor_id: str
    access_key: str
    secret_key: str
    name: str
    created_ms: int
    revoked: bool = False


@dataclass(slots=True)
class VendorItem:
    vendor_item_id: int
    seller_product_item_id: int
    item_name: str
    original_price: int
    sale_price: int
    stock: int
    external_sku: str | None
    attributes: list[tuple[str, str]]
    on_sale: bool = True
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class Product:
    seller_product_id: int
    product_id: int
    vendor_id: str
    name: str
    display_category_code: int
    status: str
    items: list[VendorItem]
    body: dict[str, Any]
    created_ms: int
    updated_ms: int
    writes: int = 1


@dataclass(slots=True)
class Party:
    name: str
    phone: str
    safe_number: str
    addr1: str
    addr2: str
    post_code: str


@dataclass(slots=True)
class OrderItem:
    vendor_item_id: int
    seller_product_id: int
    product_id: int
    seller_product_name: str
    item_name: str
    shipping_count: int
    sales_price: int
    external_sku: str | None
    cancel_count: int = 0
    hold_count_for_cancel: int = 0
    returned_count: int = 0
    confirm_ms: int | None = None

    @property
    def canceled(self) -> bool:
        return self.cancel_count >= self.shipping_count


@dataclass(slots=True, eq=False)
class Box:
    shipment_box_id: int
    order_id: int
    vendor_id: str
    ordered_ms: int
    paid_ms: int
    orderer: Party
    receiver: Party
    items: list[OrderItem]
    shipping_price: int
    parcel_message: str
    estimated_shipping_ms: int
    status: str = "ACCEPT"
    acknowledged_ms: int | None = None
    delivery_company: str | None = None
    invoice_number: str | None = None
    invoice_ms: int | None = None
    in_transit_ms: int | None = None
    delivered_ms: int | None = None
    dispatch_attempts: int = 0
    cache: dict[str, Any] | None = None

    def active_items(self) -> list[OrderItem]:
        return [i for i in self.items if not i.canceled]


@dataclass(slots=True)
class ReceiptItem:
    shipment_box_id: int
    vendor_item_id: int
    vendor_item_name: str
    seller_product_id: int
    seller_product_name: str
    purchase_count: int
    cancel_count: int


@dataclass(slots=True, eq=False)
class Receipt:
    """A cancel or return "receipt" (returnRequests): receiptType CANCEL or RETURN."""

    receipt_id: int
    vendor_id: str
    order_id: int
    receipt_type: str
    status: str
    created_ms: int
    modified_ms: int
    requester: Party
    reason_code: str
    reason_text: str
    items: list[ReceiptItem]
    payment_stage: bool = False  # cancelled while ACCEPT: listed with cancelType=CANCEL
    fault_by: str = "CUSTOMER"
    return_invoices: list[tuple[str, str]] = field(default_factory=list)
    complete_ms: int | None = None
    complete_type: str | None = None


@dataclass(slots=True, eq=False)
class Exchange:
    exchange_id: int
    vendor_id: str
    order_id: int
    shipment_box_id: int
    vendor_item_id: int
    item_name: str
    quantity: int
    status: str  # RECEIPT | PROGRESS | SUCCESS | REJECT | CANCEL
    created_ms: int
    modified_ms: int
    reason_code: str
    reason_text: str
    requester: Party
    collect_status: str = "NOT_COLLECTED"  # (modelled) NOT_COLLECTED | COLLECTED
    reject_code: str | None = None
    invoice_company: str | None = None
    invoice_number: str | None = None


@dataclass(slots=True)
class Comment:
    comment_id: int
    content: str
    at_ms: int
    by: str


@dataclass(slots=True, eq=False)
class OnlineInquiry:
    inquiry_id: int
    vendor_id: str
    seller_product_id: int
    product_id: int
    vendor_item_id: int
    content: str
    inquiry_ms: int
    order_ids: list[int]
    comments: list[Comment] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class CallCenterInquiry:
    inquiry_id: int
    vendor_id: str
    order_id: int | None
    vendor_item_id: int | None
    item_name: str
    category: str
    content: str
    inquiry_ms: int
    counseling_status: str = "NO_ANSWER"  # (modelled) NO_ANSWER | ANSWER | TRANSFER
    replies: list[Comment] = field(default_factory=list)
    confirmed_by: str | None = None


@dataclass(slots=True, frozen=True)
class DispatchRecord:
    shipment_box_id: int
    order_id: int
    vendor_item_id: int
    delivery_company_code: str
    invoice_number: str
    received_ms: int
    source: str  # invoices | completedShipment
