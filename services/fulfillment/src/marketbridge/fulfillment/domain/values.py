"""Value objects and enums of the Order aggregate (SEED-SPEC 3.2-3.5)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from marketbridge.fulfillment.domain.carriers import Carrier
from pydantic import BaseModel, ConfigDict, Field


class Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OrderStatus(StrEnum):
    """The 3.2 table; display texts are the UI's."""

    NEW = "NEW"
    ACKNOWLEDGED = "ACKNOWLEDGED"
    INVOICE_REGISTERED = "INVOICE_REGISTERED"
    INVOICE_SENT = "INVOICE_SENT"
    SELLER_CANCELLED = "SELLER_CANCELLED"
    COMPLETED = "COMPLETED"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    OrderStatus.NEW: "신규 주문",
    OrderStatus.ACKNOWLEDGED: "발주확인",
    OrderStatus.INVOICE_REGISTERED: "송장등록",
    OrderStatus.INVOICE_SENT: "송장 전송 완료",
    OrderStatus.SELLER_CANCELLED: "판매취소",
    OrderStatus.COMPLETED: "종료",
}


class MarketplaceType(StrEnum):
    OPEN_MARKET = "open_market"  # 오픈마켓
    GENERAL_MALL = "general_mall"  # 종합몰


class DelayReason(StrEnum):
    """배송지연사유 (ORD-ACK-3); codes as the marketplaces name them (Naver `delayedDispatchReason`)."""

    PRODUCT_PREPARE = "PRODUCT_PREPARE"
    CUSTOMER_REQUEST = "CUSTOMER_REQUEST"
    CUSTOM_BUILD = "CUSTOM_BUILD"
    RESERVED_DISPATCH = "RESERVED_DISPATCH"
    OVERSEA_DELIVERY = "OVERSEA_DELIVERY"
    ETC = "ETC"

    @property
    def label(self) -> str:
        return _DELAY_LABELS[self]


_DELAY_LABELS = {
    DelayReason.PRODUCT_PREPARE: "상품준비중",
    DelayReason.CUSTOMER_REQUEST: "고객요청",
    DelayReason.CUSTOM_BUILD: "주문제작",
    DelayReason.RESERVED_DISPATCH: "예약발송",
    DelayReason.OVERSEA_DELIVERY: "해외배송",
    DelayReason.ETC: "기타",
}


class SellerCancelReason(StrEnum):
    """Why the seller cannot fulfil the order (ORD-CANCEL-1)."""

    SOLD_OUT = "SOLD_OUT"
    DELAYED_DELIVERY = "DELAYED_DELIVERY"
    INCORRECT_INFO = "INCORRECT_INFO"
    ETC = "ETC"

    @property
    def label(self) -> str:
        return _CANCEL_LABELS[self]


_CANCEL_LABELS = {
    SellerCancelReason.SOLD_OUT: "품절",
    SellerCancelReason.DELAYED_DELIVERY: "배송지연",
    SellerCancelReason.INCORRECT_INFO: "상품정보 오류",
    SellerCancelReason.ETC: "기타",
}


class SyncOperation(StrEnum):
    """Marketplace operations an order waits on; the key of the outbound call."""

    ACKNOWLEDGE = "ACKNOWLEDGE"
    SEND_INVOICE = "SEND_INVOICE"
    CANCEL = "CANCEL"

    @property
    def label(self) -> str:
        return _OPERATION_LABELS[self]


_OPERATION_LABELS = {
    SyncOperation.ACKNOWLEDGE: "발주확인",
    SyncOperation.SEND_INVOICE: "송장송신",
    SyncOperation.CANCEL: "판매취소",
}


class CompletionReason(StrEnum):
    FORCED = "FORCED"  # 강제완료처리 (INV-SEND-3)
    DELIVERED = "DELIVERED"  # 배송완료 collected (ORD-COL-6)


class ProductInfo(Value):
    name: str = Field(min_length=1)
    marketplace_product_code: str = Field(min_length=1)  # 제휴몰 상품코드 / 업체상품코드 (Q12)
    product_code: str | None = None  # our 상품코드, when the line maps to a known product
    seller_product_code: str | None = None  # 자체상품코드
    option_text: str | None = None  # 옵션, as the marketplace shows it


class OrderPrices(Value):
    """Integer won for this order line."""

    sale_price: int = Field(ge=0)  # unit 판매가
    option_price: int = Field(default=0, ge=0)  # unit option add-price
    order_amount: int = Field(ge=0)  # what the buyer paid for the line
    discount_amount: int = Field(default=0, ge=0)
    shipping_fee: int = Field(default=0, ge=0)


class Buyer(Value):
    name: str
    phone: str | None = None
    email: str | None = None


class Receiver(Value):
    name: str
    phone: str | None = None
    zip_code: str | None = None
    address: str
    address_detail: str | None = None
    delivery_message: str | None = None


class Invoice(Value):
    carrier: Carrier
    tracking_number: str  # normalised (digits only for domestic carriers)


class PendingSync(Value):
    """A marketplace call that was requested and whose result is not recorded yet."""

    operation: SyncOperation
    request_id: str  # idempotency key of the outbound call: `<order_id>:<operation>:<attempt>`
    requested_at: datetime


class SyncError(Value):
    operation: SyncOperation
    request_id: str
    code: str
    message: str  # the marketplace's own message (LOG-6)
    at: datetime
