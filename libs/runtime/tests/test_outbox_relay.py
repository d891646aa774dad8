"""The outbox relay cannot lose or reorder a stream's messages, whatever order transactions commit in."""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict
from collections.abc import AsyncIterator

import pytest
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime.bus.base import MessageBus, RetryPolicy, Subscription
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.runtime.bus.rabbitmq import RabbitMQBus
from marketbridge.runtime.db import Database
from marketbridge.runtime.errors import ConcurrencyError
from marketbridge.runtime.eventstore import EventStore, NewEvent
from marketbridge.runtime.inbox import Inbox, idempotent
from marketbridge.runtime.outbox import Outbox, OutboxRelay
from marketbridge.runtime.tables import runtime_tables
from sqlalchemy import MetaData

STREAMS, WRITERS, EVENTS_PER_WRITER = 10, 40, 15


@pytest.fixture
async def pg_and_rabbit(pg_url: str, amqp_url: str, namespace: str) -> AsyncIterator[tuple[Database, MessageBus]]:
    db = Database(pg_url)
    async with db.engine.begin() as conn:
        metadata = MetaData()
        runtime_tables(metadata)
        await conn.run_sync(metadata.create_all)
    bus = RabbitMQBus(amqp_url, namespace=namespace, service="relay-test", retry=RetryPolicy((50,), 3))
    await bus.start()
    yield db, bus
    await bus.delete_topology()
    await bus.close()
    await db.dispose()


async def test_concurrent_writers_every_message_arrives_in_stream_order(
    pg_and_rabbit: tuple[Database, MessageBus],
) -> None:
    db, bus = pg_and_rabbit
    tables = runtime_tables(MetaData())
    store, outbox = EventStore(tables), Outbox(tables)
    received: dict[str, list[int]] = defaultdict(list)

    async def record(env: Envelope) -> None:
        received[env.payload["stream"]].append(env.payload["version"])

    await bus.subscribe(Subscription("relaytest.all", ["test.#"], record, prefetch=1))
    # two relays compete for leadership, as two replicas of a service would
    relays = [
        OutboxRelay(db, tables, bus, outbox, service="relay-test", batch_size=37, idle_seconds=0.01) for _ in range(2)
    ]
    relay_tasks = [asyncio.create_task(r.run()) for r in relays]

    async def writer(w: int) -> None:
        rng = random.Random(w)
        for _ in range(EVENTS_PER_WRITER):
            stream = f"S-{rng.randrange(STREAMS)}"
            while True:
                try:
                    async with db.transaction() as conn:
                        version = await store.current_version(conn, stream) + 1
                        await store.append(conn, stream, version - 1, [NewEvent("E", {"w": w})])
                        env = Envelope(
                            type="test.happened.v1",
                            tenant_id="t",
                            correlation_id="c",
                            producer="test",
                            payload={"stream": stream, "version": version},
                        )
                        await outbox.add(conn, [env])
                        await asyncio.sleep(rng.random() / 100)  # hold the transaction open: commits interleave
                    break
                except ConcurrencyError:
                    continue

    await asyncio.gather(*(writer(w) for w in range(WRITERS)))
    total = WRITERS * EVENTS_PER_WRITER
    for _ in range(600):
        if sum(len(v) for v in received.values()) >= total:
            break
        await asyncio.sleep(0.05)
    for r in relays:
        r.stop()
    await asyncio.gather(*relay_tasks)

    assert sum(len(v) for v in received.values()) == total
    for stream, versions in received.items():
        assert versions == list(range(1, len(versions) + 1)), f"{stream} out of order or gapped"
    assert await relays[0].pending() == 0


@pytest.mark.parametrize("kind", ["memory", "rabbitmq"])
async def test_inbox_applies_a_redelivered_message_once(pg_url: str, kind: str, request: pytest.FixtureRequest) -> None:
    db = Database(pg_url)
    metadata = MetaData()
    tables = runtime_tables(metadata)
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    if kind == "memory":
        bus: MessageBus = InMemoryBus()
    else:
        bus = RabbitMQBus(
            request.getfixturevalue("amqp_url"), namespace=request.getfixturevalue("namespace"), service="inbox-test"
        )
    await bus.start()
    store, inbox = EventStore(tables), Inbox(tables)
    effects = 0

    async def effect(conn: object, env: Envelope) -> None:
        nonlocal effects
        effects += 1
        await store.append(conn, f"Effect-{env.message_id}", 0, [NewEvent("Applied", {})])  # type: ignore[arg-type]

    handler = idempotent(db, inbox, "inbox.test", effect)
    await bus.subscribe(Subscription("inbox.test", ["inbox.#"], handler, prefetch=8))
    env = Envelope(type="inbox.thing.v1", tenant_id="t", correlation_id="c", producer="test", payload={})
    from marketbridge.runtime.bus.base import OutgoingMessage

    await bus.publish([OutgoingMessage.of(env)] * 5)  # the same message delivered five times
    await asyncio.sleep(1.0)
    assert effects == 1
    async with db.read() as conn:
        assert len(await store.read(conn, f"Effect-{env.message_id}")) == 1
    if isinstance(bus, RabbitMQBus):
        await bus.delete_topology()
    await bus.close()
    await db.dispose()
