"""Commands the Order aggregate decides on (imperative names; pydantic, immutable).

Every command carries `order_id` (our order number, the stream is `Order-<order_id>`), `at` (the
handler's clock: the domain never reads the time itself) and the acting user, when a user acts.
`Record…` commands report a marketplace result; they are idempotent (see `decision.py`).
"""

from __future__ import annotations

from datetime import date, datetime

from marketbridge.fulfillment.domain.carriers import Carrier
from marketbridge.fulfillment.domain.values import (
    Buyer,
    DelayReason,
    MarketplaceType,
    OrderPrices,
    ProductInfo,
    Receiver,
    SellerCancelReason,
)
from pydantic import BaseModel, ConfigDict, Field


class Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    order_id: str = Field(min_length=1)
    at: datetime
    actor_id: str | None = None


class RecordCollectedOrder(Command):
    """A marketplace order line was collected for the first time (ORD-COL, de-duplicated upstream)."""

    tenant_id: str = Field(min_length=1)
    marketplace: str = Field(min_length=1)  # e.g. ST11, AUCTION, STOREFARM
    account_id: str = Field(min_length=1)  # marketplace seller account
    marketplace_order_id: str = Field(min_length=1)
    marketplace_order_line_id: str = Field(min_length=1)
    marketplace_order_sub_id: str | None = None  # e.g. Auction's bracketed number (Q13)
    product: ProductInfo
    quantity: int = Field(ge=1)
    prices: OrderPrices
    buyer: Buyer
    receiver: Receiver
    ordered_at: datetime


class AcknowledgeOrder(Command):
    """발주확인 처리 (ORD-ACK-1..3). `today` is the acknowledgement date in KST."""

    today: date
    planned_dispatch_at: datetime | None = None  # 출고 예정일시; defaults to `at`
    delay_reason: DelayReason | None = None
    delay_detail: str | None = None


class RecordResult(Command):
    """A marketplace result; recording it twice (a redelivered message) changes nothing."""

    request_id: str | None = None  # the pending request it answers; None = whichever is pending


class RecordFailure(RecordResult):
    code: str
    message: str


class RecordAcknowledgementSynced(RecordResult):
    pass


class RecordAcknowledgementFailed(RecordFailure):
    pass


class RegisterInvoice(Command):
    """송장저장 (INV-3): courier + tracking number; also corrects an unsent invoice. `marketplace_carriers` are
    the carriers the order's marketplace takes (INV-2; None: any, the marketplace checks by name)."""

    carrier: Carrier
    tracking_number: str
    marketplace_name: str = ""
    marketplace_carriers: frozenset[Carrier] | None = None


class SendInvoice(Command):
    """송장송신 (INV-SEND-1)."""


class RecordInvoiceSent(RecordResult):
    pass


class RecordInvoiceSendFailed(RecordFailure):
    pass


class ForceComplete(Command):
    """강제완료처리 (INV-SEND-3): complete without transmitting the invoice."""


class CompleteOrder(Command):
    """The marketplace reports the parcel delivered (ORD-COL-6)."""


class CancelBySeller(Command):
    """판매취소 처리 (ORD-CANCEL-1/2)."""

    marketplace_type: MarketplaceType
    reason: SellerCancelReason = SellerCancelReason.SOLD_OUT
    reason_detail: str | None = None


class RecordSellerCancellationSynced(RecordResult):
    pass


class RecordSellerCancellationFailed(RecordFailure):
    pass


OrderCommand = (
    RecordCollectedOrder
    | AcknowledgeOrder
    | RecordAcknowledgementSynced
    | RecordAcknowledgementFailed
    | RegisterInvoice
    | SendInvoice
    | RecordInvoiceSent
    | RecordInvoiceSendFailed
    | ForceComplete
    | CompleteOrder
    | CancelBySeller
    | RecordSellerCancellationSynced
    | RecordSellerCancellationFailed
)
