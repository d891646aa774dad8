"""The Coupang adapter against the real sandbox, served by uvicorn on a free local port in this loop."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from marketbridge.connectors.coupang import CoupangAdapter, CoupangCredentials
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.coupang.models import Vendor
from marketbridge.sandbox.coupang.state import CoupangState
from marketbridge.sandbox.state import SandboxState

from ..support import AdminCall


@pytest.fixture
def dialect() -> str:
    return "coupang"


@pytest.fixture
def sandbox() -> SandboxState:
    state = SandboxState.create(seed=11)
    # the gateway's 10 calls/s is exercised by the rate-limit tests; elsewhere it would only slow tests down
    state.dialect("coupang").limiter.configure(RateLimitConfig(10, 10, enabled=False))
    return state


@pytest.fixture
def coupang(sandbox: SandboxState) -> CoupangState:
    state: CoupangState = sandbox.dialect("coupang")
    return state


@pytest.fixture
def seller(coupang: CoupangState) -> Vendor:
    return coupang.register_vendor(vendor_id="A00054321")


def make_adapter(sandbox_url: str, seller: Vendor, **kwargs: Any) -> CoupangAdapter:
    kwargs.setdefault("rate_limit", RateLimit(rate=500, burst=500))
    kwargs.setdefault("timeout", httpx.Timeout(5.0))
    creds = CoupangCredentials(seller.access_key, seller.secret_key, seller.vendor_id, wing_user_id="wing-user")
    return CoupangAdapter(creds, f"{sandbox_url}/coupang/external", **kwargs)


@pytest.fixture
async def adapter(sandbox_url: str, seller: Vendor) -> AsyncIterator[CoupangAdapter]:
    async with make_adapter(sandbox_url, seller) as coupang:
        yield coupang


@pytest.fixture
async def product(admin: AdminCall, seller: Vendor) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST",
        "/products",
        json={
            "vendor_id": seller.vendor_id,
            "name": "무지 양말 5켤레",
            "sale_price": 9900,
            "option_names": ["색상"],
            "options": [
                {"values": ["블랙"], "stock": 50, "external_sku": "SOCK-BK"},
                {"values": ["화이트"], "stock": 50, "price_delta": 500, "external_sku": "SOCK-WH"},
            ],
        },
    )
    return body


PlaceOrders = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def place_orders(admin: AdminCall, product: dict[str, Any]) -> PlaceOrders:
    async def place(count: int = 1, **extra: Any) -> dict[str, Any]:
        body: dict[str, Any] = await admin(
            "POST", "/orders", json={"seller_product_id": product["sellerProductId"], "count": count, **extra}
        )
        return body

    return place
