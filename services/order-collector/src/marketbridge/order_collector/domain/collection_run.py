"""The CollectionRun aggregate (stream `CollectionRun-<run_id>`): requested → started → pages → finished
or failed. Pure `decide(state, command) -> [events]` and `evolve(state, event) -> state`.

Redelivered messages are harmless: requesting the same run, starting a running run, recording a page
already counted, finishing a finished run or failing a failed run decide nothing. A page or the finish
arriving before the start implies the start.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from marketbridge.order_collector.domain.run_messages import (
    CollectionKind,
    CollectionPageReceived,
    CollectionRequested,
    CollectionRunEvent,
    CollectionRunFailed,
    CollectionRunFinished,
    CollectionStarted,
    CollectionTrigger,
    FailCollection,
    FinishCollection,
    Message,
    RecordCollectionPage,
    RequestCollection,
    RunCommand,
    RunStatus,
    StartCollection,
)
from marketbridge.runtime.errors import Conflict, DomainError, NotFound, collect
from pydantic import BaseModel, ConfigDict

STREAM_PREFIX = "CollectionRun-"
_ENDED = frozenset({RunStatus.SUCCEEDED, RunStatus.FAILED})


class CollectionRun(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    run_id: str
    tenant_id: str
    marketplace: str
    account_id: str
    trigger: CollectionTrigger
    requested_by: str | None
    kinds: tuple[CollectionKind, ...]
    period_from: date | None
    period_to: date | None
    status: RunStatus = RunStatus.REQUESTED
    requested_at: datetime
    started_at: datetime | None = None
    ended_at: datetime | None = None
    pages_received: tuple[int, ...] = ()
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    failure_code: str | None = None
    failure_reason: str | None = None
    version: int = 0


def stream_id(run_id: str) -> str:
    return f"{STREAM_PREFIX}{run_id}"


# --- decide -----------------------------------------------------------------------------------------


def decide(state: CollectionRun | None, command: RunCommand) -> list[CollectionRunEvent]:
    if isinstance(command, RequestCollection):
        return [] if state is not None else [_requested(command)]
    if state is None:
        raise NotFound(code="COLLECTION_RUN_NOT_FOUND", message=f"수집 작업을 찾을 수 없습니다. ({command.run_id})")
    match command:
        case StartCollection():
            return [] if state.status is not RunStatus.REQUESTED else [_started(state, command)]
        case RecordCollectionPage():
            return _page(state, command)
        case FinishCollection():
            return _finish(state, command)
        case FailCollection():
            return _fail(state, command)
    raise TypeError(f"unknown command {type(command).__name__}")  # pragma: no cover


def _requested(command: RequestCollection) -> CollectionRequested:
    errors: list[DomainError] = []
    if command.trigger is CollectionTrigger.MANUAL and not command.requested_by:
        errors.append(
            _invalid("COLLECTION_REQUESTER_REQUIRED", "requested_by", "수동 수집은 요청한 사용자가 필요합니다.")
        )
    if not command.kinds:
        errors.append(_invalid("COLLECTION_KINDS_REQUIRED", "kinds", "수집할 항목(신규주문/배송완료)을 선택해 주세요."))
    if command.period_from and command.period_to and command.period_from > command.period_to:
        errors.append(_invalid("COLLECTION_PERIOD_INVALID", "period_from", "주문일자 시작일이 종료일보다 늦습니다."))
    collect(errors)
    return CollectionRequested.model_validate(command.model_dump())


def _invalid(code: str, field: str, message: str) -> DomainError:
    return DomainError(code=code, field=field, message=message, rule="ORD-COL-4")


def _account(state: CollectionRun, command: Message) -> dict[str, Any]:
    return {
        "run_id": state.run_id,
        "tenant_id": state.tenant_id,
        "marketplace": state.marketplace,
        "account_id": state.account_id,
        "at": command.at,
    }


def _started(state: CollectionRun, command: Message) -> CollectionStarted:
    return CollectionStarted(**_account(state, command))


def _implicit_start(state: CollectionRun, command: Message) -> list[CollectionRunEvent]:
    return [_started(state, command)] if state.status is RunStatus.REQUESTED else []


def _page(state: CollectionRun, command: RecordCollectionPage) -> list[CollectionRunEvent]:
    if command.page in state.pages_received:
        return []  # this page was counted already
    if state.status in _ENDED:
        raise _ended(state)
    if command.new + command.duplicates > command.fetched:
        raise DomainError(
            code="COLLECTION_PAGE_COUNTS_INVALID",
            field="fetched",
            message="신규 건수와 중복 건수의 합이 가져온 건수보다 많습니다.",
        )
    page = CollectionPageReceived(
        **_account(state, command),
        page=command.page,
        fetched=command.fetched,
        new=command.new,
        duplicates=command.duplicates,
    )
    return [*_implicit_start(state, command), page]


def _outcome(state: CollectionRun, command: Message, implicit: list[CollectionRunEvent]) -> dict[str, Any]:
    started_at = state.started_at or (command.at if implicit else None)
    return {
        **_account(state, command),
        "kinds": state.kinds,
        "started_at": started_at,
        "pages": len(state.pages_received),
        "fetched": state.fetched,
        "new": state.new,
        "duplicates": state.duplicates,
    }


def _finish(state: CollectionRun, command: FinishCollection) -> list[CollectionRunEvent]:
    if state.status is RunStatus.SUCCEEDED:
        return []
    if state.status is RunStatus.FAILED:
        raise _ended(state)
    implicit = _implicit_start(state, command)
    return [*implicit, CollectionRunFinished(**_outcome(state, command, implicit))]


def _fail(state: CollectionRun, command: FailCollection) -> list[CollectionRunEvent]:
    if state.status is RunStatus.FAILED:
        return []
    if state.status is RunStatus.SUCCEEDED:
        raise _ended(state)
    failed = CollectionRunFailed(**_outcome(state, command, []), code=command.code, reason=command.reason)
    return [failed]


def _ended(state: CollectionRun) -> Conflict:
    return Conflict(
        code="COLLECTION_RUN_ALREADY_ENDED",
        message=f"이미 종료된 수집 작업입니다. (결과: {state.status.label})",
    )


# --- evolve -----------------------------------------------------------------------------------------


def evolve(state: CollectionRun | None, event: CollectionRunEvent) -> CollectionRun:
    if isinstance(event, CollectionRequested):
        fields = event.model_dump(exclude={"type", "at"})
        return CollectionRun.model_validate({**fields, "requested_at": event.at, "version": 1})
    if state is None:
        raise ValueError(f"{event.type} before CollectionRequested for run {event.run_id}")
    return state.model_copy(update={**_changes(state, event), "version": state.version + 1})


def _changes(state: CollectionRun, event: CollectionRunEvent) -> dict[str, Any]:
    match event:
        case CollectionStarted():
            return {"status": RunStatus.RUNNING, "started_at": event.at}
        case CollectionPageReceived():
            return {
                "pages_received": (*state.pages_received, event.page),
                "fetched": state.fetched + event.fetched,
                "new": state.new + event.new,
                "duplicates": state.duplicates + event.duplicates,
            }
        case CollectionRunFinished():
            return {"status": RunStatus.SUCCEEDED, "ended_at": event.at}
        case CollectionRunFailed():
            return {
                "status": RunStatus.FAILED,
                "ended_at": event.at,
                "failure_code": event.code,
                "failure_reason": event.reason,
            }
    raise ValueError(f"unexpected event {event.type}")  # pragma: no cover


def replay(events: Iterable[CollectionRunEvent]) -> CollectionRun | None:
    state: CollectionRun | None = None
    for event in events:
        state = evolve(state, event)
    return state
