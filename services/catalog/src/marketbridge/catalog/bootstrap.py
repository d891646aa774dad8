"""Composition root of the catalog service."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI
from marketbridge.catalog.adapters.tables import metadata
from marketbridge.catalog.entrypoints.api import router
from marketbridge.catalog.handlers import CatalogHandlers
from marketbridge.contracts import listing as listing_events
from marketbridge.runtime.bus.base import MessageBus
from marketbridge.runtime.config import ServiceSettings
from marketbridge.runtime.http import create_service_app, request_context_dependency
from marketbridge.runtime.service import ServiceRuntime

MIGRATIONS = str(Path(__file__).parent / "migrations")


class Settings(ServiceSettings):
    service_name: str = "catalog"
    database_schema: str | None = "catalog"


@dataclass
class CatalogService:
    runtime: ServiceRuntime
    name: str = "catalog"
    handlers: CatalogHandlers = field(init=False)
    app: FastAPI = field(init=False)

    def __post_init__(self) -> None:
        rt = self.runtime
        self.handlers = h = CatalogHandlers(rt)
        # OPT-8: the publish request names the product (routed per marketplace), the result marks it on sale.
        requested = listing_events.ListingPublishRequested.TYPE + ".#"
        rt.consume("catalog.listing_requests", [requested], h.on_listing_publish_requested)
        rt.consume("catalog.listings_published", [listing_events.ListingPublished.TYPE], h.on_listing_published)
        context = request_context_dependency(rt.settings.internal_token)
        self.app = create_service_app(service=self.name, routers=[router(rt, h, context)], readiness=[rt.ready])

    async def start(self) -> None:
        await self.runtime.start()

    async def stop(self) -> None:
        await self.runtime.stop()


def build(settings: Settings | None = None, *, bus: MessageBus | None = None) -> CatalogService:
    settings = settings or Settings()
    return CatalogService(ServiceRuntime.build(settings, metadata, migrations=MIGRATIONS, bus=bus))
