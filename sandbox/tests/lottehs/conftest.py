from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_795_000_000.0)  # 2026-11-18 17:06 KST


@pytest.fixture
def state(clock: FakeClock) -> SandboxState:
    return SandboxState.create(clock=clock, seed=3)


@pytest.fixture
async def client(state: SandboxState) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(state))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as c:
        yield c


@pytest.fixture
async def seller(client: httpx.AsyncClient) -> dict[str, Any]:
    body: dict[str, Any] = (await client.post("/lottehs/admin/sellers", json={"seller_id": "031234"})).json()
    return body


@pytest.fixture
async def session(client: httpx.AsyncClient, seller: dict[str, Any]) -> str:
    creds = seller["credentials"]
    response = await client.get(
        "/lottehs/external/openapi/createCertification.lotte",
        params={"strUserId": creds["user_id"], "strPassWd": creds["password"]},
    )
    text: str = response.text
    return text.split("<SubscriptionId>")[1].split("</SubscriptionId>")[0]


@pytest.fixture
async def product(client: httpx.AsyncClient, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = (await client.post("/lottehs/admin/products", json={"seller_id": "031234"})).json()
    return body
