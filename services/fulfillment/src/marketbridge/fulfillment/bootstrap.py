"""Composition root of the fulfillment service."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI
from marketbridge.contracts import orders as order_events
from marketbridge.fulfillment.adapters.tables import metadata
from marketbridge.fulfillment.entrypoints.api import router
from marketbridge.fulfillment.handlers import FulfillmentHandlers
from marketbridge.runtime.bus.base import MessageBus
from marketbridge.runtime.config import ServiceSettings
from marketbridge.runtime.http import create_service_app, request_context_dependency
from marketbridge.runtime.service import ServiceRuntime

MIGRATIONS = str(Path(__file__).parent / "migrations")


class Settings(ServiceSettings):
    service_name: str = "fulfillment"
    database_schema: str | None = "fulfillment"


@dataclass
class FulfillmentService:
    runtime: ServiceRuntime
    name: str = "fulfillment"
    handlers: FulfillmentHandlers = field(init=False)
    app: FastAPI = field(init=False)

    def __post_init__(self) -> None:
        rt = self.runtime
        self.handlers = h = FulfillmentHandlers(rt)
        rt.consume("fulfillment.orders_collected", [order_events.OrdersCollected.TYPE], h.on_orders_collected)
        rt.consume("fulfillment.ack_synced", [order_events.OrderAcknowledgementSynced.TYPE], h.on_ack_synced)
        rt.consume("fulfillment.ack_failed", [order_events.OrderAcknowledgementFailed.TYPE], h.on_ack_failed)
        rt.consume("fulfillment.invoice_sent", [order_events.InvoiceSent.TYPE], h.on_invoice_sent)
        rt.consume("fulfillment.invoice_send_failed", [order_events.InvoiceSendFailed.TYPE], h.on_invoice_send_failed)
        rt.consume("fulfillment.order_statuses", [order_events.OrderStatusesChanged.TYPE], h.on_statuses_changed)
        rt.consume("fulfillment.cancel_synced", [order_events.SellerCancellationSynced.TYPE], h.on_cancel_synced)
        rt.consume("fulfillment.cancel_failed", [order_events.SellerCancellationFailed.TYPE], h.on_cancel_failed)
        context = request_context_dependency(rt.settings.internal_token)
        self.app = create_service_app(service=self.name, routers=[router(rt, h, context)], readiness=[rt.ready])

    async def start(self) -> None:
        await self.runtime.start()

    async def stop(self) -> None:
        await self.runtime.stop()


def build(settings: Settings | None = None, *, bus: MessageBus | None = None) -> FulfillmentService:
    settings = settings or Settings()
    return FulfillmentService(ServiceRuntime.build(settings, metadata, migrations=MIGRATIONS, bus=bus))
