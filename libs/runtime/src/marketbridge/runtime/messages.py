"""Turning contract messages into envelopes and back."""

from __future__ import annotations

from typing import TypeVar

from marketbridge.contracts.base import Message
from marketbridge.contracts.envelope import Envelope

M = TypeVar("M", bound=Message)


def envelope(
    message: Message,
    *,
    tenant_id: str,
    correlation_id: str,
    producer: str,
    causation_id: str | None = None,
    marketplace: str | None = None,
) -> Envelope:
    return Envelope(
        type=message.routing_key(marketplace),
        tenant_id=tenant_id,
        correlation_id=correlation_id,
        causation_id=causation_id,
        producer=producer,
        payload=message.model_dump(mode="json"),
    )


def follow_up(cause: Envelope, message: Message, *, producer: str, marketplace: str | None = None) -> Envelope:
    """A message caused by `cause`: same tenant and correlation, causation = cause's message id."""
    return envelope(
        message,
        tenant_id=cause.tenant_id,
        correlation_id=cause.correlation_id,
        causation_id=cause.message_id,
        producer=producer,
        marketplace=marketplace,
    )


def parse(env: Envelope, cls: type[M]) -> M:
    return cls.model_validate(env.payload)
