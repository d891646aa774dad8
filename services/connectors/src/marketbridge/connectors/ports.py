"""The one interface every marketplace adapter implements, and the data it speaks.

Adapters translate between these marketplace-neutral types (English names, our normalised statuses,
our carrier codes such as `CJ_LOGISTICS`) and one marketplace's dialect. They do not retry: a call
either returns, or raises one of `marketbridge.connectors.errors` and the worker framework decides.

Fetch operations are async iterators of pages (`async for page in adapter.fetch_orders(a, b)`), so
a caller can persist page by page; long windows are split into the marketplace's maximum window.
An operation a marketplace does not offer raises `UnsupportedOperation` (with a Korean reason).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import TracebackType
from typing import Any, ClassVar, NamedTuple, Self

from marketbridge.connectors.errors import UnsupportedOperation


class OrderStatus(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    DISPATCHED = "dispatched"
    DELIVERED = "delivered"
    PURCHASE_DECIDED = "purchase_decided"
    CANCELLED = "cancelled"
    RETURNED = "returned"
    EXCHANGED = "exchanged"


class ClaimType(StrEnum):
    CANCEL = "cancel"
    RETURN = "return"
    EXCHANGE = "exchange"


class ClaimStatus(StrEnum):
    REQUESTED = "requested"
    COLLECTING = "collecting"
    COLLECTED = "collected"
    REDELIVERING = "redelivering"
    COMPLETED = "completed"
    REJECTED = "rejected"


class ClaimAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    HOLD = "hold"
    RELEASE_HOLD = "release_hold"
    COLLECT_DONE = "collect_done"
    REDELIVER = "redeliver"


class SellerCancelReason(StrEnum):
    SOLD_OUT = "sold_out"
    DELAYED_DELIVERY = "delayed_delivery"
    WRONG_PRODUCT_INFO = "wrong_product_info"
    BUYER_REQUEST = "buyer_request"
    OTHER = "other"


class DelayReason(StrEnum):
    PRODUCT_PREPARE = "product_prepare"
    CUSTOMER_REQUEST = "customer_request"
    CUSTOM_BUILD = "custom_build"
    RESERVED_DISPATCH = "reserved_dispatch"
    OVERSEA_DELIVERY = "oversea_delivery"
    OTHER = "other"


class InquiryKind(StrEnum):
    PRODUCT_QNA = "product_qna"
    ORDER_INQUIRY = "order_inquiry"


class ListingStatus(StrEnum):
    ON_SALE = "on_sale"
    OUT_OF_STOCK = "out_of_stock"
    SUSPENDED = "suspended"
    ENDED = "ended"
    PENDING = "pending"
    OTHER = "other"


# -- listings ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ListingOption:
    values: tuple[str, ...]
    stock_quantity: int
    price_delta: int = 0
    seller_option_code: str | None = None
    usable: bool = True


@dataclass(frozen=True, slots=True)
class ShippingPolicy:
    fee_type: str = "free"  # free | paid | conditional_free
    base_fee: int = 0
    free_if_over: int | None = None
    return_fee: int = 3000
    exchange_fee: int = 6000
    courier_code: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """What to publish on one marketplace. `category_id` is that marketplace's category id;
    `attributes` are marketplace-specific fields merged (deeply) into the dialect's payload."""

    seller_product_code: str
    name: str
    category_id: str
    sale_price: int
    stock_quantity: int
    description_html: str
    image_urls: tuple[str, ...]
    option_group_names: tuple[str, ...] = ()
    options: tuple[ListingOption, ...] = ()
    brand: str | None = None
    manufacturer: str | None = None
    origin_area: str = "국산"
    after_service_phone: str = ""
    after_service_guide: str = ""
    shipping: ShippingPolicy = field(default_factory=ShippingPolicy)
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PublishResult:
    market_product_id: str
    channel_product_id: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OptionStock:
    """One option's new stock (and optionally surcharge), found by its marketplace option id, by our
    seller option code, or by its option values."""

    stock_quantity: int
    values: tuple[str, ...] = ()
    seller_option_code: str | None = None
    market_option_id: str | None = None
    price_delta: int | None = None


