"""Fixtures for the Coupang emulator: a vendor, a signing client on the fake clock, admin calls."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.coupang.auth import authorization
from marketbridge.sandbox.coupang.models import Vendor
from marketbridge.sandbox.coupang.state import CoupangState
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock

OPENAPI = "/v2/providers/openapi/apis/api"
SELLER_API = "/v2/providers/seller_api/apis/api/v1/marketplace"
VENDOR = "A00012345"


@pytest.fixture
async def client(state: SandboxState) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(state))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as c:
        yield c


@pytest.fixture
def coupang(state: SandboxState) -> CoupangState:
    dialect: CoupangState = state.dialect("coupang")
    return dialect


@pytest.fixture
def vendor(coupang: CoupangState) -> Vendor:
    return coupang.register_vendor(vendor_id=VENDOR, access_key="sandbox-access-key", secret_key="sandbox-secret")


class Signed:
    """Sends signed requests to /coupang/external on the fake clock (paths relative to the API root)."""

    def __init__(self, client: httpx.AsyncClient, vendor: Vendor, clock: FakeClock) -> None:
        self.client, self.vendor, self.clock = client, vendor, clock

    async def __call__(
        self,
        method: str,
        path: str,
        params: list[tuple[str, Any]] | None = None,
        json: Any = None,
        *,
        secret: str | None = None,
        skew: float = 0.0,
        signed_query: str | None = None,
    ) -> httpx.Response:
        query = urlencode([(k, str(v)) for k, v in params or ()])
        header = authorization(
            self.vendor.access_key,
            secret or self.vendor.secret_key,
            method,
            path,
            query if signed_query is None else signed_query,
            self.clock() + skew,
        )
        url = f"/coupang/external{path}" + (f"?{query}" if query else "")
        return await self.client.request(method, url, json=json, headers={"Authorization": header})


@pytest.fixture
def api(client: httpx.AsyncClient, vendor: Vendor, clock: FakeClock) -> Signed:
    return Signed(client, vendor, clock)


Admin = Callable[..., Awaitable[Any]]


@pytest.fixture
def admin(client: httpx.AsyncClient) -> Admin:
    async def call(method: str, path: str, *, expect: int | None = None, **kwargs: Any) -> Any:
        response = await client.request(method, f"/coupang/admin{path}", **kwargs)
        if expect is not None:
            assert response.status_code == expect, response.text
        else:
            assert response.status_code < 300, response.text
        return response.json() if response.content else None

    return call


@pytest.fixture
async def product(admin: Admin, vendor: Vendor) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST",
        "/products",
        json={
            "vendor_id": vendor.vendor_id,
            "name": "면 티셔츠",
            "sale_price": 19900,
            "option_names": ["색상"],
            "options": [
                {"values": ["블랙"], "stock": 10, "external_sku": "TS-BK"},
                {"values": ["화이트"], "price_delta": 1000, "stock": 5, "external_sku": "TS-WH"},
            ],
        },
    )
    return body


PlaceOrders = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def place_orders(admin: Admin, product: dict[str, Any]) -> PlaceOrders:
    async def place(count: int = 1, **extra: Any) -> dict[str, Any]:
        body: dict[str, Any] = await admin(
            "POST", "/orders", json={"seller_product_id": product["sellerProductId"], "count": count, **extra}
        )
        return body

    return place
