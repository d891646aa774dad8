from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock

Place = Callable[..., Awaitable[list[str]]]
Orders = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_790_000_000.0)  # 2026-09-21 23:13:20 KST


@pytest.fixture
def sandbox(clock: FakeClock) -> SandboxState:
    return SandboxState.create(clock=clock, seed=5)


@pytest.fixture
async def client(sandbox: SandboxState) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(sandbox))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as c:
        yield c


@pytest.fixture
async def supplier(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.post("/interpark/admin/suppliers", json={"entr_id": "ipseller"})
    assert response.status_code == 201
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def orders_api(client: httpx.AsyncClient, supplier: dict[str, Any]) -> Orders:
    """`await orders_api("orderListForSingle", **{"sc.strDate": …})` with the supplier ids filled in."""

    async def call(method: str, **params: str) -> httpx.Response:
        query = {
            "_method": method,
            "sc.entrId": supplier["entr_id"],
            "sc.supplyEntrNo": supplier["supply_entr_no"],
            "sc.supplyCtrtSeq": supplier["supply_ctrt_seq"],
            **params,
        }
        return await client.get("/interpark/external/order/OrderClmAPI.do", params=query)

    return call


@pytest.fixture
async def product(client: httpx.AsyncClient, supplier: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(
        "/interpark/admin/products",
        json={
            "name": "유기농 현미 4kg",
            "price": 15900,
            "seller_code": "RICE-4",
            "options": [{"name": "도정", "value": "백미"}, {"name": "도정", "value": "현미", "price": 1000}],
        },
    )
    assert response.status_code == 201
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def place(client: httpx.AsyncClient, product: dict[str, Any]) -> Place:
    async def call(count: int = 1, **extra: Any) -> list[str]:
        response = await client.post(
            "/interpark/admin/orders", json={"prd_no": product["prdNo"], "count": count, **extra}
        )
        assert response.status_code == 201, response.text
        ids: list[str] = response.json()["line_ids"]
        return ids

    return call
