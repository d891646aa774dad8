"""ORD-COL-1: the in-process scheduler (embedded mode and single-process deployments) and the one-shot
`trigger` a Kubernetes CronJob runs in the distributed mode. Both use `CollectorHandlers.request_due`."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

import structlog

if TYPE_CHECKING:
    from marketbridge.order_collector.bootstrap import OrderCollectorService
    from marketbridge.order_collector.handlers import CollectorHandlers

log = structlog.get_logger(__name__)
TICK_SECONDS = 60.0


async def run_scheduler(handlers: CollectorHandlers, stopping: asyncio.Event, tick: float = TICK_SECONDS) -> None:
    """Every `tick` seconds, request collection for the accounts that are due."""
    while not stopping.is_set():
        try:
            await handlers.request_due()
        except Exception:
            log.exception("scheduled_collection_failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=tick)


async def trigger(service: OrderCollectorService, tenant_id: str | None = None) -> list[str]:
    """One-shot: request collection for the due accounts, publish through the outbox, drain the relay."""
    rt = service.runtime
    await rt.start(consume=False, relay=False)
    try:
        run_ids = await service.handlers.request_due(tenant_id=tenant_id)
        while await rt.relay.relay_once():
            pass
    finally:
        await rt.stop()
    return run_ids
