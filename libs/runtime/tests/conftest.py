from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from marketbridge.runtime.db import Database
from marketbridge.runtime.tables import RuntimeTables, runtime_tables
from sqlalchemy import MetaData


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: object) -> AsyncIterator[tuple[Database, RuntimeTables]]:
    """The same tests run on SQLite (embedded mode) and PostgreSQL (distributed mode)."""
    if request.param == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path}/runtime.db")
    else:
        db = Database(request.getfixturevalue("pg_url"))
    metadata = MetaData()
    tables = runtime_tables(metadata)
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    yield db, tables
    await db.dispose()
