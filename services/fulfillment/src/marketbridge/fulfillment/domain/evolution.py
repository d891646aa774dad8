"""evolve(state, event) -> state: pure mutators, one per event; replay folds a stream."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marketbridge.fulfillment.domain.events import (
    InvoiceRegistered,
    InvoiceSendFailed,
    InvoiceSendRequested,
    InvoiceSent,
    OrderAcknowledged,
    OrderAcknowledgementFailed,
    OrderAcknowledgementRequested,
    OrderCancelledBySeller,
    OrderCollected,
    OrderCompleted,
    OrderEvent,
    SellerCancellationFailed,
    SellerCancellationRequested,
    SyncEvent,
    SyncFailureEvent,
)
from marketbridge.fulfillment.domain.state import Order
from marketbridge.fulfillment.domain.values import (
    Invoice,
    OrderStatus,
    PendingSync,
    SyncError,
    SyncOperation,
)


class CorruptStream(ValueError):
    """The events cannot have been produced by `decide` (e.g. no OrderCollected first)."""


def evolve(state: Order | None, event: OrderEvent) -> Order:
    if isinstance(event, OrderCollected):
        if state is not None:
            raise CorruptStream(f"order {event.order_id} collected twice")
        return _collected(event)
    if state is None:
        raise CorruptStream(f"{event.type} before OrderCollected for order {event.order_id}")
    changes = _changes(state, event)
    return state.model_copy(update={**changes, "version": state.version + 1})


def replay(events: Iterable[OrderEvent]) -> Order | None:
    state: Order | None = None
    for event in events:
        state = evolve(state, event)
    return state


def _collected(event: OrderCollected) -> Order:
    fields = event.model_dump(exclude={"type", "at", "actor_id"})
    return Order.model_validate({**fields, "collected_at": event.at, "version": 1})


def _changes(state: Order, event: OrderEvent) -> dict[str, Any]:
    match event:
        case OrderAcknowledgementRequested():
            return {
                **_requested(state, event, SyncOperation.ACKNOWLEDGE),
                "planned_dispatch_at": event.planned_dispatch_at,
                "delay_reason": event.delay_reason,
                "delay_detail": event.delay_detail,
            }
        case OrderAcknowledged():
            return {**_synced(OrderStatus.ACKNOWLEDGED), "acknowledged_at": event.at}
        case InvoiceRegistered():
            invoice = Invoice(carrier=event.carrier, tracking_number=event.tracking_number)
            return {
                "status": OrderStatus.INVOICE_REGISTERED,
                "invoice": invoice,
                "invoice_registered_at": event.at,
            }
        case InvoiceSendRequested():
            return _requested(state, event, SyncOperation.SEND_INVOICE)
        case InvoiceSent():
            return {**_synced(OrderStatus.INVOICE_SENT), "invoice_sent_at": event.at}
        case OrderCompleted():
            return {"status": OrderStatus.COMPLETED, "completed_at": event.at}
        case SellerCancellationRequested():
            return _requested(state, event, SyncOperation.CANCEL)
        case OrderCancelledBySeller():
            return {**_synced(OrderStatus.SELLER_CANCELLED), "cancelled_at": event.at}
        case OrderAcknowledgementFailed():
            return _failed(event, SyncOperation.ACKNOWLEDGE)
        case InvoiceSendFailed():
            return _failed(event, SyncOperation.SEND_INVOICE)
        case SellerCancellationFailed():
            return _failed(event, SyncOperation.CANCEL)
    raise CorruptStream(f"unexpected event {event.type}")  # pragma: no cover


def _requested(state: Order, event: SyncEvent, operation: SyncOperation) -> dict[str, Any]:
    pending = PendingSync(operation=operation, request_id=event.request_id, requested_at=event.at)
    return {"pending_sync": pending, "sync_attempts": state.sync_attempts + 1}


def _synced(status: OrderStatus) -> dict[str, Any]:
    return {"status": status, "pending_sync": None, "last_sync_error": None}


def _failed(event: SyncFailureEvent, operation: SyncOperation) -> dict[str, Any]:
    error = SyncError(
        operation=operation, request_id=event.request_id, code=event.code, message=event.message, at=event.at
    )
    return {"pending_sync": None, "last_sync_error": error}
