"""Composition roots of the connectors service (API) and of one connector worker per marketplace."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI
from marketbridge.connectors.accounts import Accounts
from marketbridge.connectors.adapters.tables import metadata
from marketbridge.connectors.config import Settings
from marketbridge.connectors.entrypoints.api import router
from marketbridge.connectors.registry import AdapterFactory, AdapterPool
from marketbridge.connectors.secrets import SecretBox
from marketbridge.connectors.webhooks import (
    create_webhooks_app,
    install_pushed_order_store,
    release_pushed_order_store,
)
from marketbridge.connectors.worker import MarketplaceWorker
from marketbridge.runtime.bus.base import MessageBus
from marketbridge.runtime.http import create_service_app, request_context_dependency
from marketbridge.runtime.service import ServiceRuntime

MIGRATIONS = str(Path(__file__).parent / "migrations")


@dataclass
class ConnectorsService:
    """The API process (accounts, sync log); with `workers`, also the workers (embedded mode)."""

    runtime: ServiceRuntime
    settings: Settings
    workers_for: tuple[str, ...] = ()
    factories: dict[str, AdapterFactory] | None = None
    name: str = "connectors"
    app: FastAPI = field(init=False)
    webhooks: FastAPI = field(init=False)
    pool: AdapterPool = field(init=False)

    def __post_init__(self) -> None:
        rt, s = self.runtime, self.settings
        box = SecretBox(s.secrets_key)
        self.pool = AdapterPool(
            rt.db,
            box,
            base_urls=s.marketplace_base_urls,
            rates=s.marketplace_rate_limits,
            timeout_seconds=s.http_timeout_seconds,
            auth_failures_before_attention=s.auth_failures_before_attention,
            factories=self.factories,
        )
        for marketplace in self.workers_for:
            MarketplaceWorker(rt, marketplace, self.pool, collection_attempts=s.collection_attempts).register(
                s.worker_prefetch
            )
        pushed = install_pushed_order_store(rt.db)
        context = request_context_dependency(s.internal_token)
        serves_api = not self.workers_for or self.name == "connectors"
        routers = [router(rt, Accounts(rt, box), context)] if serves_api else []
        self.app = create_service_app(service=self.name, routers=routers, readiness=[rt.ready])
        self.webhooks = create_webhooks_app(rt.db, box, pushed)
        self.app.mount("/webhooks", self.webhooks)  # API and workers: marketplaces call the process that serves them

    async def start(self) -> None:
        await self.runtime.start()

    async def stop(self) -> None:
        await self.runtime.stop()
        await self.pool.close()
        release_pushed_order_store()


def build(
    settings: Settings | None = None,
    *,
    bus: MessageBus | None = None,
    workers: tuple[str, ...] = (),
    factories: dict[str, AdapterFactory] | None = None,
) -> ConnectorsService:
    settings = settings or Settings()
    rt = ServiceRuntime.build(settings, metadata, migrations=MIGRATIONS, bus=bus)
    return ConnectorsService(rt, settings, workers, factories)


def build_worker(
    marketplace: str,
    settings: Settings | None = None,
    *,
    bus: MessageBus | None = None,
    factories: dict[str, AdapterFactory] | None = None,
) -> ConnectorsService:
    """A connector worker deployable: consumes its marketplace's commands; serves /healthz and /metrics."""
    settings = settings or Settings()
    settings = settings.model_copy(update={"service_name": f"connector-{marketplace}"})
    rt = ServiceRuntime.build(settings, metadata, migrations=MIGRATIONS, bus=bus)
    return ConnectorsService(rt, settings, (marketplace,), factories, name=f"connector-{marketplace}")
