"""The whole sandbox's in-memory state: one state object per marketplace dialect.

Naver is built in; every other dialect is a package `marketbridge.sandbox.<dialect>` exposing
`PREFIX`, `create_state(*, clock, seed, rate_limit)` and `mount(app, state)`; its state is created on
first use and kept in `dialects`.
"""

from __future__ import annotations

import importlib
import importlib.util
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.naver.state import NaverState

# Dialect packages besides naver, in the order they are mounted (ESM serves both Gmarket and Auction).
OTHER_DIALECTS = ("coupang", "st11", "esm", "lotteon", "interpark", "gsshop", "cjmall", "hmall", "lottehs", "publichs")


def available_dialects() -> list[str]:
    """Dialect packages that are present and complete (expose `mount` and `create_state`)."""
    found = []
    for d in OTHER_DIALECTS:
        if importlib.util.find_spec(f"marketbridge.sandbox.{d}") is None:
            continue
        module = importlib.import_module(f"marketbridge.sandbox.{d}")
        if hasattr(module, "mount") and hasattr(module, "create_state"):
            found.append(d)
    return found


@dataclass
class SandboxState:
    naver: NaverState = field(default_factory=NaverState)
    clock: Callable[[], float] = time.time
    seed: int | None = None
    rate_limit: RateLimitConfig | None = None
    dialects: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, *, clock: Callable[[], float] = time.time, seed: int | None = None,
               rate_limit: RateLimitConfig | None = None) -> SandboxState:
        return cls(naver=NaverState(clock=clock, seed=seed, rate_limit=rate_limit), clock=clock, seed=seed,
                   rate_limit=rate_limit)

    def dialect(self, name: str) -> Any:
        """The state of a dialect package, created on first use."""
        if name not in self.dialects:
            module = importlib.import_module(f"marketbridge.sandbox.{name}")
            self.dialects[name] = module.create_state(clock=self.clock, seed=self.seed, rate_limit=self.rate_limit)
        return self.dialects[name]

    def reset(self) -> None:
        self.naver.reset(keep_apps=True)
        for state in self.dialects.values():
            state.reset(keep_apps=True)
