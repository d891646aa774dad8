"""The 롯데ON adapter against the real sandbox served in this loop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from marketbridge.connectors.lotteon import LotteOnAdapter
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock

from ..support import AdminCall

NOW = 1_780_000_000.0


@pytest.fixture
def dialect() -> str:
    return "lotteon"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


def now(clock: FakeClock) -> datetime:
    return datetime.fromtimestamp(clock(), UTC)


@pytest.fixture
def sandbox(clock: FakeClock) -> SandboxState:
    return SandboxState.create(clock=clock, seed=3)


@pytest.fixture
async def seller(admin: AdminCall) -> dict[str, Any]:
    body: dict[str, Any] = await admin("POST", "/sellers", json={"api_key": "lotteon-adapter-key", "tr_no": "LO2000"})
    return body


def make_adapter(url: str, seller: dict[str, Any], *, api_key: str | None = None, **kwargs: Any) -> LotteOnAdapter:
    kwargs.setdefault("rate_limit", RateLimit(rate=500, burst=500))
    kwargs.setdefault("timeout", httpx.Timeout(5.0))
    return LotteOnAdapter(api_key or seller["api_key"], seller["tr_no"], f"{url}/lotteon/external", **kwargs)


@pytest.fixture
async def adapter(sandbox_url: str, seller: dict[str, Any]) -> AsyncIterator[LotteOnAdapter]:
    async with make_adapter(sandbox_url, seller) as lotteon:
        yield lotteon


@pytest.fixture
async def product(admin: AdminCall, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST", "/products", json={"name": "니트 가디건", "price": 39000, "epd_no": "KN-1"}
    )
    return body


async def place(admin: AdminCall, product: dict[str, Any], count: int = 1) -> list[str]:
    body = await admin("POST", "/orders", json={"spd_no": product["spdNo"], "count": count})
    return list(body["line_ids"])
