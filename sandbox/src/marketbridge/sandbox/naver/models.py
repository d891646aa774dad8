"""In-memory records of the Naver emulator (plain slotted dataclasses; JSON shapes live in serialize.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class SellerApp:
    client_id: str
    client_secret: str
    account_id: str
    name: str
    created_ms: int


@dataclass(slots=True)
class IssuedToken:
    token: str
    client_id: str
    account_id: str
    key: tuple[str, str, str]
    expires_ms: int


@dataclass(slots=True)
class OptionCombination:
    id: int
    names: tuple[str, ...]
    stock: int
    price: int
    seller_manager_code: str | None
    usable: bool = True


@dataclass(slots=True, eq=False)
class Product:
    origin_no: int
    channel_no: int
    account_id: str
    origin: dict[str, Any]
    channel: dict[str, Any]
    status: str
    name: str
    sale_price: int
    stock: int
    leaf_category_id: str
    seller_code: str | None
    group_names: tuple[str, ...]
    options: list[OptionCombination]
    created_ms: int
    updated_ms: int
    writes: int = 1

    def option_text(self, option: OptionCombination | None) -> str | None:
        if option is None:
            return None
        return " / ".join(f"{g}: {v}" for g, v in zip(self.group_names, option.names, strict=False))


@dataclass(slots=True)
class Address:
    name: str
    tel1: str
    base: str
    detailed: str
    zip_code: str


@dataclass(slots=True)
class Delivery:
    method: str
    company: str | None
    tracking: str | None
    send_ms: int
    dispatched_ms: int
    status: str = "DELIVERING"
    delivered_ms: int | None = None


@dataclass(slots=True)
class Claim:
    claim_id: str
    type: str
    status: str
    reason: str
    detail: str
    request_ms: int
    requester: str
    quantity: int
    prev_status: str
    completed_ms: int | None = None
    holdback_status: str | None = None
    holdback_reason: str | None = None
    holdback_detail: str | None = None
    collect_status: str | None = None
    collect_completed_ms: int | None = None
    redelivery_method: str | None = None
    redelivery_company: str | None = None
    redelivery_tracking: str | None = None
    reject_reason: str | None = None


@dataclass(slots=True, eq=False)
class ProductOrder:
    product_order_id: str
    order_id: str
    account_id: str
    origin_no: int
    channel_no: int
    product_name: str
    product_option: str | None
    option_code: str | None
    option_manage_code: str | None
    seller_product_code: str | None
    quantity: int
    unit_price: int
    option_price: int
    delivery_fee: int
    orderer_name: str
    orderer_tel: str
    orderer_id: str
    receiver: Address
    shipping_memo: str
    ordered_ms: int
    paid_ms: int
    shipping_due_ms: int
    last_changed_ms: int
    last_changed_type: str = "PAYED"
    status: str = "PAYED"
    place_order_status: str = "NOT_YET"
    place_order_ms: int | None = None
    delay_reason: str | None = None
    delay_detail: str | None = None
    delivery: Delivery | None = None
    claim: Claim | None = None
    completed_claims: list[Claim] = field(default_factory=list)
    decided_ms: int | None = None
    receiver_address_changed: bool = False
    dispatch_attempts: int = 0
    cache: dict[str, Any] | None = None

    @property
    def total_product_amount(self) -> int:
        return (self.unit_price + self.option_price) * self.quantity


@dataclass(slots=True, frozen=True)
class DispatchRecord:
    product_order_id: str
    delivery_method: str
    delivery_company_code: str | None
    tracking_number: str | None
    dispatch_date: str
    received_ms: int


@dataclass(slots=True)
class Qna:
    question_id: int
    account_id: str
    channel_no: int
    product_name: str
    question: str
    writer: str
    created_ms: int
    answer: str | None = None
    answered_ms: int | None = None


@dataclass(slots=True)
class Inquiry:
    inquiry_no: int
    account_id: str
    category: str
    title: str
    content: str
    created_ms: int
    customer_id: str
    customer_name: str
    order_id: str | None
    product_no: int | None
    product_order_ids: tuple[str, ...]
    product_name: str | None
    product_option: str | None
    answer: str | None = None
    answer_content_id: int | None = None
    answered_ms: int | None = None
