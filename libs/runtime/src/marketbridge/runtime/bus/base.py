"""The message bus interface: RabbitMQ in the distributed mode, in-memory in the embedded mode.

Both implementations pass the same contract tests (libs/runtime/tests/test_bus_contract.py).
"""

from __future__ import annotations

import abc
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from marketbridge.contracts.envelope import Envelope

Handler = Callable[[Envelope], Awaitable[None]]


class PermanentError(Exception):
    """A handler failure that retrying cannot fix: the message goes straight to the dead-letter queue."""


@dataclass(frozen=True)
class OutgoingMessage:
    routing_key: str
    body: bytes
    message_id: str
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, envelope: Envelope, headers: dict[str, str] | None = None) -> OutgoingMessage:
        return cls(envelope.type, envelope.model_dump_json().encode(), envelope.message_id, headers or {})


@dataclass(frozen=True)
class Subscription:
    """A durable queue `<consumer>.<purpose>` bound to routing-key patterns (topic syntax: * and #)."""

    queue: str
    routing_keys: Sequence[str]
    handler: Handler
    prefetch: int = 64


@dataclass(frozen=True)
class RetryPolicy:
    delays_ms: tuple[int, ...] = (1000, 5000, 30000)
    max_attempts: int = 4

    def delay_for(self, attempt: int) -> int | None:
        """Delay before the next attempt after `attempt` failures, or None when it must be dead-lettered."""
        if attempt >= self.max_attempts:
            return None
        return self.delays_ms[min(attempt - 1, len(self.delays_ms) - 1)]


@dataclass(frozen=True)
class DeadLetter:
    queue: str
    message_id: str
    type: str
    error: str
    attempts: int
    failed_at: datetime | None
    body: bytes


class MessageBus(abc.ABC):
    @abc.abstractmethod
    async def start(self) -> None: ...

    @abc.abstractmethod
    async def stop_consuming(self) -> None:
        """Stop taking new messages and wait for the in-flight handlers to finish."""

    @abc.abstractmethod
    async def close(self) -> None:
        """Stop consuming, let in-flight handlers finish, then disconnect."""

    @abc.abstractmethod
    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        """Publish and return only when the broker confirmed every message (raise otherwise)."""

    @abc.abstractmethod
    async def subscribe(self, subscription: Subscription) -> None: ...

    @abc.abstractmethod
    async def dead_letters(self, queue: str, limit: int = 100) -> list[DeadLetter]:
        """List (without removing) what ended in the queue's dead-letter queue."""

    @abc.abstractmethod
    async def replay_dead_letters(self, queue: str, message_ids: Sequence[str] | None = None) -> int:
        """Send dead letters (all, or those ids) back to their queue for a fresh set of attempts."""

    async def healthy(self) -> bool:
        return True


def topic_matches(pattern: str, routing_key: str) -> bool:
    """AMQP topic matching: `*` is one word, `#` is zero or more words."""
    return _match(pattern.split("."), routing_key.split("."))


def _match(p: list[str], k: list[str]) -> bool:
    if not p:
        return not k
    if p[0] == "#":
        return any(_match(p[1:], k[i:]) for i in range(len(k) + 1))
    if not k:
        return False
    return (p[0] == "*" or p[0] == k[0]) and _match(p[1:], k[1:])
