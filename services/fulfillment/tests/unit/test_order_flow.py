"""ORD-FLOW-1..3: the order lifecycle end to end, and the stream round trip."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from marketbridge.fulfillment.domain.events import OrderAcknowledged, OrderCollected
from marketbridge.fulfillment.domain.evolution import CorruptStream
from marketbridge.fulfillment.domain.order import Order, decide, evolve, parse_event, replay, stream_id
from marketbridge.fulfillment.domain.values import CompletionReason, OrderStatus
from marketbridge.runtime.errors import NotFound

if TYPE_CHECKING:
    from .conftest import Commands, Run


def _events_of(state: Order | None, *commands: object) -> list[object]:
    events: list[object] = []
    for command in commands:
        new = decide(state, command)  # type: ignore[arg-type]
        for event in new:
            state = evolve(state, event)
        events.extend(new)
    return events


def test_collected_order_starts_new_with_its_marketplace_line(new_order: Order) -> None:
    assert new_order.status is OrderStatus.NEW
    assert new_order.status.label == "신규 주문"
    assert (new_order.marketplace, new_order.account_id) == ("AUCTION", "sbdc1228")
    assert (new_order.marketplace_order_id, new_order.marketplace_order_line_id) == ("1007273015", "1")
    assert new_order.marketplace_order_sub_id == "1307257474"
    assert new_order.quantity == 2 and new_order.prices.order_amount == 30000
    assert new_order.pending_sync is None and new_order.version == 1


def test_ord_flow_1_normal_flow_new_to_completed(cmd: Commands) -> None:
    events = _events_of(
        None,
        cmd.collect(),
        cmd.acknowledge(),
        cmd.ack_synced(),
        cmd.register(),
        cmd.send(),
        cmd.sent(),
        cmd.delivered(),
    )
    assert [e.type for e in events] == [  # type: ignore[attr-defined]
        "OrderCollected",
        "OrderAcknowledgementRequested",
        "OrderAcknowledged",
        "InvoiceRegistered",
        "InvoiceSendRequested",
        "InvoiceSent",
        "OrderCompleted",
    ]


def test_ord_flow_1_statuses_along_the_way(cmd: Commands, run: Run) -> None:
    state = run(None, cmd.collect(), cmd.acknowledge())
    assert state.status is OrderStatus.NEW  # waits for the marketplace's confirmation
    state = run(state, cmd.ack_synced())
    assert state.status is OrderStatus.ACKNOWLEDGED
    state = run(state, cmd.register())
    assert state.status is OrderStatus.INVOICE_REGISTERED
    state = run(state, cmd.send(), cmd.sent())
    assert state.status is OrderStatus.INVOICE_SENT and state.status.label == "송장 전송 완료"
    state = run(state, cmd.delivered())
    assert state.status is OrderStatus.COMPLETED and state.completed_at is not None


def test_ord_flow_2_seller_cancellation_flow(cmd: Commands, run: Run) -> None:
    state = run(None, cmd.collect(), cmd.cancel())
    assert state.status is OrderStatus.NEW and state.pending_sync is not None
    state = run(state, cmd.cancel_synced())
    assert state.status is OrderStatus.SELLER_CANCELLED and state.status.label == "판매취소"
    assert state.pending_sync is None and state.cancelled_at is not None


def test_ord_flow_3_force_complete_without_transmission(cmd: Commands, registered: Order) -> None:
    [event] = decide(registered, cmd.force_complete())
    state = evolve(registered, event)
    assert state.status is OrderStatus.COMPLETED
    assert event.type == "OrderCompleted" and event.reason is CompletionReason.FORCED
    assert state.invoice_sent_at is None


def test_commands_on_an_unknown_order_are_not_found(cmd: Commands) -> None:
    with pytest.raises(NotFound) as caught:
        decide(None, cmd.acknowledge())
    assert caught.value.code == "ORDER_NOT_FOUND" and caught.value.status == 404


def test_stream_round_trips_through_json(cmd: Commands) -> None:
    events = _events_of(None, cmd.collect(), cmd.acknowledge(), cmd.ack_synced(), cmd.register())
    stored = [e.model_dump(mode="json") for e in events]  # type: ignore[attr-defined]
    parsed = [parse_event(data) for data in stored]
    assert parsed == events
    state = replay(parsed)
    assert state is not None and state.status is OrderStatus.INVOICE_REGISTERED and state.version == 4
    assert stream_id(state.order_id) == "Order-202405100000001"


def test_evolve_refuses_a_stream_without_its_collection(cmd: Commands, new_order: Order) -> None:
    ack = OrderAcknowledged(order_id=new_order.order_id, at=cmd.at, request_id="x")
    with pytest.raises(CorruptStream):
        evolve(None, ack)
    collected = OrderCollected.model_validate(cmd.collect().model_dump())
    with pytest.raises(CorruptStream):
        evolve(new_order, collected)
