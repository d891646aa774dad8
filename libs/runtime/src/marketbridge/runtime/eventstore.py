"""Append-only event store with optimistic concurrency: the unique (stream_id, version) key is the lock.

Appends happen on the caller's connection so that the events, the read-model changes and the outbox
messages of one command commit together (transactional outbox).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from marketbridge.runtime.errors import ConcurrencyError
from marketbridge.runtime.tables import RuntimeTables
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

S = TypeVar("S")


@dataclass(frozen=True)
class NewEvent:
    type: str
    data: dict[str, Any]
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredEvent:
    stream_id: str
    version: int
    type: str
    data: dict[str, Any]
    metadata: dict[str, Any]
    recorded_at: datetime
    global_position: int


@dataclass(frozen=True)
class Append:
    """Events for one stream; `expected_version` is 0 for a new stream."""

    stream_id: str
    expected_version: int
    events: Sequence[NewEvent]


class EventStore:
    def __init__(self, tables: RuntimeTables) -> None:
        self._events = tables.events

    async def append(
        self, conn: AsyncConnection, stream_id: str, expected_version: int, events: Sequence[NewEvent]
    ) -> int:
        """Append and return the stream's new version; ConcurrencyError if it moved since it was read."""
        await self.append_many(conn, [Append(stream_id, expected_version, events)])
        return expected_version + len(events)

    async def append_many(self, conn: AsyncConnection, appends: Iterable[Append]) -> None:
        """Append to many streams in one statement (batch ingest), all or nothing."""
        rows = [
            {
                "stream_id": a.stream_id,
                "version": a.expected_version + i,
                "type": e.type,
                "data": e.data,
                "metadata": e.metadata,
            }
            for a in appends
            for i, e in enumerate(a.events, start=1)
        ]
        if not rows:
            return
        try:
            await conn.execute(insert(self._events), rows)
        except IntegrityError as exc:
            first = rows[0]
            raise ConcurrencyError(str(first["stream_id"]), int(str(first["version"])) - 1) from exc

    async def read(self, conn: AsyncConnection, stream_id: str, after_version: int = 0) -> list[StoredEvent]:
        t = self._events
        result = await conn.execute(
            select(t).where(t.c.stream_id == stream_id, t.c.version > after_version).order_by(t.c.version)
        )
        return [_stored(row._mapping) for row in result]

    async def read_many(self, conn: AsyncConnection, stream_ids: Sequence[str]) -> dict[str, list[StoredEvent]]:
        t = self._events
        out: dict[str, list[StoredEvent]] = {s: [] for s in stream_ids}
        if not stream_ids:
            return out
        result = await conn.execute(
            select(t).where(t.c.stream_id.in_(list(stream_ids))).order_by(t.c.stream_id, t.c.version)
        )
        for row in result:
            out[row.stream_id].append(_stored(row._mapping))
        return out

    async def current_version(self, conn: AsyncConnection, stream_id: str) -> int:
        t = self._events
        value = await conn.scalar(select(func.max(t.c.version)).where(t.c.stream_id == stream_id))
        return int(value or 0)


def rebuild(events: Iterable[StoredEvent], evolve: Callable[[S | None, StoredEvent], S]) -> tuple[S | None, int]:
    """Fold a stream into state (snapshot-free rebuild); returns (state, version)."""
    state: S | None = None
    version = 0
    for e in events:
        state = evolve(state, e)
        version = e.version
    return state, version


def _stored(m: Any) -> StoredEvent:
    return StoredEvent(
        stream_id=m["stream_id"],
        version=m["version"],
        type=m["type"],
        data=m["data"],
        metadata=m["metadata"],
        recorded_at=m["recorded_at"],
        global_position=m["global_position"],
    )
