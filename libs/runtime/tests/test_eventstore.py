from __future__ import annotations

import asyncio

import pytest
from marketbridge.runtime.db import Database
from marketbridge.runtime.errors import ConcurrencyError
from marketbridge.runtime.eventstore import Append, EventStore, NewEvent, StoredEvent, rebuild
from marketbridge.runtime.tables import RuntimeTables


async def test_appends_and_reads_a_stream_in_version_order(database: tuple[Database, RuntimeTables]) -> None:
    db, tables = database
    store = EventStore(tables)
    async with db.transaction() as conn:
        v = await store.append(conn, "Order-1", 0, [NewEvent("A", {"n": 1}), NewEvent("B", {"n": 2})])
        assert v == 2
        await store.append(conn, "Order-1", 2, [NewEvent("C", {"n": 3}, {"actor": "u1"})])
    async with db.read() as conn:
        events = await store.read(conn, "Order-1")
        assert [(e.version, e.type, e.data["n"]) for e in events] == [(1, "A", 1), (2, "B", 2), (3, "C", 3)]
        assert events[2].metadata == {"actor": "u1"}
        assert await store.current_version(conn, "Order-1") == 3
        assert await store.current_version(conn, "Order-2") == 0


async def test_stale_expected_version_raises_concurrency_error_and_stores_nothing(
    database: tuple[Database, RuntimeTables],
) -> None:
    db, tables = database
    store = EventStore(tables)
    async with db.transaction() as conn:
        await store.append(conn, "P-1", 0, [NewEvent("Registered", {})])
    with pytest.raises(ConcurrencyError) as info:
        async with db.transaction() as conn:
            await store.append(conn, "P-1", 0, [NewEvent("Registered", {}), NewEvent("Revised", {})])
    assert info.value.code == "CONCURRENT_MODIFICATION"
    async with db.read() as conn:
        assert len(await store.read(conn, "P-1")) == 1


async def test_concurrent_writers_to_one_stream_exactly_one_wins(database: tuple[Database, RuntimeTables]) -> None:
    db, tables = database
    store = EventStore(tables)

    async def write(i: int) -> bool:
        try:
            async with db.transaction() as conn:
                await store.append(conn, "S-1", 0, [NewEvent("E", {"writer": i})])
            return True
        except ConcurrencyError:
            return False

    results = await asyncio.gather(*(write(i) for i in range(8)))
    assert results.count(True) == 1


async def test_append_many_and_rebuild_without_snapshots(database: tuple[Database, RuntimeTables]) -> None:
    db, tables = database
    store = EventStore(tables)
    async with db.transaction() as conn:
        await store.append_many(
            conn,
            [
                Append(f"C-{i}", 0, [NewEvent("Added", {"amount": i}), NewEvent("Added", {"amount": 1})])
                for i in range(50)
            ],
        )
    async with db.read() as conn:
        streams = await store.read_many(conn, ["C-7", "C-9"])

    def evolve(total: int | None, e: StoredEvent) -> int:
        return (total or 0) + int(e.data["amount"])

    assert rebuild(streams["C-7"], evolve) == (8, 2)
    assert rebuild(streams["C-9"], evolve) == (10, 2)
