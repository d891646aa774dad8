"""Records of a home-shopping emulator (dialect-neutral; each dialect renders them in its own shape)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marketbridge.sandbox.core.synthetic import Person

# Order line statuses shared by the five dialects (each maps them onto its own codes).
NEW, ACKNOWLEDGED, DISPATCHED, DELIVERED, CANCELLED = "new", "acknowledged", "dispatched", "delivered", "cancelled"


@dataclass(slots=True)
class Seller:
    seller_id: str
    credentials: dict[str, str]
    revoked: bool = False
    receiver_url: str | None = None
    session_ids: dict[str, str] = field(default_factory=dict)  # 롯데홈쇼핑: session id -> KST day issued


@dataclass(slots=True)
class Product:
    product_id: str
    seller_id: str
    seller_product_code: str
    name: str
    sale_price: int
    stock: int
    category_id: str
    status: str = "sale"  # sale | stop
    notice: dict[str, str] = field(default_factory=dict)
    writes: int = 1
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Claim:
    claim_id: str
    line_id: str
    kind: str  # cancel | return | exchange
    status: str  # requested | completed
    reason: str
    created_ms: int


@dataclass(slots=True)
class Line:
    line_id: str
    order_no: str
    seq: int
    seller_id: str
    product_id: str
    product_name: str
    seller_product_code: str
    option_text: str
    quantity: int
    unit_price: int
    ordered_ms: int
    buyer: Person
    receiver: Person
    status: str = NEW
    changed_ms: int = 0
    courier: str | None = None
    tracking: str | None = None
    dispatched_ms: int | None = None
    claim: Claim | None = None
    dispatch_attempts: int = 0


@dataclass(slots=True)
class Inquiry:
    inquiry_id: str
    seller_id: str
    product_id: str | None
    line_id: str | None
    title: str
    content: str
    customer: str
    created_ms: int
    answer: str | None = None
    answered_ms: int | None = None


@dataclass(slots=True, frozen=True)
class DispatchRecord:
    seller_id: str
    line_id: str
    courier_code: str
    tracking_number: str
    at_ms: int


class Refusal(Exception):
    """The marketplace refused an action; `code`/`message` are the dialect's own."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class DialectError(Exception):
    """A refusal a home-shopping API words in its own error envelope (code, message, HTTP status)."""

    def __init__(self, code: str, message: str, status: int = 200) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status
