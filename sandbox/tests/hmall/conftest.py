from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock

Call = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_795_000_000.0)  # 2026-11-18 KST


@pytest.fixture
def state(clock: FakeClock) -> SandboxState:
    return SandboxState.create(clock=clock, seed=5)


@pytest.fixture
async def client(state: SandboxState) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(state))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as c:
        yield c


@pytest.fixture
async def seller(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.post("/hmall/admin/sellers", json={"seller_id": "123456"})
    assert response.status_code == 201
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
async def product(client: httpx.AsyncClient, seller: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(
        "/hmall/admin/products", json={"seller_id": seller["seller_id"], "name": "스텐 냄비 3종"}
    )
    body: dict[str, Any] = response.json()
    return body


def datasets(**sets: list[dict[str, object]]) -> bytes:
    parts = []
    for name, rows in sets.items():
        inner = "".join("<row>" + "".join(f"<{k}>{v}</{k}>" for k, v in r.items()) + "</row>" for r in rows)
        parts.append(f'<Dataset id="{name}"><rows>{inner}</rows></Dataset>')
    return ('<?xml version="1.0" encoding="UTF-8"?><Root>' + "".join(parts) + "</Root>").encode()


@pytest.fixture
def api(client: httpx.AsyncClient, seller: dict[str, Any]) -> Call:
    async def call(path: str, key: str | None = None, **sets: list[dict[str, object]]) -> httpx.Response:
        headers = {
            "oauserId": seller["seller_id"],
            "oauseKey": key or seller["credentials"]["oause_key"],
            "Content-Type": "text/xml; charset=utf-8",
        }
        return await client.post(f"/hmall/external{path}", content=datasets(**sets), headers=headers)

    return call
