"""One contract, two buses: the in-memory bus and RabbitMQ must behave the same."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime.bus.base import (
    MessageBus,
    OutgoingMessage,
    PermanentError,
    RetryPolicy,
    Subscription,
)
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.runtime.bus.rabbitmq import RabbitMQBus

RETRY = RetryPolicy(delays_ms=(50, 100), max_attempts=3)


@pytest.fixture(params=["memory", "rabbitmq"])
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[MessageBus]:
    if request.param == "memory":
        b: MessageBus = InMemoryBus(RETRY)
    else:
        amqp_url = request.getfixturevalue("amqp_url")
        b = RabbitMQBus(amqp_url, namespace=request.getfixturevalue("namespace"), service="test", retry=RETRY)
    await b.start()
    yield b
    if isinstance(b, RabbitMQBus):
        await b.delete_topology()
    await b.close()


def message(type_: str, n: int) -> OutgoingMessage:
    env = Envelope(type=type_, tenant_id="t1", correlation_id="c1", producer="test", payload={"n": n})
    return OutgoingMessage.of(env)


async def wait_for(predicate: object, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():  # type: ignore[operator]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


async def test_routes_by_topic_pattern(bus: MessageBus) -> None:
    got: list[tuple[str, int]] = []

    async def handler(env: Envelope) -> None:
        got.append((env.type, env.payload["n"]))

    await bus.subscribe(Subscription("test.naver_only", ["fulfillment.*.v1.naver"], handler, prefetch=1))
    await bus.publish([message("fulfillment.invoice_send_requested.v1.naver", 1)])
    await bus.publish([message("fulfillment.invoice_send_requested.v1.coupang", 2)])
    await bus.publish([message("fulfillment.invoice_send_requested.v1.naver", 3)])
    await wait_for(lambda: len(got) == 2)
    await asyncio.sleep(0.2)
    assert got == [
        ("fulfillment.invoice_send_requested.v1.naver", 1),
        ("fulfillment.invoice_send_requested.v1.naver", 3),
    ]


async def test_retries_with_backoff_then_succeeds(bus: MessageBus) -> None:
    calls: list[int] = []

    async def flaky(env: Envelope) -> None:
        calls.append(env.payload["n"])
        if len(calls) < 3:
            raise ConnectionError("marketplace timed out")

    await bus.subscribe(Subscription("test.flaky", ["x.flaky.v1"], flaky, prefetch=1))
    await bus.publish([message("x.flaky.v1", 7)])
    await wait_for(lambda: len(calls) == 3)
    await asyncio.sleep(0.3)
    assert calls == [7, 7, 7]
    assert await bus.dead_letters("test.flaky") == []


async def test_keeps_failing_ends_in_dead_letter_queue_with_reason_and_can_be_replayed(bus: MessageBus) -> None:
    broken = True
    handled: list[int] = []

    async def handler(env: Envelope) -> None:
        if broken:
            raise RuntimeError("courier code rejected")
        handled.append(env.payload["n"])

    await bus.subscribe(Subscription("test.dlq", ["x.dlq.v1"], handler, prefetch=4))
    await bus.publish([message("x.dlq.v1", 1), message("x.dlq.v1", 2)])

    async def dead_count() -> int:
        return len(await bus.dead_letters("test.dlq"))

    for _ in range(200):
        if await dead_count() == 2:
            break
        await asyncio.sleep(0.05)
    dead = await bus.dead_letters("test.dlq")
    assert len(dead) == 2
    assert all("courier code rejected" in d.error and d.attempts == 3 for d in dead)
    assert {d.type for d in dead} == {"x.dlq.v1"}
    # listing does not consume
    assert len(await bus.dead_letters("test.dlq")) == 2

    broken = False
    assert await bus.replay_dead_letters("test.dlq", [dead[0].message_id]) == 1
    await wait_for(lambda: len(handled) == 1)
    assert await bus.replay_dead_letters("test.dlq") == 1
    await wait_for(lambda: len(handled) == 2)
    assert sorted(handled) == [1, 2]
    assert await bus.dead_letters("test.dlq") == []


async def test_permanent_error_skips_retries(bus: MessageBus) -> None:
    calls = 0

    async def handler(env: Envelope) -> None:
        nonlocal calls
        calls += 1
        raise PermanentError("invalid payload")

    await bus.subscribe(Subscription("test.permanent", ["x.permanent.v1"], handler, prefetch=1))
    await bus.publish([message("x.permanent.v1", 1)])
    for _ in range(100):
        if await bus.dead_letters("test.permanent"):
            break
        await asyncio.sleep(0.05)
    dead = await bus.dead_letters("test.permanent")
    assert calls == 1 and len(dead) == 1 and dead[0].attempts == 1


async def test_stop_consuming_lets_in_flight_handlers_finish(bus: MessageBus) -> None:
    started, finished = asyncio.Event(), asyncio.Event()

    async def slow(env: Envelope) -> None:
        started.set()
        await asyncio.sleep(0.5)
        finished.set()

    await bus.subscribe(Subscription("test.graceful", ["x.graceful.v1"], slow, prefetch=1))
    await bus.publish([message("x.graceful.v1", 1)])
    await asyncio.wait_for(started.wait(), 10)
    await bus.stop_consuming()
    assert finished.is_set(), "shutdown returned before the in-flight handler finished"
