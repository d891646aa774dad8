"""RabbitMQ bus on aio-pika.

Topology per namespace `ns`:
- `ns.events`  topic exchange, durable; its alternate exchange `ns.unrouted` keeps messages that no
  queue is bound to (visible instead of silently dropped; publishes are `mandatory`).
- `ns.<queue>`  durable quorum queue per consumer, manual acks, bounded prefetch.
- `ns.retry` direct exchange → `ns.<queue>.retry.<ms>` queues whose TTL dead-letters back into
  `ns.<queue>` (delayed retries with backoff, no plugin needed).
- `ns.dead` direct exchange → `ns.<queue>.dlq` quorum queue, listed and replayed by operators.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import aio_pika
import structlog
from aio_pika.abc import (
    AbstractChannel,
    AbstractExchange,
    AbstractIncomingMessage,
    AbstractQueue,
    AbstractRobustConnection,
)
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime import metrics
from marketbridge.runtime.bus.base import (
    DeadLetter,
    MessageBus,
    OutgoingMessage,
    PermanentError,
    RetryPolicy,
    Subscription,
)
from marketbridge.runtime.bus.consume import failure_reason, run_handler
from pydantic import ValidationError

log = structlog.get_logger(__name__)
_MAX_IN_FLIGHT_CONFIRMS = 1000


class RabbitMQBus(MessageBus):
    def __init__(self, url: str, *, namespace: str, service: str, retry: RetryPolicy | None = None) -> None:
        self.url, self.ns, self.service = url, namespace, service
        self.retry = retry or RetryPolicy()
        self._conn: AbstractRobustConnection | None = None
        self._pub: AbstractChannel | None = None
        self._events: AbstractExchange | None = None
        self._retry_ex: AbstractExchange | None = None
        self._dead_ex: AbstractExchange | None = None
        self._consumers: list[tuple[AbstractQueue, str, AbstractChannel]] = []
        self._in_flight = 0
        self.declared_queues: set[str] = set()

    # -- lifecycle ---------------------------------------------------------------------------------
    async def start(self) -> None:
        self._conn = await aio_pika.connect_robust(self.url, client_properties={"connection_name": self.service})
        self._pub = await self._conn.channel(publisher_confirms=True, on_return_raises=True)
        unrouted = await self._pub.declare_exchange(f"{self.ns}.unrouted", aio_pika.ExchangeType.FANOUT, durable=True)
        parked = await self._declare(self._pub, f"{self.ns}.unrouted", {"x-max-length": 100_000})
        await parked.bind(unrouted)
        self._events = await self._pub.declare_exchange(
            f"{self.ns}.events",
            aio_pika.ExchangeType.TOPIC,
            durable=True,
            arguments={"alternate-exchange": f"{self.ns}.unrouted"},
        )
        self._retry_ex = await self._pub.declare_exchange(
            f"{self.ns}.retry", aio_pika.ExchangeType.DIRECT, durable=True
        )
        self._dead_ex = await self._pub.declare_exchange(f"{self.ns}.dead", aio_pika.ExchangeType.DIRECT, durable=True)

    async def stop_consuming(self) -> None:
        for queue, tag, _ in self._consumers:
            try:
                await queue.cancel(tag)
            except Exception:  # the channel may already be gone; nothing left to cancel then
                log.warning("consumer_cancel_failed", queue=queue.name)
        while self._in_flight:
            await asyncio.sleep(0.01)
        self._consumers.clear()

    async def close(self) -> None:
        await self.stop_consuming()
        if self._conn is not None:
            await self._conn.close()

    async def healthy(self) -> bool:
        return self._conn is not None and not self._conn.is_closed

    # -- publishing --------------------------------------------------------------------------------
    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        assert self._events is not None, "bus not started"
        for i in range(0, len(messages), _MAX_IN_FLIGHT_CONFIRMS):
            chunk = messages[i : i + _MAX_IN_FLIGHT_CONFIRMS]
            await asyncio.gather(*(self._events.publish(_amqp(m), m.routing_key, mandatory=True) for m in chunk))
        metrics.MESSAGES_PUBLISHED.labels(service=self.service).inc(len(messages))

    # -- consuming ---------------------------------------------------------------------------------
    async def subscribe(self, subscription: Subscription) -> None:
        assert self._conn is not None and self._events is not None, "bus not started"
        channel = await self._conn.channel()
        await channel.set_qos(prefetch_count=subscription.prefetch)
        queue = await self._declare_consumer_queues(channel, subscription.queue)
        for key in subscription.routing_keys:
            await queue.bind(f"{self.ns}.events", key)

        async def on_message(message: AbstractIncomingMessage) -> None:
            await self._on_message(subscription, message)

        tag = await queue.consume(on_message)
        self._consumers.append((queue, tag, channel))

    async def _declare_consumer_queues(self, channel: AbstractChannel, name: str) -> AbstractQueue:
        queue = await self._declare(
            channel,
            f"{self.ns}.{name}",
            {"x-queue-type": "quorum", "x-dead-letter-exchange": f"{self.ns}.dead", "x-dead-letter-routing-key": name},
        )
        dlq = await self._declare(channel, f"{self.ns}.{name}.dlq", {"x-queue-type": "quorum"})
        await dlq.bind(f"{self.ns}.dead", name)
        for ms in sorted(set(self.retry.delays_ms)):
            retry_q = await self._declare(
                channel,
                f"{self.ns}.{name}.retry.{ms}",
                {"x-message-ttl": ms, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": f"{self.ns}.{name}"},
            )
            await retry_q.bind(f"{self.ns}.retry", f"{name}.{ms}")
        return queue

    async def _declare(self, channel: AbstractChannel, name: str, arguments: dict[str, Any]) -> AbstractQueue:
        self.declared_queues.add(name)
        return await channel.declare_queue(name, durable=True, arguments=arguments)

    async def _on_message(self, sub: Subscription, message: AbstractIncomingMessage) -> None:
        self._in_flight += 1
        try:
            await self._handle(sub, message)
        finally:
            self._in_flight -= 1

    async def _handle(self, sub: Subscription, message: AbstractIncomingMessage) -> None:
        headers = {k: str(v) for k, v in (message.headers or {}).items()}
        attempt = int(headers.get("x-mb-attempt", "1"))
        try:
            envelope = Envelope.model_validate_json(message.body)
            await run_handler(sub.handler, envelope, headers, sub.queue)
        except Exception as exc:
            permanent = isinstance(exc, PermanentError | ValidationError)
            delay = None if permanent else self.retry.delay_for(attempt)
            try:
                await self._reroute(sub.queue, message, headers, attempt, delay, exc)
            except Exception:
                log.exception("reroute_failed", queue=sub.queue)
                await message.nack(requeue=True)
                return
        await message.ack()

    async def _reroute(
        self,
        queue: str,
        message: AbstractIncomingMessage,
        headers: dict[str, str],
        attempt: int,
        delay: int | None,
        exc: BaseException,
    ) -> None:
        assert self._retry_ex is not None and self._dead_ex is not None
        headers = {
            **headers,
            "x-mb-last-error": failure_reason(exc),
            "x-mb-routing-key": _routing_key(message, headers),
        }
        if delay is None:
            headers |= {"x-mb-attempt": str(attempt), "x-mb-failed-at": datetime.now(UTC).isoformat()}
            await self._dead_ex.publish(_copy(message, headers), queue, mandatory=True)
            metrics.MESSAGES_DEAD_LETTERED.labels(queue=queue).inc()
            log.error("message_dead_lettered", queue=queue, message_id=message.message_id, error=str(exc)[:300])
        else:
            headers["x-mb-attempt"] = str(attempt + 1)
            await self._retry_ex.publish(_copy(message, headers), f"{queue}.{delay}", mandatory=True)
            metrics.MESSAGES_RETRIED.labels(queue=queue).inc()
            log.warning("message_retry_scheduled", queue=queue, attempt=attempt, delay_ms=delay, error=str(exc)[:300])

    # -- dead letters ------------------------------------------------------------------------------
    async def dead_letters(self, queue: str, limit: int = 100) -> list[DeadLetter]:
        assert self._conn is not None
        channel = await self._conn.channel()
        try:
            dlq = await channel.get_queue(f"{self.ns}.{queue}.dlq", ensure=True)
            out: list[DeadLetter] = []
            while len(out) < limit:
                msg = await dlq.get(no_ack=False, fail=False)
                if msg is None:
                    break
                out.append(_dead_letter(queue, msg))
            return out
        finally:
            await channel.close()  # unacked messages go back to the DLQ untouched

    async def replay_dead_letters(self, queue: str, message_ids: Sequence[str] | None = None) -> int:
        assert self._conn is not None and self._pub is not None
        wanted = set(message_ids) if message_ids is not None else None
        channel = await self._conn.channel()
        replayed = 0
        try:
            dlq = await channel.get_queue(f"{self.ns}.{queue}.dlq", ensure=True)
            while (msg := await dlq.get(no_ack=False, fail=False)) is not None:
                if wanted is not None and msg.message_id not in wanted:
                    continue
                headers = {k: str(v) for k, v in (msg.headers or {}).items()} | {"x-mb-attempt": "1"}
                await self._pub.default_exchange.publish(_copy(msg, headers), f"{self.ns}.{queue}", mandatory=True)
                await msg.ack()
                replayed += 1
        finally:
            await channel.close()
        return replayed

    async def delete_topology(self) -> None:
        """Remove every queue and exchange of this namespace (test teardown)."""
        assert self._conn is not None
        channel = await self._conn.channel()
        for name in sorted(self.declared_queues):
            await channel.queue_delete(name)
        for ex in ("events", "unrouted", "retry", "dead"):
            await channel.exchange_delete(f"{self.ns}.{ex}")
        await channel.close()


def _amqp(m: OutgoingMessage) -> aio_pika.Message:
    return aio_pika.Message(
        m.body,
        message_id=m.message_id,
        headers=dict(m.headers),
        content_type="application/json",
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        type=m.routing_key,
    )


def _copy(message: AbstractIncomingMessage, headers: dict[str, str]) -> aio_pika.Message:
    return aio_pika.Message(
        message.body,
        message_id=message.message_id,
        headers=dict(headers),
        content_type=message.content_type,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        type=message.type,
    )


def _routing_key(message: AbstractIncomingMessage, headers: dict[str, str]) -> str:
    return headers.get("x-mb-routing-key") or message.type or message.routing_key or ""


def _dead_letter(queue: str, msg: AbstractIncomingMessage) -> DeadLetter:
    headers = {k: str(v) for k, v in (msg.headers or {}).items()}
    failed_at = headers.get("x-mb-failed-at")
    return DeadLetter(
        queue=queue,
        message_id=msg.message_id or "",
        type=_routing_key(msg, headers),
        error=headers.get("x-mb-last-error", ""),
        attempts=int(headers.get("x-mb-attempt", "1")),
        failed_at=datetime.fromisoformat(failed_at) if failed_at else None,
        body=msg.body,
    )
