"""Outbound calls to a marketplace are not transactional, so each one is recorded before it is made.

`outbound_calls` holds one row per (marketplace, operation, call key): pending → succeeded | failed.
A redelivered command whose call is still pending was interrupted (crash, timeout) with an unknown
outcome: the worker first asks the marketplace for the current state instead of guessing, and only calls
again if the marketplace shows the call did not take effect.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from marketbridge.connectors.adapters.tables import outbound_calls
from marketbridge.runtime.db import Database
from marketbridge.runtime.sql import insert_new
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection


@dataclass(frozen=True)
class CallRecord:
    state: str  # pending | succeeded | failed
    attempts: int
    interrupted: bool  # a previous attempt is still pending: its outcome is unknown


@dataclass(frozen=True)
class Outcome:
    ok: bool
    code: str | None = None
    message: str | None = None
    data: dict[str, Any] | None = None


Finish = Callable[[AsyncConnection, Outcome], Awaitable[None]]


class OutboundCalls:
    def __init__(self, db: Database, marketplace: str) -> None:
        self.db, self.marketplace = db, marketplace

    async def begin(self, operation: str, key: str, tenant_id: str) -> CallRecord:
        """Record the attempt (committed before the call is made)."""
        pk = {"marketplace": self.marketplace, "operation": operation, "call_key": key}
        async with self.db.transaction() as conn:
            new = await insert_new(
                conn, outbound_calls, [pk | {"tenant_id": tenant_id, "state": "pending", "attempts": 1}], list(pk)
            )
            if new:
                return CallRecord("pending", 1, interrupted=False)
            row = (await conn.execute(select(outbound_calls).where(*(outbound_calls.c[k] == v for k, v in pk.items())))).one()
            if row.state != "pending":
                return CallRecord(row.state, row.attempts, interrupted=False)
            await conn.execute(
                update(outbound_calls).where(*(outbound_calls.c[k] == v for k, v in pk.items())).values(attempts=row.attempts + 1)
            )
            return CallRecord("pending", row.attempts + 1, interrupted=True)

    async def finish(self, operation: str, key: str, outcome: Outcome, effect: Finish) -> None:
        """Record the outcome and its effects (result event, sync log) in one transaction."""
        pk = {"marketplace": self.marketplace, "operation": operation, "call_key": key}
        async with self.db.transaction() as conn:
            result = await conn.execute(
                update(outbound_calls)
                .where(*(outbound_calls.c[k] == v for k, v in pk.items()), outbound_calls.c.state == "pending")
                .values(
                    state="succeeded" if outcome.ok else "failed",
                    result={"code": outcome.code, "message": outcome.message, **(outcome.data or {})},
                    updated_at=datetime.now(UTC),
                )
            )
            if result.rowcount:  # a concurrent duplicate that finished first already emitted the effects
                await effect(conn, outcome)
