"""Small SQL helpers that work the same on PostgreSQL and SQLite."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection


def _insert(conn: AsyncConnection, table: Table) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


async def upsert(conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> None:
    """Insert rows, or update every non-key column of the rows that already exist."""
    if not rows:
        return
    stmt = _insert(conn, table)
    updates = {c: stmt.excluded[c] for c in rows[0] if c not in keys}
    await conn.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=updates), list(rows))


async def insert_new(
    conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]], keys: Sequence[str]
) -> list[dict[str, Any]]:
    """Insert rows whose key does not exist yet; return the rows that were new (de-duplication)."""
    if not rows:
        return []
    stmt = _insert(conn, table).on_conflict_do_nothing(index_elements=list(keys))
    key_cols = [table.c[k] for k in keys]
    result = await conn.execute(stmt.returning(*key_cols), list(rows))
    inserted = {tuple(r) for r in result}
    return [r for r in rows if tuple(r[k] for k in keys) in inserted]
