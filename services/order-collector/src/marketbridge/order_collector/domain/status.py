"""ORD-COL-5: collection status per marketplace account, a read model updated by run events.

For each of 신규주문 and 배송완료: 최종수집일 (`yyyy-MM-dd HH:mm`) and 수집상태 `성공`/`실패`; on `실패` the
seller is told to contact support. Also what scheduling needs: when a run last started and whether
one is in flight. `update_account_status` is pure and tolerates redelivered and out-of-order events.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from marketbridge.order_collector.domain.run_messages import (
    CollectionKind,
    CollectionPageReceived,
    CollectionRequested,
    CollectionRunEvent,
    CollectionRunFailed,
    CollectionRunFinished,
    CollectionStarted,
    RunOutcome,
    RunStatus,
)
from marketbridge.order_collector.domain.schedule import DEFAULT_COLLECTION_INTERVAL, is_due
from pydantic import BaseModel, ConfigDict, Field

KST = timezone(timedelta(hours=9))
FAILURE_GUIDANCE = "주문 수집에 실패했습니다. 고객센터로 문의해 주세요."
STALE_RUN_AFTER = timedelta(hours=1)  # a run in flight longer than this no longer blocks the schedule


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KindCollectionStatus(_Model):
    last_run_id: str
    last_run_started_at: datetime | None
    last_collected_at: datetime  # 최종수집일: when the last run ended
    last_status: RunStatus  # SUCCEEDED or FAILED
    last_success_at: datetime | None = None
    last_failure_at: datetime | None = None
    last_failure_reason: str | None = None
    fetched: int = 0
    new: int = 0
    duplicates: int = 0

    @property
    def status_label(self) -> str:
        return self.last_status.label  # 성공 / 실패

    @property
    def collected_at_text(self) -> str:
        return format_collected_at(self.last_collected_at)

    @property
    def guidance(self) -> str | None:
        return FAILURE_GUIDANCE if self.last_status is RunStatus.FAILED else None


class AccountCollectionStatus(_Model):
    tenant_id: str
    marketplace: str
    account_id: str
    kinds: dict[CollectionKind, KindCollectionStatus] = Field(default_factory=dict)
    last_started_at: datetime | None = None  # any run, manual or scheduled: the schedule counts from it
    in_flight_run_id: str | None = None
    in_flight_since: datetime | None = None


def format_collected_at(moment: datetime) -> str:
    local = moment if moment.tzinfo is None else moment.astimezone(KST)
    return local.strftime("%Y-%m-%d %H:%M")


def update_account_status(status: AccountCollectionStatus | None, event: CollectionRunEvent) -> AccountCollectionStatus:
    current = status or AccountCollectionStatus(
        tenant_id=event.tenant_id, marketplace=event.marketplace, account_id=event.account_id
    )
    match event:
        case CollectionRequested() | CollectionStarted():
            return _in_flight(current, event.run_id, event.at, started=isinstance(event, CollectionStarted))
        case CollectionRunFinished() | CollectionRunFailed():
            return _ended(current, event)
        case CollectionPageReceived():
            return current
    raise ValueError(f"unexpected event {event.type}")  # pragma: no cover


def _in_flight(status: AccountCollectionStatus, run_id: str, at: datetime, *, started: bool) -> AccountCollectionStatus:
    update: dict[str, object] = {}
    if started and (status.last_started_at is None or at > status.last_started_at):
        update["last_started_at"] = at
    if status.in_flight_since is None or at >= status.in_flight_since:
        already_ended = any(k.last_run_id == run_id for k in status.kinds.values())
        if not already_ended:
            update |= {"in_flight_run_id": run_id, "in_flight_since": at}
    return status.model_copy(update=update)


def _ended(status: AccountCollectionStatus, event: RunOutcome) -> AccountCollectionStatus:
    kinds = dict(status.kinds)
    for kind in event.kinds:
        previous = kinds.get(kind)
        if previous is None or _is_newer(event, previous):
            kinds[kind] = _kind_status(previous, event)
    update: dict[str, object] = {"kinds": kinds}
    if event.started_at and (status.last_started_at is None or event.started_at > status.last_started_at):
        update["last_started_at"] = event.started_at
    if status.in_flight_run_id == event.run_id:
        update |= {"in_flight_run_id": None, "in_flight_since": None}
    return status.model_copy(update=update)


def _is_newer(event: RunOutcome, previous: KindCollectionStatus) -> bool:
    if event.run_id == previous.last_run_id:
        return False  # redelivered
    if event.started_at is None or previous.last_run_started_at is None:
        return event.at >= previous.last_collected_at
    return event.started_at >= previous.last_run_started_at


def _kind_status(previous: KindCollectionStatus | None, event: RunOutcome) -> KindCollectionStatus:
    """The failure fields keep the last failure even after a later success."""
    if isinstance(event, CollectionRunFailed):
        outcome = {
            "last_status": RunStatus.FAILED,
            "last_success_at": previous.last_success_at if previous else None,
            "last_failure_at": event.at,
            "last_failure_reason": event.reason,
        }
    else:
        outcome = {
            "last_status": RunStatus.SUCCEEDED,
            "last_success_at": event.at,
            "last_failure_at": previous.last_failure_at if previous else None,
            "last_failure_reason": previous.last_failure_reason if previous else None,
        }
    return KindCollectionStatus.model_validate(
        {
            "last_run_id": event.run_id,
            "last_run_started_at": event.started_at,
            "last_collected_at": event.at,
            "fetched": event.fetched,
            "new": event.new,
            "duplicates": event.duplicates,
            **outcome,
        }
    )


def due_for_collection(
    status: AccountCollectionStatus | None,
    *,
    now: datetime,
    interval: timedelta = DEFAULT_COLLECTION_INTERVAL,
    stale_after: timedelta = STALE_RUN_AFTER,
) -> bool:
    """ORD-COL-1: whether the scheduler should start a run for this account now."""
    if status is None:
        return True
    if status.in_flight_since is not None and now - status.in_flight_since < stale_after:
        return False
    return is_due(status.last_started_at, interval, now=now)
