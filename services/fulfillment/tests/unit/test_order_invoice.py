"""INV-1, INV-2, INV-3, INV-4, INV-SEND-1, INV-SEND-3: invoice registration, sending and force-completion."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from marketbridge.fulfillment.domain.carriers import Carrier
from marketbridge.fulfillment.domain.events import InvoiceRegistered, InvoiceSendRequested
from marketbridge.fulfillment.domain.order import Order, decide
from marketbridge.fulfillment.domain.values import Invoice, OrderStatus, SyncOperation
from marketbridge.runtime.errors import Conflict, DomainError

if TYPE_CHECKING:
    from .conftest import Commands, Run


def _conflict(state: Order, command: object) -> Conflict:
    with pytest.raises(Conflict) as caught:
        decide(state, command)  # type: ignore[arg-type]
    return caught.value


def test_inv_1_invoice_is_refused_for_a_new_order(cmd: Commands, new_order: Order) -> None:
    error = _conflict(new_order, cmd.register())
    assert (error.code, error.rule) == ("INVOICE_REQUIRES_ACKNOWLEDGEMENT", "INV-1")
    assert "발주확인" in error.message


def test_inv_1_invoice_is_refused_while_acknowledgement_is_only_requested(cmd: Commands, ack_pending: Order) -> None:
    assert _conflict(ack_pending, cmd.register()).code == "INVOICE_REQUIRES_ACKNOWLEDGEMENT"


def test_inv_3_registering_an_invoice_stores_the_normalised_number(
    cmd: Commands, acknowledged: Order, run: Run
) -> None:
    [event] = decide(acknowledged, cmd.register(tracking_number="6300 1234-5678"))
    assert isinstance(event, InvoiceRegistered) and event.tracking_number == "630012345678"
    state = run(acknowledged, cmd.register())
    assert state.status is OrderStatus.INVOICE_REGISTERED and state.status.label == "송장등록"
    assert state.invoice == Invoice(carrier=Carrier.CJ_LOGISTICS, tracking_number="630012345678")


def test_inv_3_invalid_tracking_number_is_refused(cmd: Commands, acknowledged: Order) -> None:
    with pytest.raises(DomainError) as caught:
        decide(acknowledged, cmd.register(carrier=Carrier.EPOST, tracking_number="12345"))
    assert (caught.value.code, caught.value.field) == ("TRACKING_NUMBER_INVALID", "tracking_number")
    assert "우체국택배" in caught.value.message


def test_inv_3_invoice_can_be_corrected_before_sending(cmd: Commands, registered: Order, run: Run) -> None:
    [event] = decide(registered, cmd.register(carrier=Carrier.LOGEN, tracking_number="12345678901"))
    assert isinstance(event, InvoiceRegistered) and event.previous == registered.invoice
    state = run(registered, cmd.register(carrier=Carrier.LOGEN, tracking_number="12345678901"))
    assert state.invoice == Invoice(carrier=Carrier.LOGEN, tracking_number="12345678901")
    assert state.status is OrderStatus.INVOICE_REGISTERED


def test_inv_3_registering_the_same_invoice_again_changes_nothing(cmd: Commands, registered: Order) -> None:
    assert decide(registered, cmd.register(tracking_number="630012345678")) == []


def test_inv_4_saving_is_not_sending(cmd: Commands, registered: Order) -> None:
    assert registered.pending_sync is None and registered.invoice_sent_at is None
    error = _conflict(registered, cmd.delivered())
    assert (error.code, error.rule) == ("INVOICE_NOT_SENT", "INV-4")


def test_inv_send_1_send_requests_transmission_of_the_registered_invoice(
    cmd: Commands, registered: Order, run: Run
) -> None:
    [event] = decide(registered, cmd.send())
    assert isinstance(event, InvoiceSendRequested)
    assert (event.carrier, event.tracking_number) == (Carrier.CJ_LOGISTICS, "630012345678")
    state = run(registered, cmd.send())
    assert state.status is OrderStatus.INVOICE_REGISTERED
    assert state.pending_sync is not None and state.pending_sync.operation is SyncOperation.SEND_INVOICE


def test_inv_send_1_success_marks_the_invoice_sent(cmd: Commands, invoice_sent: Order) -> None:
    assert invoice_sent.status is OrderStatus.INVOICE_SENT
    assert invoice_sent.pending_sync is None and invoice_sent.invoice_sent_at == cmd.at


def test_inv_send_1_refuses_a_double_send_while_pending(cmd: Commands, send_pending: Order) -> None:
    error = _conflict(send_pending, cmd.send())
    assert (error.code, error.rule) == ("INVOICE_SEND_IN_PROGRESS", "INV-SEND-1")


def test_inv_send_1_refuses_changing_the_invoice_while_sending(cmd: Commands, send_pending: Order) -> None:
    assert _conflict(send_pending, cmd.register(tracking_number="123456789012")).code == "INVOICE_SEND_IN_PROGRESS"


def test_inv_send_1_refuses_sending_again_once_sent(cmd: Commands, invoice_sent: Order) -> None:
    assert _conflict(invoice_sent, cmd.send()).code == "INVOICE_ALREADY_SENT"
    assert _conflict(invoice_sent, cmd.register(tracking_number="123456789012")).code == "INVOICE_ALREADY_SENT"


def test_inv_send_1_refuses_sending_without_an_invoice(cmd: Commands, acknowledged: Order) -> None:
    error = _conflict(acknowledged, cmd.send())
    assert (error.code, error.rule) == ("INVOICE_NOT_REGISTERED", "INV-SEND-1")


def test_inv_send_1_failure_keeps_the_invoice_registered_and_retryable(
    cmd: Commands, send_pending: Order, run: Run
) -> None:
    state = run(send_pending, cmd.send_failed(code="104122", message="유효하지 않은 송장번호입니다."))
    assert state.status is OrderStatus.INVOICE_REGISTERED and state.pending_sync is None
    assert state.last_sync_error is not None
    assert state.last_sync_error.operation is SyncOperation.SEND_INVOICE
    assert state.last_sync_error.message == "유효하지 않은 송장번호입니다."
    corrected = run(state, cmd.register(tracking_number="123456789012"), cmd.send(), cmd.sent())
    assert corrected.status is OrderStatus.INVOICE_SENT and corrected.last_sync_error is None


def test_inv_send_3_force_complete_only_from_invoice_registered(
    cmd: Commands, acknowledged: Order, invoice_sent: Order
) -> None:
    for state in (acknowledged, invoice_sent):
        error = _conflict(state, cmd.force_complete())
        assert (error.code, error.rule) == ("FORCE_COMPLETE_NOT_ALLOWED", "INV-SEND-3")


def test_inv_send_3_force_complete_refused_while_sending(cmd: Commands, send_pending: Order) -> None:
    assert _conflict(send_pending, cmd.force_complete()).code == "INVOICE_SEND_IN_PROGRESS"


def test_completed_order_is_closed_for_invoices(cmd: Commands, registered: Order, run: Run) -> None:
    completed = run(registered, cmd.force_complete())
    assert _conflict(completed, cmd.register(tracking_number="123456789012")).code == "ORDER_CLOSED"
    assert _conflict(completed, cmd.send()).code == "ORDER_CLOSED"


def test_inv_2_a_courier_the_marketplace_does_not_take_is_refused_when_the_invoice_is_registered(
    cmd: Commands, acknowledged: Order
) -> None:
    takes = frozenset({Carrier.CJ_LOGISTICS, Carrier.HANJIN})
    with pytest.raises(DomainError) as caught:
        decide(acknowledged, cmd.register(carrier=Carrier.YONGMA, marketplace_name="쿠팡", marketplace_carriers=takes))
    error = caught.value
    assert (error.code, error.field, error.rule) == ("CARRIER_NOT_SUPPORTED_BY_MARKETPLACE", "carrier", "INV-2")
    assert error.message == "쿠팡에서 지원하지 않는 택배사입니다: 용마로지스. 지원 택배사: CJ대한통운, 한진택배"
    assert decide(acknowledged, cmd.register(marketplace_carriers=takes))  # a courier it takes
    # None: the marketplace matches couriers by name when sending (ESM), so nothing is refused up front
    assert decide(acknowledged, cmd.register(carrier=Carrier.HONAM, tracking_number="1234567890"))
