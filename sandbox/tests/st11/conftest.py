from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_790_000_000.0)  # 2026-09-21 23:13:20 KST


@pytest.fixture
def sandbox(clock: FakeClock) -> SandboxState:
    return SandboxState.create(clock=clock, seed=3)


@pytest.fixture
async def client(sandbox: SandboxState) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(sandbox))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as c:
        yield c


@pytest.fixture
async def seller(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.post("/st11/admin/sellers", json={"seller_id": "st11_seller"})
    assert response.status_code == 201
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def api(client: httpx.AsyncClient, seller: dict[str, Any]) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=client._transport, base_url="http://sandbox/st11/external", headers={"openapikey": seller["api_key"]}
    )


@pytest.fixture
async def product(client: httpx.AsyncClient, seller: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(
        "/st11/admin/products",
        json={
            "name": "국산 면 양말 5켤레",
            "sel_prc": 9900,
            "seller_prd_cd": "SOCK-5",
            "options": [{"name": "색상:블랙", "qty": 50}, {"name": "색상:화이트", "price": 500, "qty": 50}],
        },
    )
    assert response.status_code == 201
    body: dict[str, Any] = response.json()
    return body


Place = Callable[..., Awaitable[list[str]]]


@pytest.fixture
def place(client: httpx.AsyncClient, product: dict[str, Any]) -> Place:
    """`await place(count=2, items_per_order=2)` -> the new order line ids of the test product."""

    async def call(count: int = 1, **extra: Any) -> list[str]:
        response = await client.post("/st11/admin/orders", json={"prd_no": product["prdNo"], "count": count, **extra})
        assert response.status_code == 201, response.text
        ids: list[str] = response.json()["line_ids"]
        return ids

    return call
