"""CollectionRun: requested → started → pages → finished | failed; redelivery is harmless."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from marketbridge.order_collector.domain.collection_run import decide, replay, stream_id
from marketbridge.order_collector.domain.run_messages import (
    CollectionKind,
    CollectionRunFailed,
    CollectionRunFinished,
    CollectionTrigger,
    RunStatus,
    parse_run_event,
)
from marketbridge.runtime.errors import Conflict, DomainError, NotFound, ValidationFailed

if TYPE_CHECKING:
    from marketbridge.order_collector.domain.collection_run import CollectionRun

    from .conftest import RunCommands

from .conftest import T0, events_of, run_commands


def test_a_run_is_requested_then_started(rc: RunCommands) -> None:
    state = run_commands(None, rc.request())
    assert state.status is RunStatus.REQUESTED and state.requested_at == T0
    assert state.kinds == (CollectionKind.NEW_ORDERS, CollectionKind.DELIVERED)
    state = run_commands(state, rc.start())
    assert state.status is RunStatus.RUNNING and state.started_at == T0


def test_pages_add_up_their_counts(running: CollectionRun, rc: RunCommands) -> None:
    state = run_commands(running, rc.page(1, 10, 7, 3), rc.page(2, 5, 5, 0))
    assert (state.fetched, state.new, state.duplicates) == (15, 12, 3)
    assert state.pages_received == (1, 2)


def test_finished_run_reports_its_totals(running: CollectionRun, rc: RunCommands) -> None:
    state = run_commands(running, rc.page(1, 10, 7, 3))
    [event] = decide(state, rc.finish())
    assert isinstance(event, CollectionRunFinished)
    assert (event.pages, event.fetched, event.new, event.duplicates) == (1, 10, 7, 3)
    assert event.started_at == T0 and event.account_id == "sbdc1228"
    assert run_commands(state, rc.finish()).status is RunStatus.SUCCEEDED


def test_failed_run_keeps_the_reason(running: CollectionRun, rc: RunCommands) -> None:
    [event] = decide(running, rc.fail(reason="API 인증키가 만료되었습니다."))
    assert isinstance(event, CollectionRunFailed) and event.reason == "API 인증키가 만료되었습니다."
    state = run_commands(running, rc.fail())
    assert state.status is RunStatus.FAILED and state.status.label == "실패"
    assert state.failure_reason == "인증키 오류"


def test_a_run_can_fail_before_it_started(rc: RunCommands) -> None:
    state = run_commands(None, rc.request(), rc.fail())
    assert state.status is RunStatus.FAILED and state.started_at is None


def test_a_page_before_the_start_implies_the_start(rc: RunCommands) -> None:
    events = events_of(rc.request(), rc.page(), rc.start())
    assert [e.type for e in events] == ["CollectionRequested", "CollectionStarted", "CollectionPageReceived"]


def test_finishing_an_unstarted_run_implies_the_start(rc: RunCommands) -> None:
    events = events_of(rc.request(), rc.finish())
    assert [e.type for e in events] == ["CollectionRequested", "CollectionStarted", "CollectionRunFinished"]


@pytest.mark.parametrize("repeat", ["request", "start", "page", "finish"])
def test_redelivered_commands_are_no_ops(rc: RunCommands, repeat: str) -> None:
    state = run_commands(None, rc.request(), rc.start(), rc.page(), rc.finish())
    command = {"request": rc.request(), "start": rc.start(), "page": rc.page(), "finish": rc.finish()}[repeat]
    assert decide(state, command) == []


def test_failure_recorded_twice_is_a_no_op(running: CollectionRun, rc: RunCommands) -> None:
    assert decide(run_commands(running, rc.fail()), rc.fail()) == []


def test_an_ended_run_refuses_the_other_outcome_and_new_pages(running: CollectionRun, rc: RunCommands) -> None:
    finished = run_commands(running, rc.finish())
    for command in (rc.fail(), rc.page(page=2)):
        with pytest.raises(Conflict) as caught:
            decide(finished, command)
        assert caught.value.code == "COLLECTION_RUN_ALREADY_ENDED"


def test_page_counts_must_be_consistent(running: CollectionRun, rc: RunCommands) -> None:
    with pytest.raises(DomainError) as caught:
        decide(running, rc.page(fetched=3, new=3, duplicates=1))
    assert caught.value.code == "COLLECTION_PAGE_COUNTS_INVALID"


def test_unknown_run_is_not_found(rc: RunCommands) -> None:
    with pytest.raises(NotFound):
        decide(None, rc.start())


def test_ord_col_4_manual_run_names_the_user_and_a_valid_period(rc: RunCommands) -> None:
    with pytest.raises(ValidationFailed) as caught:
        decide(
            None,
            rc.request(
                trigger=CollectionTrigger.MANUAL,
                kinds=[],
                period_from=date(2024, 5, 10),
                period_to=date(2024, 5, 9),
            ),
        )
    assert [e.code for e in caught.value.errors] == [
        "COLLECTION_REQUESTER_REQUIRED",
        "COLLECTION_KINDS_REQUIRED",
        "COLLECTION_PERIOD_INVALID",
    ]
    manual = rc.request(trigger=CollectionTrigger.MANUAL, requested_by="user-1", kinds=["NEW_ORDERS"])
    state = run_commands(None, manual)
    assert state.requested_by == "user-1" and state.kinds == (CollectionKind.NEW_ORDERS,)


def test_stream_round_trips_through_json(rc: RunCommands) -> None:
    events = events_of(rc.request(), rc.start(), rc.page(), rc.finish())
    parsed = [parse_run_event(e.model_dump(mode="json")) for e in events]
    assert parsed == events
    state = replay(parsed)
    assert state is not None and state.status is RunStatus.SUCCEEDED and state.version == 4
    assert stream_id("run-1") == "CollectionRun-run-1"
