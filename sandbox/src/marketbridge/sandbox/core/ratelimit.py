"""Token buckets keyed by (client, API group), as the marketplaces' gateways apply them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class RateLimitConfig:
    rate: float = 20.0
    burst: int = 40
    enabled: bool = True


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class TokenBucketLimiter:
    def __init__(self, config: RateLimitConfig | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config or RateLimitConfig()
        self._clock = clock
        self._buckets: dict[tuple[str, str], _Bucket] = {}

    def configure(self, config: RateLimitConfig) -> None:
        self.config = config
        self._buckets.clear()

    def take(self, client: str, group: str) -> tuple[bool, int]:
        """Take one token; answers (allowed, tokens remaining)."""
        cfg = self.config
        if not cfg.enabled:
            return True, cfg.burst
        now = self._clock()
        bucket = self._buckets.get((client, group))
        if bucket is None:
            bucket = self._buckets[(client, group)] = _Bucket(float(cfg.burst), now)
        else:
            bucket.tokens = min(float(cfg.burst), bucket.tokens + (now - bucket.updated) * cfg.rate)
            bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return True, int(bucket.tokens)
        return False, 0
