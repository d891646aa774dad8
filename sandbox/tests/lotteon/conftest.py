from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

EXT = "/lotteon/external/v1/openapi"
ADMIN = "/lotteon/admin"
HEADERS = {"Accept": "application/json", "Accept-Language": "ko", "X-Timezone": "GMT+09:00"}


@pytest.fixture
async def seller(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.post(f"{ADMIN}/sellers", json={"api_key": "lotteon-test-key", "tr_no": "LO10000001"})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def api(client: httpx.AsyncClient, seller: dict[str, Any]) -> Callable[..., Awaitable[httpx.Response]]:
    """`await api(path, json)` with the seller's key and the fixed headers."""

    async def call(path: str, body: dict[str, Any], *, headers: dict[str, str] | None = None) -> httpx.Response:
        sent = {**HEADERS, "Authorization": f"Bearer {seller['api_key']}"} if headers is None else headers
        return await client.post(f"{EXT}{path}", json=body, headers=sent)

    return call


@pytest.fixture
async def product(client: httpx.AsyncClient, seller: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(
        f"{ADMIN}/products", json={"name": "니트 가디건", "price": 39000, "epd_no": "KN-1", "options": ["S", "M"]}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def orders(client: httpx.AsyncClient, product: dict[str, Any]) -> Callable[..., Awaitable[list[str]]]:
    async def place(count: int = 1, **extra: Any) -> list[str]:
        response = await client.post(f"{ADMIN}/orders", json={"spd_no": product["spdNo"], "count": count, **extra})
        assert response.status_code == 201, response.text
        ids: list[str] = response.json()["line_ids"]
        return ids

    return place
