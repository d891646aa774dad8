"""Application layer: load, decide (domain rules), save with the outbox in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from marketbridge.contracts.envelope import Envelope
from marketbridge.gateway.adapters.passwords import Passwords
from marketbridge.gateway.adapters.tokens import Tokens
from marketbridge.runtime.db import Database
from marketbridge.runtime.outbox import Outbox

PRODUCER = "gateway"


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Context:
    """What every handler needs; built once by the composition root."""

    db: Database
    outbox: Outbox
    passwords: Passwords
    tokens: Tokens
    clock: Callable[[], datetime] = utcnow


def event(type: str, tenant_id: str, correlation_id: str, payload: dict[str, Any]) -> Envelope:
    return Envelope(
        type=type, tenant_id=tenant_id, correlation_id=correlation_id, producer=PRODUCER, payload=payload
    )
