"""decide(state, command) -> [events]: pure; raises DomainError subclasses when a rule refuses.

Idempotency: `RecordCollectedOrder` for an existing order and every `Record…` result that answers no
pending request (already recorded, or stale) decide nothing (an empty list), so redelivered messages
are harmless. A result that names a `request_id` only answers that request.
"""

from __future__ import annotations

from typing import Any

from marketbridge.fulfillment.domain.carriers import check_marketplace_carrier, validate_tracking_number
from marketbridge.fulfillment.domain.commands import (
    AcknowledgeOrder,
    CancelBySeller,
    Command,
    CompleteOrder,
    ForceComplete,
    OrderCommand,
    RecordAcknowledgementFailed,
    RecordAcknowledgementSynced,
    RecordCollectedOrder,
    RecordFailure,
    RecordInvoiceSendFailed,
    RecordInvoiceSent,
    RecordResult,
    RecordSellerCancellationFailed,
    RecordSellerCancellationSynced,
    RegisterInvoice,
    SendInvoice,
)
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
)
from marketbridge.fulfillment.domain.rules import (
    CLOSED,
    check_seller_cancellation,
    invoice_already_sent,
    invoice_send_in_progress,
    order_closed,
    order_not_found,
    plan_acknowledgement,
    status_conflict,
    sync_in_progress,
)
from marketbridge.fulfillment.domain.state import Order
from marketbridge.fulfillment.domain.values import (
    CompletionReason,
    Invoice,
    MarketplaceType,
    OrderStatus,
    SyncOperation,
)
from marketbridge.runtime.errors import Conflict

_ACK, _SEND, _CANCEL = SyncOperation.ACKNOWLEDGE, SyncOperation.SEND_INVOICE, SyncOperation.CANCEL


def decide(state: Order | None, command: OrderCommand) -> list[OrderEvent]:
    if isinstance(command, RecordCollectedOrder):
        return [] if state is not None else [_collected(command)]
    if state is None:
        raise order_not_found(command.order_id)
    match command:
        case AcknowledgeOrder():
            return [_acknowledge(state, command)]
        case RegisterInvoice():
            return _register_invoice(state, command)
        case SendInvoice():
            return [_send_invoice(state, command)]
        case ForceComplete():
            return [_force_complete(state, command)]
        case CompleteOrder():
            return _complete_on_delivery(state, command)
        case CancelBySeller():
            return [_cancel_by_seller(state, command)]
    return _record(state, command)


def _meta(state: Order, command: Command) -> dict[str, Any]:
    return {"order_id": state.order_id, "at": command.at, "actor_id": command.actor_id}


def _collected(command: RecordCollectedOrder) -> OrderCollected:
    return OrderCollected.model_validate(command.model_dump())


def _acknowledge(state: Order, command: AcknowledgeOrder) -> OrderEvent:
    if state.status is not OrderStatus.NEW:
        raise status_conflict("ORDER_NOT_NEW", "신규 주문만 발주확인할 수 있습니다.", state, "ORD-ACK-1")
    if state.pending_sync is not None:
        raise sync_in_progress(state)
    plan = plan_acknowledgement(command)
    return OrderAcknowledgementRequested(
        **_meta(state, command),
        request_id=state.next_request_id(_ACK),
        planned_dispatch_at=plan.planned_dispatch_at,
        delayed=plan.delayed,
        delay_reason=plan.delay_reason,
        delay_detail=plan.delay_detail,
    )


def _register_invoice(state: Order, command: RegisterInvoice) -> list[OrderEvent]:
    if state.status is OrderStatus.NEW:
        message = "발주확인된 주문에만 송장을 등록할 수 있습니다."
        raise status_conflict("INVOICE_REQUIRES_ACKNOWLEDGEMENT", message, state, "INV-1")
    _ensure_invoice_editable(state)
    check_marketplace_carrier(command.carrier, command.marketplace_name, command.marketplace_carriers)
    tracking_number = validate_tracking_number(command.carrier, command.tracking_number)
    current = state.invoice
    if current == Invoice(carrier=command.carrier, tracking_number=tracking_number):
        return []  # the same invoice again (e.g. a re-uploaded Excel row): nothing changes
    event = InvoiceRegistered(
        **_meta(state, command), carrier=command.carrier, tracking_number=tracking_number, previous=current
    )
    return [event]


def _ensure_invoice_editable(state: Order) -> None:
    if state.status in CLOSED:
        raise order_closed(state)
    if state.status is OrderStatus.INVOICE_SENT:
        raise invoice_already_sent(state)
    if state.is_pending(_SEND):
        raise invoice_send_in_progress(state)


