"""The Hmall adapter against the real sandbox, served by uvicorn on a free local port in this loop."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from marketbridge.connectors.hmall import HmallAdapter, HmallCredentials
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.sandbox.homeshopping_common.testing import sandbox_app
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import serve_in_loop

AdminCall = Callable[..., Awaitable[Any]]


@pytest.fixture
def sandbox() -> SandboxState:
    return SandboxState.create(seed=21)


@pytest.fixture
async def sandbox_url(sandbox: SandboxState) -> AsyncIterator[str]:
    async with serve_in_loop(sandbox_app(sandbox, "hmall")) as url:
        yield url


@pytest.fixture
async def admin(sandbox_url: str) -> AsyncIterator[AdminCall]:
    async with httpx.AsyncClient(base_url=f"{sandbox_url}/hmall/admin") as client:

        async def call(method: str, path: str, **kwargs: Any) -> Any:
            response = await client.request(method, path, **kwargs)
            assert response.status_code < 300, response.text
            return response.json() if response.content else None

        yield call


@pytest.fixture
async def seller(admin: AdminCall) -> dict[str, Any]:
    body: dict[str, Any] = await admin("POST", "/sellers", json={"seller_id": "654321"})
    return body


def make_adapter(sandbox_url: str, seller: dict[str, Any], **kwargs: Any) -> HmallAdapter:
    kwargs.setdefault("rate_limit", RateLimit(rate=200, burst=200))
    kwargs.setdefault("timeout", httpx.Timeout(5.0))
    creds = HmallCredentials(seller["credentials"]["oauser_id"], seller["credentials"]["oause_key"])
    return HmallAdapter(creds, f"{sandbox_url}/hmall/external", **kwargs)


@pytest.fixture
async def adapter(sandbox_url: str, seller: dict[str, Any]) -> AsyncIterator[HmallAdapter]:
    async with make_adapter(sandbox_url, seller) as hmall:
        yield hmall


@pytest.fixture
async def product(admin: AdminCall, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST", "/products", json={"seller_id": seller["seller_id"], "name": "무선 진공청소기", "sale_price": 199000}
    )
    return body