@dataclass(frozen=True, slots=True)
class PriceStockUpdate:
    market_product_id: str
    sale_price: int | None = None
    stock_quantity: int | None = None
    options: tuple[OptionStock, ...] = ()


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str
    full_name: str
    parent_id: str | None
    is_leaf: bool


@dataclass(frozen=True, slots=True)
class ImportedListing:
    market_product_id: str
    channel_product_id: str | None
    name: str
    seller_product_code: str | None
    sale_price: int
    stock_quantity: int
    status: ListingStatus
    raw_status: str
    category_id: str | None
    category_path: str | None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


# -- orders -----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MarketplaceOrder:
    """One order line (Naver: product order) as collected. Money in KRW, times timezone-aware."""

    marketplace: str
    account_id: str
    order_id: str
    order_line_id: str
    product_id: str
    seller_product_code: str | None
    product_name: str
    option_text: str | None
    quantity: int
    unit_price: int
    total_price: int
    ordered_at: datetime
    paid_at: datetime | None
    buyer_name: str
    receiver_name: str
    receiver_phone: str
    receiver_address: str
    receiver_zip: str
    status: OrderStatus
    raw_status: str
    raw_place_order_status: str | None = None
    raw_claim_type: str | None = None
    raw_claim_status: str | None = None
    option_code: str | None = None
    seller_option_code: str | None = None
    buyer_phone: str | None = None
    receiver_base_address: str = ""
    receiver_detailed_address: str = ""
    receiver_address_changed: bool = False
    shipping_fee: int = 0
    shipping_memo: str | None = None
    shipping_due_at: datetime | None = None
    courier_code: str | None = None
    raw_courier_code: str | None = None
    tracking_number: str | None = None
    dispatched_at: datetime | None = None
    last_changed_at: datetime | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class MarketplaceOrderState:
    """Where an order line stands now (to resolve a call whose outcome is unknown)."""

    order_line_id: str
    status: OrderStatus
    raw_status: str
    acknowledged: bool
    claim_type: ClaimType | None = None
    raw_claim_status: str | None = None
    courier_code: str | None = None
    tracking_number: str | None = None
    dispatched_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DispatchItem:
    order_line_id: str
    courier_code: str
    tracking_number: str
    dispatched_at: datetime


@dataclass(frozen=True, slots=True)
class DispatchDelay:
    order_line_id: str
    dispatch_due: datetime
    reason: DelayReason
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SellerCancel:
    order_line_id: str
    reason: SellerCancelReason
    detail: str = ""


class ItemFailure(NamedTuple):
    code: str
    message: str


@dataclass(slots=True)
class BulkResult:
    """Per-item outcome of a bulk action; failures keep the marketplace's own code and message."""

    succeeded: list[str] = field(default_factory=list)
    failed: dict[str, ItemFailure] = field(default_factory=dict)

    @property
    def all_succeeded(self) -> bool:
        return not self.failed

    def merge(self, other: BulkResult) -> None:
        self.succeeded.extend(other.succeeded)
        self.failed.update(other.failed)


# -- claims, inquiries, notices ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MarketplaceClaim:
    marketplace: str
    account_id: str
    claim_id: str
    claim_type: ClaimType
    status: ClaimStatus
    raw_status: str
    order_id: str
    order_line_id: str
    quantity: int
    reason_code: str | None
    reason_text: str | None
    requested_at: datetime | None
    completed_at: datetime | None = None
    requested_by: str | None = None
    on_hold: bool = False
    hold_reason: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class ClaimDecision:
    """`reason` is required for rejections; `courier_code`/`tracking_number` for REDELIVER;
    `hold_reason_code` is the marketplace's own hold reason code for HOLD."""

    order_line_id: str
    claim_type: ClaimType
    action: ClaimAction
    reason: str = ""
    courier_code: str | None = None
    tracking_number: str | None = None
    hold_reason_code: str | None = None
    extra_fee: int | None = None
    claim_id: str | None = None


