"""The 인터파크 adapter against the real sandbox served in this loop; product XML is served to the
emulator by the adapter's own LocalProductFeed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from marketbridge.connectors.interpark import InterparkAdapter, InterparkCredentials, LocalProductFeed
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.state import SandboxState

from ..support import AdminCall


@pytest.fixture
def dialect() -> str:
    return "interpark"


@pytest.fixture
def sandbox() -> SandboxState:
    return SandboxState.create(seed=13, rate_limit=RateLimitConfig(rate=1000, burst=1000))


@pytest.fixture
async def supplier(admin: AdminCall) -> dict[str, Any]:
    body: dict[str, Any] = await admin("POST", "/suppliers", json={"entr_id": "ipadapter"})
    return body


def credentials(supplier: dict[str, Any], **overrides: str) -> InterparkCredentials:
    values = {k: supplier[k] for k in ("entr_id", "supply_entr_no", "supply_ctrt_seq", "cite_key", "secret_key")}
    return InterparkCredentials(**{**values, **overrides})


def make_adapter(sandbox_url: str, creds: InterparkCredentials, **kwargs: Any) -> InterparkAdapter:
    base = f"{sandbox_url}/interpark/external"
    kwargs.setdefault("rate_limit", RateLimit(rate=500, burst=500))
    kwargs.setdefault("timeout", httpx.Timeout(5.0))
    kwargs.setdefault("feed", LocalProductFeed())
    return InterparkAdapter(creds, base, base, account_key="acct-ip", **kwargs)


@pytest.fixture
async def adapter(sandbox_url: str, supplier: dict[str, Any]) -> AsyncIterator[InterparkAdapter]:
    async with make_adapter(sandbox_url, credentials(supplier)) as ip:
        yield ip


@pytest.fixture
async def product(admin: AdminCall, supplier: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST",
        "/products",
        json={
            "name": "유기농 현미 4kg",
            "price": 15900,
            "seller_code": "RICE-4",
            "options": [{"name": "도정", "value": "백미"}, {"name": "도정", "value": "현미", "price": 1000}],
        },
    )
    return body


async def place(admin: AdminCall, product: dict[str, Any], count: int = 1, **extra: Any) -> list[str]:
    body = await admin("POST", "/orders", json={"prd_no": product["prdNo"], "count": count, **extra})
    ids: list[str] = body["line_ids"]
    return ids


async def method_count(admin: AdminCall, method: str) -> int:
    calls = await admin("GET", "/calls")
    return int(calls["by_path"].get(f"GET /order/OrderClmAPI.do?_method={method}", {}).get("count", 0))
