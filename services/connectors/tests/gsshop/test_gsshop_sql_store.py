"""The SQL `PushedOrderStore` on SQLite and on the real PostgreSQL (table created for the test only; the
connectors service owns the migration)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from marketbridge.connectors.gsshop.sql_store import SqlPushedOrderStore, metadata
from marketbridge.runtime.db import Database
from sqlalchemy import text


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        database = Database(f"sqlite+aiosqlite:///{tmp_path / 'gs.db'}")
    else:
        pg_url: str = request.getfixturevalue("pg_url")
        database = Database(pg_url, schema=f"gs_{uuid.uuid4().hex[:8]}")
        await database.ensure_schema()
    async with database.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    yield database
    if not database.is_sqlite:
        async with database.engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{database.schema}" CASCADE'))
    await database.dispose()


async def test_upsert_and_reads(db: Database) -> None:
    store = SqlPushedOrderStore(db)
    first = [
        {"ordTypeCd": "O", "ordNo": "0000000001", "ordItemNo": "000010", "dlvStCd": "10"},
        {"ordTypeCd": "O", "ordNo": "0000000002", "ordItemNo": "000010", "dlvStCd": "10"},
    ]
    assert await store.save("100777", "20261118", first, datetime(2026, 11, 18, 9, tzinfo=UTC)) == 2
    newer = [
        {"ordTypeCd": "O", "ordNo": "0000000001", "ordItemNo": "000010", "dlvStCd": "30", "deliveryNo": "6123"},
        {"ordTypeCd": "C", "ordNo": "0000000002", "ordItemNo": "000010"},
    ]
    await store.save("100777", "20261118", newer, datetime(2026, 11, 18, 10, tzinfo=UTC))
    day = await store.rows_for_day("100777", "20261118")
    assert len(day) == 3 and {r["dlvStCd"] for r in day if r["ordNo"] == "0000000001"} == {"30"}
    assert await store.rows_for_day("999999", "20261118") == []
    lines = await store.rows_for_lines("100777", ["0000000002:000010"])
    assert sorted(r["ordTypeCd"] for r in lines) == ["C", "O"] and lines[0]["sdDt"] == "20261118"
