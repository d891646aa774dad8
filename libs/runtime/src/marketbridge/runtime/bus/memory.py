"""In-memory bus for the embedded mode: same semantics as RabbitMQ (topic routing, bounded concurrency
per queue, delayed retries, dead-letter queue with list and replay), nothing survives a restart."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import structlog
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime.bus.base import (
    DeadLetter,
    MessageBus,
    OutgoingMessage,
    PermanentError,
    RetryPolicy,
    Subscription,
    topic_matches,
)
from marketbridge.runtime.bus.consume import failure_reason, run_handler

log = structlog.get_logger(__name__)


@dataclass
class _Queue:
    subscription: Subscription
    items: asyncio.Queue[tuple[OutgoingMessage, int]] = field(default_factory=asyncio.Queue)
    workers: list[asyncio.Task[None]] = field(default_factory=list)
    dead: list[DeadLetter] = field(default_factory=list)
    in_flight: int = 0


class InMemoryBus(MessageBus):
    def __init__(self, retry: RetryPolicy | None = None) -> None:
        self.retry = retry or RetryPolicy()
        self._queues: dict[str, _Queue] = {}
        self._timers: set[asyncio.Task[None]] = set()
        self._closing = False

    async def start(self) -> None:
        self._closing = False

    async def stop_consuming(self) -> None:
        self._closing = True
        for q in self._queues.values():
            while q.in_flight:
                await asyncio.sleep(0.01)
            for t in q.workers:
                t.cancel()

    async def close(self) -> None:
        await self.stop_consuming()
        tasks = [t for q in self._queues.values() for t in q.workers] + list(self._timers)
        for t in tasks:
            t.cancel()
        for t in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await t

    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        for m in messages:
            for q in self._queues.values():
                if any(topic_matches(p, m.routing_key) for p in q.subscription.routing_keys):
                    q.items.put_nowait((m, 1))

    async def subscribe(self, subscription: Subscription) -> None:
        q = _Queue(subscription)
        self._queues[subscription.queue] = q
        q.workers = [asyncio.create_task(self._work(q)) for _ in range(max(1, subscription.prefetch))]

    async def _work(self, q: _Queue) -> None:
        while not self._closing:
            message, attempt = await q.items.get()
            q.in_flight += 1
            try:
                await self._deliver(q, message, attempt)
            finally:
                q.in_flight -= 1

    async def _deliver(self, q: _Queue, message: OutgoingMessage, attempt: int) -> None:
        try:
            envelope = Envelope.model_validate_json(message.body)
            await run_handler(q.subscription.handler, envelope, message.headers, q.subscription.queue)
        except Exception as exc:
            delay = None if isinstance(exc, PermanentError) else self.retry.delay_for(attempt)
            if delay is None:
                q.dead.append(_dead_letter(q.subscription.queue, message, exc, attempt))
                log.error("message_dead_lettered", queue=q.subscription.queue, message_id=message.message_id)
            else:
                self._later(q, message, attempt + 1, delay / 1000)

    def _later(self, q: _Queue, message: OutgoingMessage, attempt: int, seconds: float) -> None:
        async def requeue() -> None:
            await asyncio.sleep(seconds)
            q.items.put_nowait((message, attempt))

        task = asyncio.create_task(requeue())
        self._timers.add(task)
        task.add_done_callback(self._timers.discard)

    async def dead_letters(self, queue: str, limit: int = 100) -> list[DeadLetter]:
        q = self._queues.get(queue)
        return list(q.dead[:limit]) if q else []

    async def replay_dead_letters(self, queue: str, message_ids: Sequence[str] | None = None) -> int:
        q = self._queues.get(queue)
        if q is None:
            return 0
        chosen = [d for d in q.dead if message_ids is None or d.message_id in message_ids]
        q.dead = [d for d in q.dead if d not in chosen]
        for d in chosen:
            q.items.put_nowait((OutgoingMessage(d.type, d.body, d.message_id), 1))
        return len(chosen)


def _dead_letter(queue: str, message: OutgoingMessage, exc: BaseException, attempts: int) -> DeadLetter:
    return DeadLetter(
        queue=queue,
        message_id=message.message_id,
        type=message.routing_key,
        error=failure_reason(exc),
        attempts=attempts,
        failed_at=datetime.now(UTC),
        body=message.body,
    )
