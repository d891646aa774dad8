"""What every bus implementation does around a handler call: trace context, log context, metrics."""

from __future__ import annotations

import time

import structlog
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime import metrics, tracing
from marketbridge.runtime.bus.base import Handler


async def run_handler(handler: Handler, envelope: Envelope, headers: dict[str, str], queue: str) -> None:
    started = time.perf_counter()
    outcome = "error"
    with (
        structlog.contextvars.bound_contextvars(
            correlation_id=envelope.correlation_id, tenant_id=envelope.tenant_id, message_type=envelope.type
        ),
        tracing.consumer_span(f"consume {envelope.type}", headers, queue=queue, message_id=envelope.message_id),
    ):
        try:
            await handler(envelope)
            outcome = "ok"
        finally:
            metrics.MESSAGES_CONSUMED.labels(queue=queue, outcome=outcome).inc()
            metrics.HANDLER_SECONDS.labels(queue=queue).observe(time.perf_counter() - started)


def failure_reason(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text[:1000]
