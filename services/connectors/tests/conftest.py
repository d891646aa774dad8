"""Fixtures every marketplace folder shares.

A folder names its emulator with a `dialect` fixture and builds its own `sandbox` (seed, clock, limits);
`sandbox_url` (the sandbox served in this loop), `admin_client` and `admin` (its admin API) come from here.
The home-shopping folders (cjmall, hmall, lottehs, publichs, gsshop) describe their mall with a `mall`
fixture (see homeshopping.py) and get `seller`, `product`, `connect` and `adapter` from here too; the other
marketplaces define those themselves."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock, serve_in_loop

from .homeshopping import Connect, Mall
from .support import AdminCall, admin_caller


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(time.time())


@pytest.fixture
async def sandbox_url(sandbox: SandboxState, dialect: str) -> AsyncIterator[str]:
    """The whole sandbox, as `make run` serves it (`dialect` only names the folder's emulator)."""
    async with serve_in_loop(create_app(sandbox)) as url:
        yield url


@pytest.fixture
async def admin_client(sandbox_url: str, dialect: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{sandbox_url}/{dialect}/admin") as client:
        yield client


@pytest.fixture
def admin(admin_client: httpx.AsyncClient) -> AdminCall:
    """`await admin("POST", "/orders", json={...})` -> the decoded answer (asserts a 2xx)."""
    return admin_caller(admin_client)


# --- home-shopping malls: everything below follows from the folder's `mall` ---


@pytest.fixture
def dialect(mall: Mall) -> str:
    """The emulator's path segment (a folder without a `mall` defines its own)."""
    return mall.code


@pytest.fixture
async def seller(mall: Mall, admin: AdminCall) -> dict[str, Any]:
    body: dict[str, Any] = await admin("POST", "/sellers", json={"seller_id": mall.seller_id})
    return body


@pytest.fixture
async def product(mall: Mall, admin: AdminCall, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST",
        "/products",
        json={"seller_id": seller["seller_id"], "name": mall.product_name, "sale_price": mall.sale_price},
    )
    return body


@pytest.fixture
def connect(mall: Mall, sandbox_url: str) -> Connect:
    """`connect(seller, **adapter_kwargs)`: an adapter for that seller's credentials (not yet entered)."""

    def build(seller: dict[str, Any], **kwargs: Any) -> MarketplaceAdapter:
        kwargs.setdefault("rate_limit", RateLimit(rate=200, burst=200))
        kwargs.setdefault("timeout", httpx.Timeout(5.0))
        credentials = mall.credentials_type(*(seller["credentials"][field] for field in mall.credential_fields))
        return mall.adapter_type(credentials, f"{sandbox_url}/{mall.code}/external", **kwargs)

    return build


@pytest.fixture
async def adapter(connect: Connect, seller: dict[str, Any]) -> AsyncIterator[MarketplaceAdapter]:
    async with connect(seller) as built:
        yield built
