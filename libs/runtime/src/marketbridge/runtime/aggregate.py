"""Loading and saving event-sourced aggregates: fold the stream with the domain's pure `evolve`, append
the events the domain's `decide` returned, with the version read as the expected version."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from marketbridge.runtime.errors import NotFound
from marketbridge.runtime.eventstore import EventStore, NewEvent, StoredEvent
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection

S = TypeVar("S")
E = TypeVar("E", bound=BaseModel)


class EventCodec(Generic[E]):
    """Maps domain event classes (pydantic, with a `type` name) to stored events and back."""

    def __init__(self, classes: Sequence[type[E]], type_of: Callable[[type[E]], str]) -> None:
        self._by_type = {type_of(c): c for c in classes}
        self._type_of = type_of

    def encode(self, event: E, metadata: dict[str, Any] | None = None) -> NewEvent:
        return NewEvent(self._type_of(type(event)), event.model_dump(mode="json"), metadata or {})

    def decode(self, stored: StoredEvent) -> E:
        return self._by_type[stored.type].model_validate(stored.data)


class Repository(Generic[S, E]):
    def __init__(
        self,
        store: EventStore,
        codec: EventCodec[E],
        evolve: Callable[[S | None, E], S],
        stream_prefix: str,
        not_found: tuple[str, str],
    ) -> None:
        self.store, self.codec, self.evolve, self.prefix = store, codec, evolve, stream_prefix
        self.not_found = not_found

    def stream_id(self, aggregate_id: str) -> str:
        return f"{self.prefix}-{aggregate_id}"

    async def load(self, conn: AsyncConnection, aggregate_id: str) -> tuple[S | None, int]:
        state: S | None = None
        version = 0
        for stored in await self.store.read(conn, self.stream_id(aggregate_id)):
            state = self.evolve(state, self.codec.decode(stored))
            version = stored.version
        return state, version

    async def get(self, conn: AsyncConnection, aggregate_id: str) -> tuple[S, int]:
        state, version = await self.load(conn, aggregate_id)
        if state is None:
            raise NotFound(*self.not_found)
        return state, version

    async def save(
        self,
        conn: AsyncConnection,
        aggregate_id: str,
        expected_version: int,
        events: Sequence[E],
        metadata: dict[str, Any] | None = None,
    ) -> int:
        new = [self.codec.encode(e, metadata) for e in events]
        if not new:
            return expected_version
        return await self.store.append(conn, self.stream_id(aggregate_id), expected_version, new)

    def apply(self, state: S | None, events: Sequence[E]) -> S | None:
        for e in events:
            state = self.evolve(state, e)
        return state
