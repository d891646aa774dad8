"""Composition root of the catalog service."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from fastapi import FastAPI
from marketbridge.catalog.adapters.image_storage import ImageStoragePort, LocalImageStorage, S3ImageStorage
from marketbridge.catalog.adapters.tables import metadata
from marketbridge.catalog.entrypoints.api import router
from marketbridge.catalog.entrypoints.excel_api import excel_router
from marketbridge.catalog.entrypoints.images_api import images_router
from marketbridge.catalog.entrypoints.reference_api import categories_router
from marketbridge.catalog.handlers import CatalogHandlers
from marketbridge.catalog.handlers.images import ImageHandlers
from marketbridge.catalog.handlers.imports import ImportJobs
from marketbridge.contracts import listing as listing_events
from marketbridge.runtime.bus.base import MessageBus
from marketbridge.runtime.config import ServiceSettings
from marketbridge.runtime.http import create_service_app, request_context_dependency
from marketbridge.runtime.service import ServiceRuntime

MIGRATIONS = str(Path(__file__).parent / "migrations")


class Settings(ServiceSettings):
    service_name: str = "catalog"
    database_schema: str | None = "catalog"
    # Product images: a local folder (default) or any S3-compatible server (MB_IMAGE_STORAGE=s3).
    image_storage: Literal["local", "s3"] = "local"
    image_dir: str = "./data/catalog-images"
    image_s3_bucket: str = "marketbridge-images"
    image_s3_endpoint_url: str | None = None
    image_s3_region: str = "ap-northeast-2"
    image_s3_access_key: str | None = None
    image_s3_secret_key: str | None = None
    image_s3_prefix: str = ""
    import_batch_size: int = 500  # products per transaction in Excel imports


def build_image_storage(settings: Settings) -> ImageStoragePort:
    if settings.image_storage == "s3":
        return S3ImageStorage.connect(
            bucket=settings.image_s3_bucket,
            endpoint_url=settings.image_s3_endpoint_url,
            region=settings.image_s3_region,
            access_key=settings.image_s3_access_key,
            secret_key=settings.image_s3_secret_key,
            prefix=settings.image_s3_prefix,
        )
    return LocalImageStorage(settings.image_dir)


@dataclass
class CatalogService:
    runtime: ServiceRuntime
    image_storage: ImageStoragePort
    name: str = "catalog"
    handlers: CatalogHandlers = field(init=False)
    imports: ImportJobs = field(init=False)
    app: FastAPI = field(init=False)

    def __post_init__(self) -> None:
        rt = self.runtime
        self.handlers = h = CatalogHandlers(rt)
        batch = rt.settings.import_batch_size if isinstance(rt.settings, Settings) else 500
        self.imports = ImportJobs(rt, h, batch_size=batch)
        # OPT-8: the publish request names the product (routed per marketplace), the result marks it on sale.
        requested = listing_events.ListingPublishRequested.TYPE + ".#"
        rt.consume("catalog.listing_requests", [requested], h.on_listing_publish_requested)
        rt.consume("catalog.listings_published", [listing_events.ListingPublished.TYPE], h.on_listing_published)
        context = request_context_dependency(rt.settings.internal_token)
        routers = [
            excel_router(rt, self.imports, context),
            router(rt, h, context),
            images_router(ImageHandlers(h, self.image_storage), context),
            categories_router(h.reference, context),
        ]
        self.app = create_service_app(service=self.name, routers=routers, readiness=[rt.ready])

    async def start(self) -> None:
        await self.runtime.start()
        await self.imports.recover()

    async def stop(self) -> None:
        await self.imports.stop()
        await self.runtime.stop()


def build(
    settings: Settings | None = None, *, bus: MessageBus | None = None, image_storage: ImageStoragePort | None = None
) -> CatalogService:
    settings = settings or Settings()
    runtime = ServiceRuntime.build(settings, metadata, migrations=MIGRATIONS, bus=bus)
    return CatalogService(runtime, image_storage or build_image_storage(settings))
