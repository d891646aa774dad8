"""The whole sandbox's in-memory state: one state object per marketplace dialect."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.naver.state import NaverState


@dataclass
class SandboxState:
    naver: NaverState = field(default_factory=NaverState)

    @classmethod
    def create(cls, *, clock: Callable[[], float] = time.time, seed: int | None = None,
               rate_limit: RateLimitConfig | None = None) -> SandboxState:
        return cls(naver=NaverState(clock=clock, seed=seed, rate_limit=rate_limit))

    def reset(self) -> None:
        self.naver.reset(keep_apps=True)
