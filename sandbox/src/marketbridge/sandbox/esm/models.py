"""In-memory records of the ESM Trading API emulator (G마켓 + 옥션). Sites are "G" and "A"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SITES = ("G", "A")
ALL_PERMISSIONS = frozenset({"shipping", "claim", "item", "cs", "assist"})


@dataclass(slots=True)
class Master:
    """An ESM+ master account with its API secret, its site seller ids and per-API permissions."""

    master_id: str
    secret_key: str
    sellers: dict[str, str]
    permissions: set[str] = field(default_factory=lambda: set(ALL_PERMISSIONS))
    revoked: bool = False


@dataclass(slots=True, eq=False)
class Goods:
    goods_no: int
    master_id: str
    body: dict[str, Any]
    site_goods_no: dict[str, str]
    name: str
    price: dict[str, int]
    stock: dict[str, int]
    is_sell: dict[str, bool]
    seller_code: str | None
    category: dict[str, str]
    created_ms: int
    updated_ms: int
    writes: int = 1


@dataclass(slots=True)
class Claim:
    kind: str  # cancel | return | exchange
    status: int
    reason: str
    request_ms: int
    requested_by: str = "BUYER"
    complete_ms: int | None = None
    on_hold: bool = False
    hold_reason: str | None = None
    resend_company: int | None = None
    resend_invoice: str | None = None


@dataclass(slots=True, eq=False)
class Order:
    order_no: int
    pay_no: int
    site: str
    seller_id: str
    goods_no: int
    site_goods_no: str
    goods_name: str
    out_goods_no: str | None
    quantity: int
    sale_price: int
    option_text: str | None
    option_price: int
    shipping_fee: int
    buyer_name: str
    buyer_id: str
    buyer_phone: str
    receiver_name: str
    receiver_phone: str
    zip_code: str
    front_address: str
    back_address: str
    memo: str
    order_ms: int
    pay_ms: int
    status: int = 1  # 1 결제완료, 2 배송준비중, 3 배송중, 4 배송완료, 5 구매결정
    confirm_ms: int | None = None
    trans_ms: int | None = None
    complete_ms: int | None = None
    decide_ms: int | None = None
    company: int | None = None
    invoice: str | None = None
    claim: Claim | None = None
    address_changed: bool = False
    dispatch_attempts: int = 0


@dataclass(slots=True, frozen=True)
class DispatchRecord:
    order_no: int
    site: str
    seller_id: str
    company: int
    invoice: str
    shipping_date: str
    received_ms: int


@dataclass(slots=True)
class Message:
    """A buyer question on the CS bulletin board; `token` must come back with the answer."""

    message_no: int
    token: str
    site: str
    seller_id: str
    secret: bool
    title: str
    comments: str
    buyer_id: str
    buyer_name: str
    site_goods_no: str | None
    goods_name: str | None
    order_no: int | None
    reg_ms: int
    answer: str | None = None
    answer_title: str | None = None
    answer_status: int | None = None
    answered_ms: int | None = None


@dataclass(slots=True)
class Notice:
    """A 긴급알리미 message from the site's CS to the seller."""

    notice_no: int
    site: str
    seller_id: str
    title: str
    contents: str
    order_no: int | None
    reg_ms: int
    done: bool = False
