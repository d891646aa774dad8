"""Domain events of the Order aggregate (past tense; `type` names the event in the stream)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from marketbridge.fulfillment.domain.carriers import Carrier
from marketbridge.fulfillment.domain.values import (
    Buyer,
    CompletionReason,
    DelayReason,
    Invoice,
    OrderPrices,
    ProductInfo,
    Receiver,
    SellerCancelReason,
)
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter


class Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    order_id: str
    at: datetime
    actor_id: str | None = None


class SyncEvent(Event):
    """About one outbound marketplace request, named by its idempotency key `request_id`."""

    request_id: str


class SyncFailureEvent(SyncEvent):
    code: str
    message: str


class OrderCollected(Event):
    type: Literal["OrderCollected"] = "OrderCollected"
    tenant_id: str
    marketplace: str
    account_id: str
    marketplace_order_id: str
    marketplace_order_line_id: str
    marketplace_order_sub_id: str | None = None
    product: ProductInfo
    quantity: int
    prices: OrderPrices
    buyer: Buyer
    receiver: Receiver
    ordered_at: datetime


class OrderAcknowledgementRequested(SyncEvent):
    type: Literal["OrderAcknowledgementRequested"] = "OrderAcknowledgementRequested"
    planned_dispatch_at: datetime
    delayed: bool  # dispatch ≥ acknowledgement date + 3 days (ORD-ACK-3): the marketplace needs the reason
    delay_reason: DelayReason | None = None
    delay_detail: str | None = None


class OrderAcknowledged(SyncEvent):
    type: Literal["OrderAcknowledged"] = "OrderAcknowledged"


class OrderAcknowledgementFailed(SyncFailureEvent):
    type: Literal["OrderAcknowledgementFailed"] = "OrderAcknowledgementFailed"


class InvoiceRegistered(Event):
    type: Literal["InvoiceRegistered"] = "InvoiceRegistered"
    carrier: Carrier
    tracking_number: str
    previous: Invoice | None = None  # set when this corrects an earlier, unsent invoice


class InvoiceSendRequested(SyncEvent):
    type: Literal["InvoiceSendRequested"] = "InvoiceSendRequested"
    carrier: Carrier
    tracking_number: str


class InvoiceSent(SyncEvent):
    type: Literal["InvoiceSent"] = "InvoiceSent"


class InvoiceSendFailed(SyncFailureEvent):
    type: Literal["InvoiceSendFailed"] = "InvoiceSendFailed"


class OrderCompleted(Event):
    type: Literal["OrderCompleted"] = "OrderCompleted"
    reason: CompletionReason


class SellerCancellationRequested(SyncEvent):
    type: Literal["SellerCancellationRequested"] = "SellerCancellationRequested"
    reason: SellerCancelReason
    reason_detail: str | None = None


class OrderCancelledBySeller(SyncEvent):
    type: Literal["OrderCancelledBySeller"] = "OrderCancelledBySeller"


class SellerCancellationFailed(SyncFailureEvent):
    type: Literal["SellerCancellationFailed"] = "SellerCancellationFailed"


OrderEvent = Annotated[
    OrderCollected
    | OrderAcknowledgementRequested
    | OrderAcknowledged
    | OrderAcknowledgementFailed
    | InvoiceRegistered
    | InvoiceSendRequested
    | InvoiceSent
    | InvoiceSendFailed
    | OrderCompleted
    | SellerCancellationRequested
    | OrderCancelledBySeller
    | SellerCancellationFailed,
    Field(discriminator="type"),
]

_ADAPTER: TypeAdapter[OrderEvent] = TypeAdapter(OrderEvent)


def parse_event(data: dict[str, Any]) -> OrderEvent:
    """Rebuild an event from its stored JSON form (`model_dump(mode="json")`, which includes `type`)."""
    return _ADAPTER.validate_python(data)
