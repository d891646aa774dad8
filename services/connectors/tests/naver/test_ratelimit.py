from __future__ import annotations

import asyncio
import time

import pytest
from marketbridge.connectors.ratelimit import RateLimit, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_calls_are_spaced_by_the_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(RateLimit(rate=10, burst=3), clock=clock)
    delays = [limiter.delay_for("acct") for _ in range(5)]
    assert delays[:3] == [0.0, 0.0, 0.0]
    assert delays[3] == pytest.approx(0.1) and delays[4] == pytest.approx(0.2)
    clock.now += 1.0
    assert limiter.delay_for("acct") == 0.0


def test_accounts_have_their_own_buckets_and_limits() -> None:
    clock = Clock()
    limiter = RateLimiter(RateLimit(rate=1, burst=1), clock=clock)
    limiter.configure("fast", RateLimit(rate=100, burst=5))
    assert limiter.delay_for("a") == 0.0 and limiter.delay_for("b") == 0.0
    assert limiter.delay_for("a") == pytest.approx(1.0)
    assert [limiter.delay_for("fast") for _ in range(5)] == [0.0] * 5


def test_invalid_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        RateLimit(rate=0)


async def test_acquire_waits_for_its_token() -> None:
    limiter = RateLimiter(RateLimit(rate=50, burst=1))
    started = time.monotonic()
    await asyncio.gather(*(limiter.acquire("k") for _ in range(4)))
    assert time.monotonic() - started >= 0.055
