from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import bcrypt
import httpx
import pytest
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.naver.models import SellerApp
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock, naver_token_form


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def state(clock: FakeClock) -> SandboxState:
    return SandboxState.create(clock=clock, seed=7)


@pytest.fixture
def creds(state: SandboxState) -> SellerApp:
    return state.naver.register_app(client_id="sandbox-test-client", client_secret=bcrypt.gensalt(4).decode(),
                                    account_id="ncp_test_seller")


@pytest.fixture
async def client(state: SandboxState) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(state))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as c:
        yield c


def token_form(creds: SellerApp, clock: FakeClock, **overrides: str) -> dict[str, str]:
    return naver_token_form(creds.client_id, creds.client_secret, int(clock() * 1000), **overrides)


@pytest.fixture
async def api(client: httpx.AsyncClient, creds: SellerApp, clock: FakeClock) -> httpx.AsyncClient:
    """The same client, authenticated, with paths relative to /naver/external."""
    response = await client.post("/naver/external/v1/oauth2/token", data=token_form(creds, clock))
    assert response.status_code == 200, response.text
    transport = client._transport
    return httpx.AsyncClient(transport=transport, base_url="http://sandbox/naver/external",
                             headers={"Authorization": f"Bearer {response.json()['access_token']}"})


@pytest.fixture
async def product(client: httpx.AsyncClient, creds: SellerApp) -> dict[str, object]:
    response = await client.post("/naver/admin/products", json={
        "account_id": creds.account_id, "name": "면 티셔츠", "sale_price": 19900, "stock_quantity": 100,
        "seller_management_code": "TS-001", "option_group_names": ["색상", "사이즈"],
        "options": [{"names": ["블랙", "M"], "stock": 10, "price": 0, "seller_manager_code": "TS-001-BK-M"},
                    {"names": ["화이트", "L"], "stock": 5, "price": 1000}]})
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


PlaceOrders = Callable[..., Awaitable[list[str]]]


@pytest.fixture
def place_orders(client: httpx.AsyncClient, product: dict[str, object]) -> PlaceOrders:
    """`await place_orders(count=3, paid_at=...)` -> new productOrderIds of the test product."""

    async def place(count: int = 1, **extra: object) -> list[str]:
        body = {"product_no": product["originProductNo"], "count": count, **extra}
        response = await client.post("/naver/admin/orders", json=body)
        assert response.status_code == 201, response.text
        ids: list[str] = response.json()["product_order_ids"]
        return ids

    return place


@pytest.fixture
def make_token_form(creds: SellerApp, clock: FakeClock) -> Callable[..., dict[str, str]]:
    return lambda **overrides: token_form(creds, clock, **overrides)
