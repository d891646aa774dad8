"""Redelivered messages are harmless: recording a collection or a sync result twice is a no-op."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.fulfillment.domain.order import Order, decide

if TYPE_CHECKING:
    from .conftest import Commands, Run


def test_collecting_the_same_order_again_is_a_no_op(cmd: Commands, new_order: Order) -> None:
    assert decide(new_order, cmd.collect()) == []


def test_acknowledgement_success_recorded_twice_is_a_no_op(cmd: Commands, acknowledged: Order) -> None:
    assert decide(acknowledged, cmd.ack_synced()) == []


def test_acknowledgement_failure_recorded_twice_is_a_no_op(cmd: Commands, ack_pending: Order, run: Run) -> None:
    failed = run(ack_pending, cmd.ack_failed())
    assert decide(failed, cmd.ack_failed()) == []


def test_invoice_sent_recorded_twice_is_a_no_op(cmd: Commands, invoice_sent: Order) -> None:
    assert decide(invoice_sent, cmd.sent()) == []


def test_invoice_send_failure_recorded_twice_is_a_no_op(cmd: Commands, send_pending: Order, run: Run) -> None:
    failed = run(send_pending, cmd.send_failed())
    assert decide(failed, cmd.send_failed()) == []


def test_cancellation_results_recorded_twice_are_no_ops(cmd: Commands, new_order: Order, run: Run) -> None:
    cancelled = run(new_order, cmd.cancel(), cmd.cancel_synced())
    assert decide(cancelled, cmd.cancel_synced()) == []
    assert decide(cancelled, cmd.cancel_failed()) == []


def test_delivery_reported_twice_is_a_no_op(cmd: Commands, invoice_sent: Order, run: Run) -> None:
    completed = run(invoice_sent, cmd.delivered())
    assert decide(completed, cmd.delivered()) == []


def test_a_late_failure_after_success_is_ignored(cmd: Commands, acknowledged: Order) -> None:
    assert decide(acknowledged, cmd.ack_failed()) == []


def test_a_result_for_a_stale_request_is_ignored(cmd: Commands, ack_pending: Order, run: Run) -> None:
    retried = run(ack_pending, cmd.ack_failed(), cmd.acknowledge())
    assert retried.pending_sync is not None
    assert retried.pending_sync.request_id == "202405100000001:acknowledge:2"
    assert decide(retried, cmd.ack_synced(request_id="202405100000001:acknowledge:1")) == []
    [event] = decide(retried, cmd.ack_synced(request_id="202405100000001:acknowledge:2"))
    assert event.type == "OrderAcknowledged"


def test_a_result_for_another_operation_is_ignored(cmd: Commands, send_pending: Order) -> None:
    assert decide(send_pending, cmd.ack_synced()) == []
    assert decide(send_pending, cmd.cancel_synced()) == []


def test_request_ids_are_deterministic_for_the_same_state(cmd: Commands, registered: Order) -> None:
    assert decide(registered, cmd.send()) == decide(registered, cmd.send())