def _send_invoice(state: Order, command: SendInvoice) -> OrderEvent:
    if state.status is OrderStatus.INVOICE_REGISTERED and state.invoice is not None:
        if state.pending_sync is not None:
            raise invoice_send_in_progress(state)
        return InvoiceSendRequested(
            **_meta(state, command),
            request_id=state.next_request_id(_SEND),
            carrier=state.invoice.carrier,
            tracking_number=state.invoice.tracking_number,
        )
    if state.status is OrderStatus.INVOICE_SENT:
        raise invoice_already_sent(state)
    if state.status in CLOSED:
        raise order_closed(state)
    raise status_conflict("INVOICE_NOT_REGISTERED", "송장이 등록된 주문만 송장송신할 수 있습니다.", state, "INV-SEND-1")


def _force_complete(state: Order, command: ForceComplete) -> OrderEvent:
    if state.status is not OrderStatus.INVOICE_REGISTERED:
        message = "송장등록 상태의 주문만 강제완료처리할 수 있습니다."
        raise status_conflict("FORCE_COMPLETE_NOT_ALLOWED", message, state, "INV-SEND-3")
    if state.pending_sync is not None:
        raise invoice_send_in_progress(state)
    return OrderCompleted(**_meta(state, command), reason=CompletionReason.FORCED)


def _complete_on_delivery(state: Order, command: CompleteOrder) -> list[OrderEvent]:
    if state.status is OrderStatus.COMPLETED:
        return []  # delivery reported again by a later collection
    if state.status is not OrderStatus.INVOICE_SENT:
        raise status_conflict(
            "INVOICE_NOT_SENT", "송장송신이 완료된 주문만 배송완료로 종료할 수 있습니다.", state, "INV-4"
        )
    return [OrderCompleted(**_meta(state, command), reason=CompletionReason.DELIVERED)]


def _cancel_by_seller(state: Order, command: CancelBySeller) -> OrderEvent:
    if command.marketplace_type is MarketplaceType.GENERAL_MALL:
        raise Conflict(
            code="SELLER_CANCEL_NOT_ALLOWED",
            rule="ORD-CANCEL-2",
            message="종합몰은 판매자에 의한 판매취소처리가 제공되지 않습니다. "
            "주문고객 또는 제휴몰 담당 MD와 처리를 진행해 주세요. (ORD-CANCEL-2)",
        )
    if state.status is not OrderStatus.NEW:
        raise status_conflict("ORDER_NOT_CANCELLABLE", "신규 주문만 판매취소할 수 있습니다.", state, "ORD-CANCEL-1")
    if state.pending_sync is not None:
        raise sync_in_progress(state)
    detail = check_seller_cancellation(command)
    return SellerCancellationRequested(
        **_meta(state, command),
        request_id=state.next_request_id(_CANCEL),
        reason=command.reason,
        reason_detail=detail,
    )


def _record(state: Order, command: RecordResult) -> list[OrderEvent]:
    match command:
        case RecordAcknowledgementSynced():
            return _succeeded(state, command, _ACK, OrderAcknowledged)
        case RecordAcknowledgementFailed():
            return _failed(state, command, _ACK, OrderAcknowledgementFailed)
        case RecordInvoiceSent():
            return _succeeded(state, command, _SEND, InvoiceSent)
        case RecordInvoiceSendFailed():
            return _failed(state, command, _SEND, InvoiceSendFailed)
        case RecordSellerCancellationSynced():
            return _succeeded(state, command, _CANCEL, OrderCancelledBySeller)
        case RecordSellerCancellationFailed():
            return _failed(state, command, _CANCEL, SellerCancellationFailed)
    raise TypeError(f"unknown command {type(command).__name__}")  # pragma: no cover


def _answered(state: Order, command: RecordResult, operation: SyncOperation) -> str | None:
    """The pending request this result answers, or None when it answers nothing pending."""
    pending = state.pending_sync
    if pending is None or pending.operation is not operation:
        return None
    if command.request_id is not None and command.request_id != pending.request_id:
        return None
    return pending.request_id


def _succeeded(
    state: Order,
    command: RecordResult,
    operation: SyncOperation,
    event: type[OrderAcknowledged | InvoiceSent | OrderCancelledBySeller],
) -> list[OrderEvent]:
    request_id = _answered(state, command, operation)
    return [] if request_id is None else [event(**_meta(state, command), request_id=request_id)]


def _failed(
    state: Order,
    command: RecordFailure,
    operation: SyncOperation,
    event: type[OrderAcknowledgementFailed | InvoiceSendFailed | SellerCancellationFailed],
) -> list[OrderEvent]:
    request_id = _answered(state, command, operation)
    if request_id is None:
        return []
    return [event(**_meta(state, command), request_id=request_id, code=command.code, message=command.message)]
