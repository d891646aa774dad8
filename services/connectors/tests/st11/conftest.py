"""The 11번가 adapter against the real sandbox, served by uvicorn on a free local port in this loop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.connectors.st11 import St11Adapter
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.state import SandboxState

from ..support import AdminCall


@pytest.fixture
def dialect() -> str:
    return "st11"


@pytest.fixture
def sandbox() -> SandboxState:
    return SandboxState.create(seed=11, rate_limit=RateLimitConfig(rate=1000, burst=1000))


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
