"""Composition root of the listing service."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI
from marketbridge.contracts import accounts as account_events
from marketbridge.contracts import catalog as catalog_events
from marketbridge.contracts import listing as listing_events
from marketbridge.listing.adapters.tables import metadata
from marketbridge.listing.entrypoints.api import router
from marketbridge.listing.handlers import ListingHandlers
from marketbridge.runtime.bus.base import MessageBus
from marketbridge.runtime.config import ServiceSettings
from marketbridge.runtime.http import create_service_app, request_context_dependency
from marketbridge.runtime.service import ServiceRuntime

MIGRATIONS = str(Path(__file__).parent / "migrations")


class Settings(ServiceSettings):
    service_name: str = "listing"
    database_schema: str | None = "listing"


@dataclass
class ListingService:
    runtime: ServiceRuntime
    name: str = "listing"
    handlers: ListingHandlers = field(init=False)
    app: FastAPI = field(init=False)

    def __post_init__(self) -> None:
        rt = self.runtime
        self.handlers = h = ListingHandlers(rt)
        rt.consume(
            "listing.products",
            [
                catalog_events.ProductRegistered.TYPE,
                catalog_events.ProductRevised.TYPE,
                catalog_events.ProductRestored.TYPE,
            ],
            h.on_product,
        )
        rt.consume(
            "listing.product_status",
            [catalog_events.ProductStatusChanged.TYPE, catalog_events.ProductDeleted.TYPE],
            h.on_product_status,
        )
        rt.consume(
            "listing.accounts",
            [account_events.MarketplaceAccountRegistered.TYPE, account_events.MarketplaceAccountChanged.TYPE],
            h.on_account,
        )
        rt.consume("listing.publish_results", [listing_events.ListingPublished.TYPE], h.on_published)
        rt.consume("listing.publish_failures", [listing_events.ListingPublishFailed.TYPE], h.on_publish_failed)
        context = request_context_dependency(rt.settings.internal_token)
        self.app = create_service_app(service=self.name, routers=[router(rt, h, context)], readiness=[rt.ready])

    async def start(self) -> None:
        await self.runtime.start()

    async def stop(self) -> None:
        await self.runtime.stop()


def build(settings: Settings | None = None, *, bus: MessageBus | None = None) -> ListingService:
    settings = settings or Settings()
    return ListingService(ServiceRuntime.build(settings, metadata, migrations=MIGRATIONS, bus=bus))
