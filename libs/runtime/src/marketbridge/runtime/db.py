"""Database access: one async SQLAlchemy engine per service, on PostgreSQL (asyncpg) or SQLite (aiosqlite).

On PostgreSQL each service owns a schema (search_path); on SQLite each service owns a file. SQLite allows
one writer at a time, so transactions are serialised in-process instead of failing with "database is
locked" when a read transaction tries to upgrade to a write.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

AFTER_COMMIT = "mb_after_commit"


def _dumps(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


# JSON columns (event data, projections) are (de)serialised with orjson: the standard library's json was a
# third of the CPU time of saving a batch of imported products.
_JSON: dict[str, Any] = {"json_serializer": _dumps, "json_deserializer": orjson.loads}


def after_commit(conn: AsyncConnection, action: Callable[[], None]) -> None:
    """Run `action` once the transaction of `conn` has committed, never if it rolls back: a metric counts a
    message's effect once, not once per attempt. Outside `Database.transaction` it runs at once."""
    pending: list[Callable[[], None]] | None = conn.info.get(AFTER_COMMIT)
    if pending is None:
        action()
    else:
        pending.append(action)


class Database:
    def __init__(self, url: str, *, schema: str | None = None, pool_size: int = 10) -> None:
        self.url = url
        self.schema = schema
        self.is_sqlite = url.startswith("sqlite")
        self._sqlite_lock = asyncio.Lock()
        self.engine: AsyncEngine = self._create_engine(pool_size)

    def _create_engine(self, pool_size: int) -> AsyncEngine:
        if self.is_sqlite:
            database = make_url(self.url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_async_engine(self.url, connect_args={"timeout": 30}, **_JSON)
            event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
            return engine
        connect_args: dict[str, Any] = {}
        if self.schema:
            connect_args["server_settings"] = {"search_path": self.schema}
        return create_async_engine(
            self.url,
            pool_size=pool_size,
            max_overflow=pool_size,
            pool_pre_ping=True,
            connect_args=connect_args,
            **_JSON,
        )

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """One unit of work: commits when the block ends, rolls back when it raises. Never nest.
        Actions registered with `after_commit` run after the commit."""
        pending: list[Callable[[], None]] = []
        async with self._sqlite_lock if self.is_sqlite else contextlib.nullcontext(), self.engine.begin() as conn:
            conn.info[AFTER_COMMIT] = pending  # the pooled connection's dict: removed again below
            try:
                yield conn
            finally:
                conn.info.pop(AFTER_COMMIT, None)
        for action in pending:
            action()

    @contextlib.asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        """A connection for queries (no lock on SQLite: WAL readers never block the writer)."""
        async with self.engine.connect() as conn:
            yield conn

    async def ensure_schema(self) -> None:
        if self.is_sqlite or not self.schema:
            return
        async with self.engine.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))

    async def ping(self) -> bool:
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    async def dispose(self) -> None:
        await self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
