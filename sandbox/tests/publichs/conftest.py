"""Fixtures for the 공영홈쇼핑 emulator tests — (modelled) dialect, our invention."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock

Send = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def state() -> SandboxState:
    return SandboxState.create(clock=FakeClock(1_795_000_000.0), seed=17)


@pytest.fixture
async def client(state: SandboxState) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(state))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as c:
        yield c


@pytest.fixture
async def seller(client: httpx.AsyncClient) -> dict[str, Any]:
    body: dict[str, Any] = (await client.post("/publichs/admin/sellers", json={"seller_id": "770001"})).json()
    return body


@pytest.fixture
async def product(client: httpx.AsyncClient, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = (await client.post("/publichs/admin/products", json={"name": "제주 감귤 5kg"})).json()
    return body


@pytest.fixture
def send(client: httpx.AsyncClient, seller: dict[str, Any]) -> Send:
    async def call(if_id: str, inner: str = "", key: str | None = None) -> httpx.Response:
        body = (
            f'<?xml version="1.0" encoding="UTF-8"?><pubRequest ifId="{if_id}"><vendorCd>{seller["seller_id"]}'
            f"</vendorCd><apiKey>{key or seller['credentials']['api_key']}</apiKey>{inner}</pubRequest>"
        )
        return await client.post(
            "/publichs/external/api/supplier.do",
            content=body.encode(),
            headers={"Content-Type": "text/xml; charset=utf-8"},
        )

    return call
