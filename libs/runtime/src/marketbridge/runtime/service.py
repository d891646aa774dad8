"""ServiceRuntime: what one service needs at run time, built the same way in both modes.

Distributed: each service builds its own bus (RabbitMQ) and database (its PostgreSQL schema).
Embedded: the host passes one shared in-memory bus, and each service gets its own SQLite file.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from marketbridge.runtime.bus.base import Handler, MessageBus, RetryPolicy, Subscription
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.runtime.config import ServiceSettings
from marketbridge.runtime.db import Database
from marketbridge.runtime.eventstore import EventStore
from marketbridge.runtime.inbox import Inbox, TransactionalHandler, idempotent
from marketbridge.runtime.migrations import upgrade
from marketbridge.runtime.outbox import Outbox, OutboxRelay
from marketbridge.runtime.tables import RuntimeTables, runtime_tables
from sqlalchemy import MetaData


def build_bus(settings: ServiceSettings) -> MessageBus:
    retry = RetryPolicy(delays_ms=tuple(settings.retry_delays_ms), max_attempts=settings.max_attempts)
    if settings.bus == "rabbitmq":
        from marketbridge.runtime.bus.rabbitmq import RabbitMQBus

        return RabbitMQBus(settings.amqp_url, namespace=settings.namespace, service=settings.service_name, retry=retry)
    return InMemoryBus(retry)


@dataclass
class ServiceRuntime:
    settings: ServiceSettings
    metadata: MetaData
    tables: RuntimeTables
    db: Database
    bus: MessageBus
    owns_bus: bool
    migrations: str | None
    store: EventStore = field(init=False)
    outbox: Outbox = field(init=False)
    inbox: Inbox = field(init=False)
    relay: OutboxRelay = field(init=False)
    subscriptions: list[Subscription] = field(default_factory=list)
    _relay_task: asyncio.Task[None] | None = None

    def __post_init__(self) -> None:
        self.store = EventStore(self.tables)
        self.outbox = Outbox(self.tables)
        self.inbox = Inbox(self.tables)
        self.relay = OutboxRelay(
            self.db,
            self.tables,
            self.bus,
            self.outbox,
            service=self.settings.service_name,
            batch_size=self.settings.relay_batch_size,
            idle_seconds=self.settings.relay_idle_seconds,
        )

    @classmethod
    def build(
        cls,
        settings: ServiceSettings,
        metadata: MetaData,
        *,
        migrations: str | None,
        bus: MessageBus | None = None,
        db: Database | None = None,
    ) -> ServiceRuntime:
        """`metadata` must already carry the runtime tables (declare them with `runtime_tables`)."""
        tables = _runtime_tables_of(metadata)
        return cls(
            settings=settings,
            metadata=metadata,
            tables=tables,
            db=db or Database(settings.database_url, schema=settings.database_schema),
            bus=bus or build_bus(settings),
            owns_bus=bus is None,
            migrations=migrations,
        )

    def consume(self, queue: str, routing_keys: list[str], handler: TransactionalHandler, prefetch: int = 0) -> None:
        """Register an idempotent consumer: its effect and the inbox row share one transaction."""
        wrapped = idempotent(self.db, self.inbox, queue, handler)
        self.subscriptions.append(Subscription(queue, routing_keys, wrapped, prefetch or self.settings.prefetch))

    def consume_raw(self, queue: str, routing_keys: list[str], handler: Handler, prefetch: int = 0) -> None:
        """Register a consumer that manages its own idempotency (e.g. outbound calls to a marketplace,
        whose effects cannot share one database transaction with an inbox row)."""
        self.subscriptions.append(Subscription(queue, routing_keys, handler, prefetch or self.settings.prefetch))

    async def migrate(self) -> None:
        if self.migrations:
            await upgrade(self.db, self.migrations)

    async def start(self, *, consume: bool = True, relay: bool = True) -> None:
        await self.migrate()
        if self.owns_bus:
            await self.bus.start()
        if consume:
            for sub in self.subscriptions:
                await self.bus.subscribe(sub)
        if relay:
            self._relay_task = asyncio.create_task(self.relay.run(), name=f"relay-{self.settings.service_name}")

    async def stop(self) -> None:
        """Graceful: stop consuming and let in-flight handlers finish, drain the outbox, disconnect."""
        if self.owns_bus:
            await self.bus.stop_consuming()
        self.relay.stop()
        if self._relay_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._relay_task
        if self.owns_bus:
            await self.bus.close()
        await self.db.dispose()

    async def ready(self) -> bool:
        return await self.db.ping() and await self.bus.healthy()


def _runtime_tables_of(metadata: MetaData) -> RuntimeTables:
    if {"events", "outbox", "inbox"} <= set(metadata.tables):
        return RuntimeTables(metadata.tables["events"], metadata.tables["outbox"], metadata.tables["inbox"])
    return runtime_tables(metadata)
