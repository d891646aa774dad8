"""Inbox: makes a consumer idempotent. The (consumer, message_id) row is written in the same
transaction as the consumer's effect; a redelivered message finds it and is skipped."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime.bus.base import Handler
from marketbridge.runtime.db import Database
from marketbridge.runtime.tables import RuntimeTables
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

TransactionalHandler = Callable[[AsyncConnection, Envelope], Awaitable[None]]


class Inbox:
    def __init__(self, tables: RuntimeTables) -> None:
        self._table = tables.inbox

    async def claim(self, conn: AsyncConnection, consumer: str, message_id: str) -> bool:
        """True the first time this consumer sees the message; False for a duplicate."""
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(self._table).values(consumer=consumer, message_id=message_id)
        result = await conn.execute(stmt.on_conflict_do_nothing())
        return bool(result.rowcount)


def idempotent(db: Database, inbox: Inbox, consumer: str, handler: TransactionalHandler) -> Handler:
    """Wrap a handler so that its effect and the inbox row commit together, exactly once per message."""

    async def handle(envelope: Envelope) -> None:
        async with db.transaction() as conn:
            if await inbox.claim(conn, consumer, envelope.message_id):
                await handler(conn, envelope)

    return handle
