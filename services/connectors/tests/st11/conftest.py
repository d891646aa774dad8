"""The 11번가 adapter against the real sandbox, served by uvicorn on a free local port in this loop."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.connectors.st11 import St11Adapter
from marketbridge.sandbox import st11
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import serve_in_loop

AdminCall = Callable[..., Awaitable[Any]]


def sandbox_app(state: SandboxState) -> FastAPI:
    """The whole sandbox; if a dialect another team is still writing fails to import, ours alone."""
    try:
        return create_app(state)
    except Exception:
        app = FastAPI()
        st11.mount(app, state.dialect("st11"))
        return app


@pytest.fixture
def sandbox() -> SandboxState:
    return SandboxState.create(seed=11, rate_limit=RateLimitConfig(rate=1000, burst=1000))


@pytest.fixture
async def sandbox_url(sandbox: SandboxState) -> AsyncIterator[str]:
    async with serve_in_loop(sandbox_app(sandbox)) as url:
        yield url


@pytest.fixture
async def admin_client(sandbox_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{sandbox_url}/st11/admin") as client:
        yield client


@pytest.fixture
def admin(admin_client: httpx.AsyncClient) -> AdminCall:
    """`await admin("POST", "/orders", json={...})` -> the decoded answer (asserts a 2xx)."""

    async def call(method: str, path: str, **kwargs: Any) -> Any:
        response = await admin_client.request(method, path, **kwargs)
        assert response.status_code < 300, response.text
        return response.json() if response.content else None

    return call


@pytest.fixture
async def seller(admin: AdminCall) -> dict[str, Any]:
    body: dict[str, Any] = await admin("POST", "/sellers", json={"seller_id": "st11_adapter_test"})
    return body


def make_adapter(sandbox_url: str, api_key: str, **kwargs: Any) -> St11Adapter:
    kwargs.setdefault("rate_limit", RateLimit(rate=500, burst=500))
    kwargs.setdefault("timeout", httpx.Timeout(5.0))
    kwargs.setdefault("account_key", "acct-st11")
    return St11Adapter(api_key, f"{sandbox_url}/st11/external", **kwargs)


@pytest.fixture
async def adapter(sandbox_url: str, seller: dict[str, Any]) -> AsyncIterator[St11Adapter]:
    async with make_adapter(sandbox_url, seller["api_key"]) as st:
        yield st


@pytest.fixture
async def product(admin: AdminCall, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST",
        "/products",
        json={
            "name": "국산 면 양말 5켤레",
            "sel_prc": 9900,
            "seller_prd_cd": "SOCK-5",
            "options": [
                {"name": "색상:블랙", "qty": 50, "seller_code": "SOCK-5-BK"},
                {"name": "색상:화이트", "price": 500, "qty": 50},
            ],
        },
    )
    return body


async def place(admin: AdminCall, product: dict[str, Any], count: int = 1, **extra: Any) -> list[str]:
    body = await admin("POST", "/orders", json={"prd_no": product["prdNo"], "count": count, **extra})
    ids: list[str] = body["line_ids"]
    return ids


async def route_count(admin: AdminCall, route: str) -> int:
    calls = await admin("GET", "/calls")
    return int(calls["by_path"].get(route, {}).get("count", 0))
