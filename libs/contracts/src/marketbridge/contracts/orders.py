"""Order collection and fulfillment messages between order-collector, connectors and fulfillment."""

from __future__ import annotations

from datetime import datetime

from marketbridge.contracts.base import Message
from pydantic import BaseModel


class OrderLine(BaseModel):
    """One marketplace order line, normalised (the unit every marketplace acts on)."""

    marketplace: str
    account_id: str
    market_order_id: str
    market_order_line_id: str
    market_product_id: str | None = None
    seller_product_code: str | None = None
    product_name: str
    option_text: str | None = None
    quantity: int
    unit_price: int
    total_price: int
    ordered_at: datetime
    paid_at: datetime | None = None
    buyer_name: str | None = None
    receiver_name: str | None = None
    receiver_phone: str | None = None
    receiver_address: str | None = None
    receiver_zip: str | None = None
    market_status: str
    status: str  # normalised: new / acknowledged / dispatched / delivered / purchase_decided / cancelled / ...


class CollectionRequested(Message):
    """order-collector → connector worker (`order_collector.collection_requested.v1.<marketplace>`)."""

    TYPE = "order_collector.collection_requested.v1"
    run_id: str
    account_id: str
    marketplace: str
    window_from: datetime
    window_to: datetime


class OrdersFetched(Message):
    """connector worker → order-collector: one page of orders (many orders per message, PERFORMANCE.md)."""

    TYPE = "connectors.orders_fetched.v1"
    run_id: str
    account_id: str
    marketplace: str
    page: int
    orders: list[OrderLine]


class CollectionFetchCompleted(Message):
    TYPE = "connectors.collection_fetch_completed.v1"
    run_id: str
    account_id: str
    marketplace: str
    pages: int
    fetched: int


class CollectionFetchFailed(Message):
    TYPE = "connectors.collection_fetch_failed.v1"
    run_id: str
    account_id: str
    marketplace: str
    pages: int
    fetched: int
    code: str
    message: str


class OrdersCollected(Message):
    """order-collector → fulfillment: the new (de-duplicated) orders of one fetched page."""

    TYPE = "order_collector.orders_collected.v1"
    run_id: str
    account_id: str
    marketplace: str
    orders: list[OrderLine]


class OrderLineStatus(BaseModel):
    market_order_line_id: str
    status: str  # normalised, as in OrderLine.status
    market_status: str


class OrderStatusesChanged(Message):
    """order-collector → fulfillment: lines collected earlier whose marketplace status changed since
    (delivered, purchase decided, cancelled …; ORD-COL-6)."""

    TYPE = "order_collector.order_statuses_changed.v1"
    run_id: str
    account_id: str
    marketplace: str
    lines: list[OrderLineStatus]


class CollectionRunFinished(Message):
    TYPE = "order_collector.collection_run_finished.v1"
    run_id: str
    account_id: str
    marketplace: str
    succeeded: bool
    fetched: int
    new: int
    duplicates: int
    message: str | None = None


class OrderAcknowledgeRequested(Message):
    """fulfillment → connector worker (`fulfillment.order_acknowledge_requested.v1.<marketplace>`)."""

    TYPE = "fulfillment.order_acknowledge_requested.v1"
    order_id: str
    account_id: str
    marketplace: str
    market_order_id: str
    market_order_line_id: str
    planned_dispatch_at: datetime
    delay_reason: str | None = None
    delay_detail: str | None = None
    attempt_key: str


class InvoiceSendRequested(Message):
    """fulfillment → connector worker (`fulfillment.invoice_send_requested.v1.<marketplace>`)."""

    TYPE = "fulfillment.invoice_send_requested.v1"
    order_id: str
    account_id: str
    marketplace: str
    market_order_id: str
    market_order_line_id: str
    carrier: str
    tracking_number: str
    attempt_key: str


class SellerCancellationRequested(Message):
    """fulfillment → connector worker (`fulfillment.seller_cancellation_requested.v1.<marketplace>`):
    the seller cannot fulfil a new order (판매취소, ORD-CANCEL-1)."""

    TYPE = "fulfillment.seller_cancellation_requested.v1"
    order_id: str
    account_id: str
    marketplace: str
    market_order_id: str
    market_order_line_id: str
    reason: str  # SOLD_OUT | DELAYED_DELIVERY | INCORRECT_INFO | ETC
    reason_detail: str | None = None
    attempt_key: str


class MarketplaceCallResult(BaseModel):
    order_id: str
    account_id: str
    marketplace: str
    market_order_line_id: str
    attempt_key: str


class OrderAcknowledgementSynced(Message, MarketplaceCallResult):
    TYPE = "connectors.order_acknowledgement_synced.v1"


class OrderAcknowledgementFailed(Message, MarketplaceCallResult):
    TYPE = "connectors.order_acknowledgement_failed.v1"
    code: str
    message: str


class InvoiceSent(Message, MarketplaceCallResult):
    TYPE = "connectors.invoice_sent.v1"
    carrier: str
    tracking_number: str


class InvoiceSendFailed(Message, MarketplaceCallResult):
    TYPE = "connectors.invoice_send_failed.v1"
    code: str
    message: str


class SellerCancellationSynced(Message, MarketplaceCallResult):
    TYPE = "connectors.seller_cancellation_synced.v1"


class SellerCancellationFailed(Message, MarketplaceCallResult):
    TYPE = "connectors.seller_cancellation_failed.v1"
    code: str
    message: str
