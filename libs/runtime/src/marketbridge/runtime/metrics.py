"""Prometheus metrics shared by every service (names: `<service>_<noun>_<unit>`; runtime ones `mb_`)."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

MESSAGES_PUBLISHED = Counter("mb_messages_published_total", "Messages confirmed by the broker", ["service"])
MESSAGES_CONSUMED = Counter("mb_messages_consumed_total", "Messages handled", ["queue", "outcome"])
MESSAGES_RETRIED = Counter("mb_messages_retried_total", "Messages scheduled for a delayed retry", ["queue"])
MESSAGES_DEAD_LETTERED = Counter("mb_messages_dead_lettered_total", "Messages sent to a DLQ", ["queue"])
HANDLER_SECONDS = Histogram("mb_handler_seconds", "Time spent in a message handler", ["queue"])
OUTBOX_PENDING = Gauge("mb_outbox_pending_messages", "Outbox rows not yet published", ["service"])
HTTP_REQUESTS = Counter("mb_http_requests_total", "HTTP requests served", ["service", "method", "status"])
HTTP_SECONDS = Histogram("mb_http_request_seconds", "HTTP request latency", ["service", "method"])


def render() -> tuple[bytes, str]:
    return generate_latest(), CONTENT_TYPE_LATEST
