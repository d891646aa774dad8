"""The CJ온스타일 adapter against the real sandbox, served in this loop."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from marketbridge.connectors.cjmall import CjmallAdapter, CjmallCredentials
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
    async with serve_in_loop(sandbox_app(sandbox, "cjmall")) as url:
        yield url


@pytest.fixture
async def admin(sandbox_url: str) -> AsyncIterator[AdminCall]:
    async with httpx.AsyncClient(base_url=f"{sandbox_url}/cjmall/admin") as client:

        async def call(method: str, path: str, **kwargs: Any) -> Any:
            response = await client.request(method, path, **kwargs)
            assert response.status_code < 300, response.text
            return response.json() if response.content else None

        yield call


@pytest.fixture
async def seller(admin: AdminCall) -> dict[str, Any]:
    body: dict[str, Any] = await admin("POST", "/sellers", json={"seller_id": "412345"})
    return body


def make_adapter(sandbox_url: str, seller: dict[str, Any], **kwargs: Any) -> CjmallAdapter:
    kwargs.setdefault("rate_limit", RateLimit(rate=200, burst=200))
    kwargs.setdefault("timeout", httpx.Timeout(5.0))
    creds = CjmallCredentials(seller["credentials"]["vendor_id"], seller["credentials"]["vendor_cert_key"])
    return CjmallAdapter(creds, f"{sandbox_url}/cjmall/external", **kwargs)


@pytest.fixture
async def adapter(sandbox_url: str, seller: dict[str, Any]) -> AsyncIterator[CjmallAdapter]:
    async with make_adapter(sandbox_url, seller) as cj:
        yield cj


@pytest.fixture
async def product(admin: AdminCall, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST", "/products", json={"seller_id": seller["seller_id"], "name": "한우 선물세트", "sale_price": 150000}
    )
    return body
