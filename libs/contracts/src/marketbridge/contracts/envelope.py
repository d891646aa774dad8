"""The envelope every integration message travels in (ARCHITECTURE §2)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def new_message_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class Envelope(BaseModel):
    """`type` doubles as the routing key: `<context>.<event>.v<major>[.<marketplace>]`."""

    model_config = ConfigDict(frozen=True)

    message_id: str = Field(default_factory=new_message_id)
    type: str
    schema_version: int = 1
    tenant_id: str
    correlation_id: str
    causation_id: str | None = None
    occurred_at: datetime = Field(default_factory=utcnow)
    producer: str
    payload: dict[str, Any]

    def caused(self, *, type: str, payload: dict[str, Any], producer: str) -> Envelope:
        """A follow-up message that keeps this one's correlation and names it as its cause."""
        return Envelope(
            type=type,
            tenant_id=self.tenant_id,
            correlation_id=self.correlation_id,
            causation_id=self.message_id,
            producer=producer,
            payload=payload,
        )
