"""Builders for CollectionRun tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from marketbridge.order_collector.domain import run_messages as m
from marketbridge.order_collector.domain.collection_run import CollectionRun, decide, evolve

KST = timezone(timedelta(hours=9))
T0 = datetime(2024, 5, 10, 10, 0, tzinfo=KST)


class RunCommands:
    def __init__(self, run_id: str = "run-1") -> None:
        self.run_id = run_id

    def request(self, **kw: Any) -> m.RequestCollection:
        fields: dict[str, Any] = {
            "run_id": self.run_id,
            "at": T0,
            "tenant_id": "tenant-1",
            "marketplace": "AUCTION",
            "account_id": "sbdc1228",
            "trigger": m.CollectionTrigger.SCHEDULED,
            **kw,
        }
        return m.RequestCollection(**fields)

    def start(self, at: datetime = T0) -> m.StartCollection:
        return m.StartCollection(run_id=self.run_id, at=at)

    def page(self, page: int = 1, fetched: int = 10, new: int = 7, duplicates: int = 3) -> m.RecordCollectionPage:
        return m.RecordCollectionPage(
            run_id=self.run_id, at=T0, page=page, fetched=fetched, new=new, duplicates=duplicates
        )

    def finish(self, at: datetime = T0 + timedelta(minutes=1)) -> m.FinishCollection:
        return m.FinishCollection(run_id=self.run_id, at=at)

    def fail(self, at: datetime = T0 + timedelta(minutes=1), reason: str = "인증키 오류") -> m.FailCollection:
        return m.FailCollection(run_id=self.run_id, at=at, code="AUTH", reason=reason)


def run_commands(state: CollectionRun | None, *commands: m.RunCommand) -> CollectionRun:
    for command in commands:
        for event in decide(state, command):
            state = evolve(state, event)
    assert state is not None
    return state


def events_of(*commands: m.RunCommand) -> list[m.CollectionRunEvent]:
    state: CollectionRun | None = None
    events: list[m.CollectionRunEvent] = []
    for command in commands:
        new = decide(state, command)
        for event in new:
            state = evolve(state, event)
        events.extend(new)
    return events


@pytest.fixture
def rc() -> RunCommands:
    return RunCommands()


@pytest.fixture
def running(rc: RunCommands) -> CollectionRun:
    return run_commands(None, rc.request(), rc.start())
