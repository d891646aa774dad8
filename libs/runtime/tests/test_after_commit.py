"""`after_commit`: an action registered inside a transaction runs once it has committed, never when it rolls
back (metrics count a message's effect once, not once per attempt), and at once outside a transaction."""

from __future__ import annotations

import pytest
from marketbridge.runtime.db import Database, after_commit
from marketbridge.runtime.tables import RuntimeTables
from sqlalchemy import text


async def test_runs_after_the_commit_only(database: tuple[Database, RuntimeTables]) -> None:
    db, _ = database
    ran: list[str] = []
    async with db.transaction() as conn:
        await conn.execute(text("SELECT 1"))
        after_commit(conn, lambda: ran.append("committed"))
        assert ran == []  # not before the commit
    assert ran == ["committed"]

    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            after_commit(conn, lambda: ran.append("rolled back"))
            raise RuntimeError("the handler failed")
    assert ran == ["committed"]

    async with db.transaction() as conn:  # the pooled connection carries nothing over from before
        await conn.execute(text("SELECT 1"))
    assert ran == ["committed"]

    async with db.read() as conn:
        after_commit(conn, lambda: ran.append("outside"))
    assert ran == ["committed", "outside"]
