"""ORD-COL-5: collection result per account (최종수집일 and 성공/실패 for 신규주문 and 배송완료),
and ORD-COL-1 scheduling from that status."""

from __future__ import annotations

from datetime import timedelta

from marketbridge.order_collector.domain.run_messages import CollectionKind, CollectionRunEvent, RunStatus
from marketbridge.order_collector.domain.status import (
    FAILURE_GUIDANCE,
    AccountCollectionStatus,
    due_for_collection,
    update_account_status,
)

from .conftest import T0, RunCommands, events_of


def _project(
    events: list[CollectionRunEvent], status: AccountCollectionStatus | None = None
) -> AccountCollectionStatus:
    for event in events:
        status = update_account_status(status, event)
    assert status is not None
    return status


def _successful_run(run_id: str, minutes: int = 0) -> list[CollectionRunEvent]:
    rc, at = RunCommands(run_id), T0 + timedelta(minutes=minutes)
    return events_of(rc.request(at=at), rc.start(at), rc.page(1, 4, 3, 1), rc.finish(at + timedelta(minutes=1)))


def _failed_run(run_id: str, minutes: int = 0) -> list[CollectionRunEvent]:
    rc, at = RunCommands(run_id), T0 + timedelta(minutes=minutes)
    return events_of(rc.request(at=at), rc.start(at), rc.fail(at + timedelta(minutes=1), reason="인증 실패"))


def test_ord_col_5_success_shows_last_collected_time_and_counts_per_kind() -> None:
    status = _project(_successful_run("r1"))
    assert (status.marketplace, status.account_id) == ("AUCTION", "sbdc1228")
    for kind in (CollectionKind.NEW_ORDERS, CollectionKind.DELIVERED):
        kind_status = status.kinds[kind]
        assert kind_status.status_label == "성공" and kind_status.guidance is None
        assert kind_status.collected_at_text == "2024-05-10 10:01"
        assert (kind_status.fetched, kind_status.new, kind_status.duplicates) == (4, 3, 1)
    assert status.in_flight_run_id is None and status.last_started_at == T0


def test_ord_col_5_failure_tells_the_seller_to_contact_support() -> None:
    status = _project(_successful_run("r1") + _failed_run("r2", minutes=120))
    kind_status = status.kinds[CollectionKind.NEW_ORDERS]
    assert kind_status.last_status is RunStatus.FAILED and kind_status.status_label == "실패"
    assert kind_status.guidance == FAILURE_GUIDANCE and "고객센터" in FAILURE_GUIDANCE
    assert kind_status.last_failure_reason == "인증 실패"
    assert kind_status.last_success_at == T0 + timedelta(minutes=1)  # the earlier success is kept
    assert kind_status.collected_at_text == "2024-05-10 12:01"


def test_ord_col_5_kinds_are_reported_separately() -> None:
    rc = RunCommands("r1")
    status = _project(events_of(rc.request(kinds=["DELIVERED"]), rc.start(), rc.finish()))
    assert set(status.kinds) == {CollectionKind.DELIVERED}


def test_ord_col_5_a_late_outcome_of_an_older_run_does_not_override_a_newer_one() -> None:
    older, newer = _failed_run("r1"), _successful_run("r2", minutes=120)
    status = _project(older[:-1] + newer + older[-1:])
    assert status.kinds[CollectionKind.NEW_ORDERS].last_run_id == "r2"
    assert status.kinds[CollectionKind.NEW_ORDERS].last_status is RunStatus.SUCCEEDED


def test_ord_col_5_redelivered_events_change_nothing() -> None:
    events = _successful_run("r1")
    once = _project(events)
    assert _project(events, once) == once


def test_ord_col_1_schedule_waits_two_hours_after_the_last_run() -> None:
    status = _project(_successful_run("r1"))
    assert not due_for_collection(status, now=T0 + timedelta(minutes=119))
    assert due_for_collection(status, now=T0 + timedelta(hours=2))
    assert due_for_collection(None, now=T0)


def test_ord_col_1_no_new_run_while_one_is_in_flight() -> None:
    status = _project(_successful_run("r1")[:2])  # requested and started, not ended
    assert status.in_flight_run_id == "r1"
    assert not due_for_collection(status, now=T0 + timedelta(minutes=50))
    later = T0 + timedelta(minutes=150)  # the interval has passed, but the run is still in flight
    assert not due_for_collection(status, now=later, stale_after=timedelta(hours=3))
    # a run stuck for longer than the stale limit no longer blocks the schedule
    assert due_for_collection(status, now=later, stale_after=timedelta(minutes=30))


def test_ord_col_1_a_manual_run_resets_the_schedule() -> None:
    status = _project(_successful_run("scheduled") + _successful_run("manual", minutes=90))
    assert not due_for_collection(status, now=T0 + timedelta(hours=2))
    assert due_for_collection(status, now=T0 + timedelta(minutes=210))
