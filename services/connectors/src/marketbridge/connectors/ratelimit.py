"""Async token-bucket rate limiter keyed per marketplace account.

Reservation style: each `acquire` takes a token at once, letting the balance go negative, and sleeps
until its token would have been refilled. Callers are served in arrival order without a lock, and a
burst of `burst` calls goes through immediately.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RateLimit:
    rate: float
    burst: int = 1

    def __post_init__(self) -> None:
        if self.rate <= 0 or self.burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")

    @classmethod
    def within(cls, limit: float) -> RateLimit:
        """A bucket that never exceeds `limit` calls in any one second: a token bucket lets through up to
        `burst + rate` calls in a second, so the refill rate leaves room for the single burst token."""
        return cls(rate=limit - 1 if limit >= 2 else limit / 2, burst=1)


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, default: RateLimit, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.default = default
        self._limits: dict[str, RateLimit] = {}
        self._buckets: dict[str, _Bucket] = {}
        self._clock = clock

    def configure(self, key: str, limit: RateLimit) -> None:
        self._limits[key] = limit
        self._buckets.pop(key, None)

    def delay_for(self, key: str) -> float:
        """Reserve one token for `key`; answers how long to wait before using it."""
        limit = self._limits.get(key, self.default)
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(limit.burst), now)
        else:
            bucket.tokens = min(float(limit.burst), bucket.tokens + (now - bucket.updated) * limit.rate)
            bucket.updated = now
        bucket.tokens -= 1.0
        return 0.0 if bucket.tokens >= 0 else -bucket.tokens / limit.rate

    async def acquire(self, key: str) -> None:
        delay = self.delay_for(key)
        if delay > 0:
            await asyncio.sleep(delay)


def for_account(limiter: RateLimiter | None, limit: RateLimit, account: str) -> RateLimiter:
    """The limiter an adapter uses: the shared one given (buckets shared between adapters of a process),
    else its own; either way `account` is held to `limit`."""
    shared = limiter or RateLimiter(limit)
    shared.configure(account, limit)
    return shared
