"""Enums, commands and events of a CollectionRun (one order collection for one marketplace account)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator


class CollectionTrigger(StrEnum):
    MANUAL = "MANUAL"  # 주문수집 button (ORD-COL-4)
    SCHEDULED = "SCHEDULED"  # every 2 hours (ORD-COL-1)


class CollectionKind(StrEnum):
    """What a run collects (ORD-COL-4 items; ORD-COL-5 reports each separately)."""

    NEW_ORDERS = "NEW_ORDERS"
    DELIVERED = "DELIVERED"

    @property
    def label(self) -> str:
        return "신규주문" if self is CollectionKind.NEW_ORDERS else "배송완료"


class RunStatus(StrEnum):
    REQUESTED = "REQUESTED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"

    @property
    def label(self) -> str:
        return _RUN_LABELS[self]


_RUN_LABELS = {
    RunStatus.REQUESTED: "대기",
    RunStatus.RUNNING: "수집중",
    RunStatus.SUCCEEDED: "성공",
    RunStatus.FAILED: "실패",
}


class Message(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    run_id: str = Field(min_length=1)
    at: datetime


def _normalise_kinds(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        order = list(CollectionKind)
        return tuple(sorted({CollectionKind(v) for v in value}, key=order.index))
    return value


# --- commands ---------------------------------------------------------------------------------------


class RequestCollection(Message):
    tenant_id: str = Field(min_length=1)
    marketplace: str = Field(min_length=1)
    account_id: str = Field(min_length=1)
    trigger: CollectionTrigger
    requested_by: str | None = None  # the user, for manual runs
    kinds: tuple[CollectionKind, ...] = (CollectionKind.NEW_ORDERS, CollectionKind.DELIVERED)
    period_from: date | None = None  # 주문일자 range (ORD-COL-4); None = since the last run
    period_to: date | None = None

    _kinds = field_validator("kinds", mode="before")(_normalise_kinds)


class StartCollection(Message):
    pass


class RecordCollectionPage(Message):
    page: int = Field(ge=1)
    fetched: int = Field(ge=0)
    new: int = Field(ge=0)
    duplicates: int = Field(ge=0)


class FinishCollection(Message):
    pass


class FailCollection(Message):
    code: str
    reason: str  # the marketplace's or connector's own message


RunCommand = RequestCollection | StartCollection | RecordCollectionPage | FinishCollection | FailCollection


# --- events (each names its account, so projections need no lookup) ---------------------------------


class RunEvent(Message):
    tenant_id: str
    marketplace: str
    account_id: str


class CollectionRequested(RunEvent):
    type: Literal["CollectionRequested"] = "CollectionRequested"
    trigger: CollectionTrigger
    requested_by: str | None = None
    kinds: tuple[CollectionKind, ...]
    period_from: date | None = None
    period_to: date | None = None


class CollectionStarted(RunEvent):
    type: Literal["CollectionStarted"] = "CollectionStarted"


class CollectionPageReceived(RunEvent):
    type: Literal["CollectionPageReceived"] = "CollectionPageReceived"
    page: int
    fetched: int
    new: int
    duplicates: int


class RunOutcome(RunEvent):
    kinds: tuple[CollectionKind, ...]
    started_at: datetime | None  # orders outcomes of runs for the status read model
    pages: int
    fetched: int
    new: int
    duplicates: int


class CollectionRunFinished(RunOutcome):
    type: Literal["CollectionRunFinished"] = "CollectionRunFinished"


class CollectionRunFailed(RunOutcome):
    type: Literal["CollectionRunFailed"] = "CollectionRunFailed"
    code: str
    reason: str


CollectionRunEvent = Annotated[
    CollectionRequested | CollectionStarted | CollectionPageReceived | CollectionRunFinished | CollectionRunFailed,
    Field(discriminator="type"),
]

_ADAPTER: TypeAdapter[CollectionRunEvent] = TypeAdapter(CollectionRunEvent)


def parse_run_event(data: dict[str, Any]) -> CollectionRunEvent:
    return _ADAPTER.validate_python(data)
