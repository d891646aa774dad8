"""ORD-ACK-1..3: acknowledgement (발주확인), planned dispatch date and delay reasons (Q7)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from marketbridge.fulfillment.domain.events import OrderAcknowledgementRequested
from marketbridge.fulfillment.domain.order import Order, decide, evolve
from marketbridge.fulfillment.domain.rules import is_delayed
from marketbridge.fulfillment.domain.values import DelayReason, OrderStatus, SyncOperation
from marketbridge.runtime.errors import Conflict, ValidationFailed

if TYPE_CHECKING:
    from .conftest import Commands, Run


def _requested(state: Order, command: object) -> OrderAcknowledgementRequested:
    [event] = decide(state, command)  # type: ignore[arg-type]
    assert isinstance(event, OrderAcknowledgementRequested)
    return event


def _codes(error: ValidationFailed) -> list[tuple[str, str | None, str | None]]:
    return [(e.code, e.field, e.rule) for e in error.errors]


def test_ord_ack_1_requests_acknowledgement_and_waits_for_the_marketplace(cmd: Commands, new_order: Order) -> None:
    event = _requested(new_order, cmd.acknowledge())
    state = evolve(new_order, event)
    assert state.status is OrderStatus.NEW
    assert state.pending_sync is not None and state.pending_sync.operation is SyncOperation.ACKNOWLEDGE
    assert event.request_id == "202405100000001:acknowledge:1" == state.pending_sync.request_id


def test_ord_ack_1_planned_dispatch_defaults_to_now(cmd: Commands, new_order: Order) -> None:
    event = _requested(new_order, cmd.acknowledge())
    assert event.planned_dispatch_at == cmd.at and event.delayed is False


def test_ord_ack_1_success_makes_the_order_acknowledged(cmd: Commands, ack_pending: Order, run: Run) -> None:
    state = run(ack_pending, cmd.ack_synced())
    assert state.status is OrderStatus.ACKNOWLEDGED and state.status.label == "발주확인"
    assert state.pending_sync is None and state.acknowledged_at == cmd.at


def test_ord_ack_1_failure_keeps_the_order_new_and_retryable(cmd: Commands, ack_pending: Order, run: Run) -> None:
    state = run(ack_pending, cmd.ack_failed(code="E100", message="주문상태 오류"))
    assert state.status is OrderStatus.NEW and state.pending_sync is None
    assert state.last_sync_error is not None
    assert (state.last_sync_error.code, state.last_sync_error.message) == ("E100", "주문상태 오류")
    retried = _requested(state, cmd.acknowledge())
    assert retried.request_id == "202405100000001:acknowledge:2"
    assert run(state, cmd.acknowledge(), cmd.ack_synced()).last_sync_error is None


def test_ord_ack_1_refuses_a_second_request_while_one_is_pending(cmd: Commands, ack_pending: Order) -> None:
    with pytest.raises(Conflict) as caught:
        decide(ack_pending, cmd.acknowledge())
    assert caught.value.code == "ORDER_SYNC_IN_PROGRESS" and "발주확인" in caught.value.message


def test_ord_ack_1_only_new_orders_are_acknowledged(cmd: Commands, acknowledged: Order) -> None:
    with pytest.raises(Conflict) as caught:
        decide(acknowledged, cmd.acknowledge())
    assert (caught.value.code, caught.value.rule, caught.value.status) == ("ORDER_NOT_NEW", "ORD-ACK-1", 409)
    assert "현재 상태: 발주확인" in caught.value.message


def test_ord_ack_2_planned_dispatch_may_not_be_before_the_acknowledgement_date(cmd: Commands, new_order: Order) -> None:
    with pytest.raises(ValidationFailed) as caught:
        decide(new_order, cmd.acknowledge(days_later=-1))
    assert _codes(caught.value) == [("PLANNED_DISPATCH_IN_PAST", "planned_dispatch_at", "ORD-ACK-2")]


def test_ord_ack_2_a_reason_without_a_delay_is_not_sent(cmd: Commands, new_order: Order) -> None:
    event = _requested(new_order, cmd.acknowledge(days_later=2, delay_reason=DelayReason.CUSTOMER_REQUEST))
    assert event.delayed is False and event.delay_reason is None and event.delay_detail is None


@pytest.mark.parametrize(("days", "delayed"), [(0, False), (2, False), (3, True), (7, True)])
def test_ord_ack_3_delay_starts_at_three_days_after_acknowledgement(cmd: Commands, days: int, delayed: bool) -> None:
    assert is_delayed(cmd.at + timedelta(days=days), cmd.at.date()) is delayed


def test_ord_ack_3_delay_uses_the_korean_calendar_date(cmd: Commands) -> None:
    # 2024-05-12 16:00 UTC is 2024-05-13 01:00 in Korea: 3 days after 2024-05-10
    assert is_delayed(datetime(2024, 5, 12, 16, 0, tzinfo=UTC), cmd.at.date()) is True


def test_ord_ack_3_delay_of_three_days_or_more_requires_a_reason(cmd: Commands, new_order: Order) -> None:
    with pytest.raises(ValidationFailed) as caught:
        decide(new_order, cmd.acknowledge(days_later=3))
    assert _codes(caught.value) == [("DELAY_REASON_REQUIRED", "delay_reason", "ORD-ACK-3")]
    assert "배송지연사유" in caught.value.errors[0].message


def test_ord_ack_3_delayed_acknowledgement_carries_the_reason(cmd: Commands, new_order: Order, run: Run) -> None:
    event = _requested(new_order, cmd.delayed_acknowledge())
    assert event.delayed is True and event.delay_reason is DelayReason.PRODUCT_PREPARE
    state = run(new_order, cmd.delayed_acknowledge())
    assert state.delay_reason is DelayReason.PRODUCT_PREPARE
    assert state.planned_dispatch_at == cmd.at + timedelta(days=5)


def test_ord_ack_3_reason_etc_requires_detail_text(cmd: Commands, new_order: Order) -> None:
    with pytest.raises(ValidationFailed) as caught:
        decide(new_order, cmd.acknowledge(days_later=4, delay_reason=DelayReason.ETC, delay_detail="  "))
    assert _codes(caught.value) == [("DELAY_DETAIL_REQUIRED", "delay_detail", "ORD-ACK-3")]
    event = _requested(
        new_order, cmd.acknowledge(days_later=4, delay_reason=DelayReason.ETC, delay_detail=" 원단 수급 ")
    )
    assert event.delay_detail == "원단 수급"


def test_ord_ack_3_delay_reasons_have_korean_labels() -> None:
    assert {r.value: r.label for r in DelayReason} == {
        "PRODUCT_PREPARE": "상품준비중",
        "CUSTOMER_REQUEST": "고객요청",
        "CUSTOM_BUILD": "주문제작",
        "RESERVED_DISPATCH": "예약발송",
        "OVERSEA_DELIVERY": "해외배송",
        "ETC": "기타",
    }


def test_ord_ack_planned_dispatch_as_naive_local_time(cmd: Commands, new_order: Order) -> None:
    planned = datetime(2024, 5, 13, 9, 0)  # naive: Korean local time
    with pytest.raises(ValidationFailed):
        decide(new_order, cmd.acknowledge(planned_dispatch_at=planned))
    assert _requested(new_order, cmd.acknowledge(planned_dispatch_at=planned - timedelta(hours=10))).delayed is False