@dataclass(frozen=True, slots=True)
class MarketplaceInquiry:
    marketplace: str
    account_id: str
    kind: InquiryKind
    inquiry_id: str
    title: str | None
    content: str
    created_at: datetime
    answered: bool
    answer: str | None
    product_id: str | None
    product_name: str | None
    order_id: str | None = None
    order_line_ids: tuple[str, ...] = ()
    customer_name: str | None = None
    category: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class InquiryAnswer:
    inquiry_id: str
    kind: InquiryKind
    content: str
    template_id: str | None = None


@dataclass(frozen=True, slots=True)
class MarketplaceNotice:
    """A marketplace → seller notice (e.g. 11번가/ESM 긴급알리미)."""

    marketplace: str
    account_id: str
    notice_id: str
    title: str
    content: str
    received_at: datetime
    urgent: bool
    answered: bool
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


# -- the port ---------------------------------------------------------------------------------------
async def first_live_listing(pages: AsyncIterator[list[ImportedListing]], code: str) -> ImportedListing | None:
    """The first listing registered under `code` that has not ended."""
    async for page in pages:
        for item in page:
            if item.seller_product_code == code and item.status is not ListingStatus.ENDED:
                return item
    return None


class MarketplaceAdapter(ABC):
    """One marketplace account's outbound port. One instance per account; `aclose()` when done."""

    marketplace: ClassVar[str]

    @property
    @abstractmethod
    def account_id(self) -> str: ...

    async def aclose(self) -> None:
        return None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()

    # listings
    @abstractmethod
    async def publish_listing(self, listing: Listing) -> PublishResult: ...

    @abstractmethod
    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult: ...

    @abstractmethod
    async def update_price_stock(self, update: PriceStockUpdate) -> None: ...

    @abstractmethod
    async def end_sale(self, market_product_id: str) -> None: ...

    @abstractmethod
    async def fetch_categories(self) -> list[Category]: ...

    @abstractmethod
    def import_listings(self) -> AsyncIterator[list[ImportedListing]]: ...

    async def find_listing(self, seller_product_code: str) -> ImportedListing | None:
        """The listing registered under our code and not ended, if any: how a registration whose outcome
        is unknown (worker killed, timeout) is settled without registering the product twice. Pages through
        `import_listings`; it runs only after such an interruption, so its cost does not matter."""
        return await first_live_listing(self.import_listings(), seller_product_code)

    # orders
    @abstractmethod
    def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        """Order lines changed in [window_from, window_to], page by page."""

    @abstractmethod
    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        """Current state of each known line (unknown ids are absent from the answer)."""

    @abstractmethod
    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult: ...

    @abstractmethod
    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult: ...

    async def delay_dispatch(self, delay: DispatchDelay) -> None:
        raise UnsupportedOperation(self.marketplace, "delay_dispatch", "이 마켓은 발송 지연 처리 API를 제공하지 않습니다.")

    @abstractmethod
    async def cancel_by_seller(self, items: Sequence[SellerCancel]) -> BulkResult: ...

    # claims
    @abstractmethod
    def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]: ...

    @abstractmethod
    async def decide_claim(self, decision: ClaimDecision) -> None: ...

    # customer questions and notices
    @abstractmethod
    def fetch_inquiries(self, window_from: datetime, window_to: datetime
                        ) -> AsyncIterator[list[MarketplaceInquiry]]: ...

    @abstractmethod
    async def answer_inquiry(self, answer: InquiryAnswer) -> None: ...

    @abstractmethod
    def fetch_notices(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceNotice]]: ...
