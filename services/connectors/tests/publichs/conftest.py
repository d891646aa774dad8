"""The 공영홈쇼핑 adapter — (modelled) dialect, our invention — against the real sandbox, served in this loop."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from marketbridge.connectors.publichs import PublicHsAdapter, PublicHsCredentials
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.sandbox.homeshopping_common.testing import sandbox_app
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock, serve_in_loop

AdminCall = Callable[..., Awaitable[Any]]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(time.time())


@pytest.fixture
def sandbox(clock: FakeClock) -> SandboxState:
    return SandboxState.create(seed=31, clock=clock)


@pytest.fixture
async def sandbox_url(sandbox: SandboxState) -> AsyncIterator[str]:
    async with serve_in_loop(sandbox_app(sandbox, "publichs")) as url:
        yield url


@pytest.fixture
async def admin(sandbox_url: str) -> AsyncIterator[AdminCall]:
    async with httpx.AsyncClient(base_url=f"{sandbox_url}/publichs/admin") as client:

        async def call(method: str, path: str, **kwargs: Any) -> Any:
            response = await client.request(method, path, **kwargs)
            assert response.status_code < 300, response.text
            return response.json() if response.content else None

        yield call


@pytest.fixture
async def seller(admin: AdminCall) -> dict[str, Any]:
    body: dict[str, Any] = await admin("POST", "/sellers", json={"seller_id": "770001"})
    return body


def make_adapter(sandbox_url: str, seller: dict[str, Any], **kwargs: Any) -> PublicHsAdapter:
    kwargs.setdefault("rate_limit", RateLimit(rate=200, burst=200))
    kwargs.setdefault("timeout", httpx.Timeout(5.0))
    creds = PublicHsCredentials(seller["credentials"]["vendor_cd"], seller["credentials"]["api_key"])
    return PublicHsAdapter(creds, f"{sandbox_url}/publichs/external", **kwargs)


@pytest.fixture
async def adapter(sandbox_url: str, seller: dict[str, Any]) -> AsyncIterator[PublicHsAdapter]:
    async with make_adapter(sandbox_url, seller) as ph:
        yield ph


@pytest.fixture
async def product(admin: AdminCall, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST", "/products", json={"seller_id": seller["seller_id"], "name": "제주 감귤 5kg", "sale_price": 25000}
    )
    return body
