"""Transactional outbox and its relay.

Writers insert messages on their own connection, in the same transaction as their events. The relay
claims committed rows in id order with `FOR UPDATE SKIP LOCKED`, publishes them with pipelined publisher
confirms, and deletes them in the same transaction. Nothing can be skipped: a row that commits late is
simply still there on the next pass. Only one relay batch per service runs at a time
(`pg_try_advisory_xact_lock`), so a stream's messages leave in the order they were written (a stream's
rows can only commit in version order, because the (stream, version) key serialises its writers).
Delivery is at-least-once (a crash between publish and commit republishes); consumers are idempotent.
"""

from __future__ import annotations

import asyncio
import contextlib
import zlib
from collections.abc import Sequence
from typing import Any

import structlog
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime import tracing
from marketbridge.runtime.bus.base import MessageBus, OutgoingMessage
from marketbridge.runtime.db import Database
from marketbridge.runtime.tables import RuntimeTables
from sqlalchemy import Select, delete, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

log = structlog.get_logger(__name__)
MAX_IDLE_SECONDS = 1.0


class Outbox:
    def __init__(self, tables: RuntimeTables) -> None:
        self._table = tables.outbox
        self.written = asyncio.Event()  # wakes an in-process relay early

    async def add(self, conn: AsyncConnection, envelopes: Sequence[Envelope]) -> None:
        if not envelopes:
            return
        headers = dict(tracing.inject({}))
        rows = [
            {
                "message_id": e.message_id,
                "routing_key": e.type,
                "body": e.model_dump_json().encode(),
                "headers": headers,
            }
            for e in envelopes
        ]
        await conn.execute(insert(self._table), rows)
        self.written.set()


class OutboxRelay:
    def __init__(
        self,
        db: Database,
        tables: RuntimeTables,
        bus: MessageBus,
        outbox: Outbox,
        *,
        service: str,
        batch_size: int = 500,
        idle_seconds: float = 0.05,
    ) -> None:
        self.db, self.bus, self.outbox, self.service = db, bus, outbox, service
        self._table = tables.outbox
        self.batch_size, self.idle_seconds = batch_size, idle_seconds
        self._lock_key = zlib.crc32(f"outbox-relay:{service}".encode())
        self._stopping = asyncio.Event()

    async def relay_once(self) -> int:
        """Publish one batch; returns how many messages left the outbox."""
        async with self.db.transaction() as conn:
            if not self.db.is_sqlite:
                got = await conn.scalar(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": self._lock_key})
                if not got:
                    return 0
            rows = (await conn.execute(self._claim())).all()
            if not rows:
                return 0
            await self.bus.publish(
                [OutgoingMessage(r.routing_key, r.body, r.message_id, dict(r.headers or {})) for r in rows]
            )
            await conn.execute(delete(self._table).where(self._table.c.id.in_([r.id for r in rows])))
        return len(rows)

    def _claim(self) -> Select[Any]:
        t = self._table
        query = select(t.c.id, t.c.message_id, t.c.routing_key, t.c.body, t.c.headers).order_by(t.c.id)
        query = query.limit(self.batch_size)
        return query if self.db.is_sqlite else query.with_for_update(skip_locked=True)

    async def pending(self) -> int:
        async with self.db.read() as conn:
            return int(await conn.scalar(select(func.count()).select_from(self._table)) or 0)

    async def run(self) -> None:
        """Relay until stop(); on stop, drain what is already committed, then return.

        A write in this process wakes the relay at once; otherwise the idle poll (which only catches rows
        written by other processes of the service, or left by a crash) backs off up to a second, so that
        many idle processes do not keep the database busy."""
        idle = self.idle_seconds
        while not self._stopping.is_set():
            self.outbox.written.clear()  # before reading: a write during the pass wakes the next wait at once
            try:
                sent = await self.relay_once()
            except Exception:
                log.exception("outbox_relay_failed", service=self.service)
                sent = 0
                await asyncio.sleep(1.0)
            if sent:
                idle = self.idle_seconds
            elif await self._idle(idle):  # woken by a write (maybe not committed yet): look again soon
                idle = self.idle_seconds
            else:
                idle = min(idle * 2, MAX_IDLE_SECONDS)
        with contextlib.suppress(Exception):
            while await self.relay_once():
                pass

    async def _idle(self, seconds: float) -> bool:
        """Wait for a write in this process or the timeout; True when a write woke it."""
        try:
            await asyncio.wait_for(self.outbox.written.wait(), timeout=seconds)
        except TimeoutError:
            return False
        return True

    def stop(self) -> None:
        self._stopping.set()
        self.outbox.written.set()
