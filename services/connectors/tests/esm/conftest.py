"""The ESM adapter against the real sandbox served in this loop; the sandbox and the adapter's order-list
pacer share a fake clock, so the 5-second limit is honoured without the test waiting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from marketbridge.connectors.esm import AuctionAdapter, EsmAdapter, EsmCredentials, GmarketAdapter, OrderListPacer
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock

from ..support import AdminCall

NOW = 1_780_000_000.0  # 2026-05-29 05:26:40 KST


class FakeSleep:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.slept: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.clock.advance(seconds)


@pytest.fixture
def dialect() -> str:
    return "esm"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def sleep(clock: FakeClock) -> FakeSleep:
    return FakeSleep(clock)


@pytest.fixture
def sandbox(clock: FakeClock) -> SandboxState:
    return SandboxState.create(clock=clock, seed=5)


@pytest.fixture
async def seller(admin: AdminCall) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST",
        "/sellers",
        json={
            "master_id": "mbmaster",
            "secret_key": "esm-secret-key-for-adapter-tests-0000001",
            "gmarket_seller_id": "gseller",
            "auction_seller_id": "aseller",
        },
    )
    return body


def make_adapter(
    url: str,
    seller: dict[str, Any],
    clock: FakeClock,
    sleep: FakeSleep | None = None,
    *,
    site: str = "G",
    secret: str | None = None,
    **kwargs: Any,
) -> EsmAdapter:
    seller_id = seller["gmarket_seller_id"] if site == "G" else seller["auction_seller_id"]
    creds = EsmCredentials(seller["master_id"], secret or seller["secret_key"], seller_id, site=site)
    kwargs.setdefault("rate_limit", RateLimit(rate=500, burst=500))
    kwargs.setdefault("timeout", httpx.Timeout(5.0))
    kwargs.setdefault("pacer", OrderListPacer(5.1, clock=clock, sleep=sleep or FakeSleep(clock)))
    adapter_type = GmarketAdapter if site == "G" else AuctionAdapter
    return adapter_type(creds, f"{url}/esm/external", clock=clock, **kwargs)


@pytest.fixture
async def gmarket(
    sandbox_url: str, seller: dict[str, Any], clock: FakeClock, sleep: FakeSleep
) -> AsyncIterator[EsmAdapter]:
    async with make_adapter(sandbox_url, seller, clock, sleep) as adapter:
        yield adapter


@pytest.fixture
async def auction(sandbox_url: str, seller: dict[str, Any], clock: FakeClock) -> AsyncIterator[EsmAdapter]:
    async with make_adapter(sandbox_url, seller, clock, site="A") as adapter:
        yield adapter


@pytest.fixture
async def goods(admin: AdminCall, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST",
        "/goods",
        json={"master_id": seller["master_id"], "name": "무지 양말", "price": 9900, "seller_code": "SOCK-1"},
    )
    return body


async def place(admin: AdminCall, goods: dict[str, Any], count: int = 1, site: str = "G") -> list[str]:
    body = await admin("POST", "/orders", json={"goods_no": goods["goodsNo"], "site": site, "count": count})
    return [str(n) for n in body["order_nos"]]
