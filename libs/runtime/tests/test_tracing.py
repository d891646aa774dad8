"""Trace context crosses HTTP (traceparent) and AMQP (message headers): a request's trace id is the trace id
of the consumer span that handles the message the request wrote to the outbox."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from fastapi import APIRouter
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime.bus.base import MessageBus, Subscription
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.runtime.bus.rabbitmq import RabbitMQBus
from marketbridge.runtime.db import Database
from marketbridge.runtime.http import create_service_app
from marketbridge.runtime.outbox import Outbox, OutboxRelay
from marketbridge.runtime.tables import runtime_tables
from marketbridge.runtime.tracing import configure_tracing
from opentelemetry import trace
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import MetaData

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


@pytest.mark.parametrize("kind", ["memory", "rabbitmq"])
async def test_trace_id_crosses_http_and_the_bus(tmp_path: Path, kind: str, request: pytest.FixtureRequest) -> None:
    exporter = InMemorySpanExporter()
    provider = configure_tracing("tracing-test")
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/t.db")
    metadata = MetaData()
    tables = runtime_tables(metadata)
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    bus: MessageBus
    if kind == "memory":
        bus = InMemoryBus()
    else:
        bus = RabbitMQBus(request.getfixturevalue("amqp_url"), namespace=request.getfixturevalue("namespace"),
                          service="tracing-test")
    await bus.start()
    outbox = Outbox(tables)
    relay = OutboxRelay(db, tables, bus, outbox, service="tracing-test", idle_seconds=0.01)
    relay_task = asyncio.create_task(relay.run())
    seen: list[str | None] = []

    async def consumer(env: Envelope) -> None:
        ctx = trace.get_current_span().get_span_context()
        seen.append(format(ctx.trace_id, "032x"))

    await bus.subscribe(Subscription("trace.test", ["trace.#"], consumer, 1))
    router = APIRouter()

    @router.post("/things")
    async def create_thing() -> dict[str, str]:
        async with db.transaction() as conn:
            env = Envelope(type="trace.thing_created.v1", tenant_id="t", correlation_id="c", producer="t", payload={})
            await outbox.add(conn, [env])
        return {"ok": "yes"}

    app = create_service_app(service="tracing-test", routers=[router])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
        r = await client.post("/things", headers={"traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01"})
        assert r.status_code == 200
    for _ in range(200):
        if seen:
            break
        await asyncio.sleep(0.02)
    relay.stop()
    await relay_task
    if isinstance(bus, RabbitMQBus):
        await bus.delete_topology()
    await bus.close()
    await db.dispose()
    assert seen == [TRACE_ID]
    names = {s.name for s in exporter.get_finished_spans() if format(s.context.trace_id, "032x") == TRACE_ID}
    assert "POST /things" in names and "consume trace.thing_created.v1" in names
