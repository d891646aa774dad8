"""Composition root of the order collector."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI
from marketbridge.contracts import accounts as account_events
from marketbridge.contracts import orders as order_events
from marketbridge.order_collector.adapters.tables import metadata
from marketbridge.order_collector.domain.schedule import validate_interval
from marketbridge.order_collector.entrypoints.api import router
from marketbridge.order_collector.entrypoints.scheduler import run_scheduler
from marketbridge.order_collector.handlers import CollectorHandlers
from marketbridge.runtime.bus.base import MessageBus
from marketbridge.runtime.config import ServiceSettings
from marketbridge.runtime.http import create_service_app, request_context_dependency
from marketbridge.runtime.service import ServiceRuntime

MIGRATIONS = str(Path(__file__).parent / "migrations")


class Settings(ServiceSettings):
    service_name: str = "order-collector"
    database_schema: str | None = "order_collector"
    collection_interval_minutes: int = 120
    scheduler_enabled: bool = True


@dataclass
class OrderCollectorService:
    runtime: ServiceRuntime
    settings: Settings
    name: str = "order-collector"
    handlers: CollectorHandlers = field(init=False)
    app: FastAPI = field(init=False)
    _stopping: asyncio.Event = field(init=False, default_factory=asyncio.Event)
    _scheduler: asyncio.Task[None] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        rt = self.runtime
        interval = validate_interval(timedelta(minutes=self.settings.collection_interval_minutes))
        self.handlers = h = CollectorHandlers(rt, interval)
        rt.consume(
            "order_collector.accounts",
            [account_events.MarketplaceAccountRegistered.TYPE, account_events.MarketplaceAccountChanged.TYPE],
            h.on_account,
        )
        # pages and the end of a run share one queue, one at a time: a run's messages are handled in order
        # and never race on the run's stream (each page is one batched transaction, so this stays fast)
        rt.consume(
            "order_collector.fetch_results",
            [
                order_events.OrdersFetched.TYPE,
                order_events.CollectionFetchCompleted.TYPE,
                order_events.CollectionFetchFailed.TYPE,
            ],
            h.on_fetch_result,
            1,
        )
        context = request_context_dependency(rt.settings.internal_token)
        self.app = create_service_app(service=self.name, routers=[router(rt, h, context)], readiness=[rt.ready])

    async def start(self) -> None:
        await self.runtime.start()
        if self.settings.scheduler_enabled:
            self._stopping.clear()
            self._scheduler = asyncio.create_task(
                run_scheduler(self.handlers, self._stopping), name="collector-schedule"
            )

    async def stop(self) -> None:
        self._stopping.set()
        if self._scheduler is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._scheduler
        await self.runtime.stop()


def build(settings: Settings | None = None, *, bus: MessageBus | None = None) -> OrderCollectorService:
    settings = settings or Settings()
    return OrderCollectorService(ServiceRuntime.build(settings, metadata, migrations=MIGRATIONS, bus=bus), settings)
