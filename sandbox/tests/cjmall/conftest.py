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
    return SandboxState.create(clock=FakeClock(1_795_000_000.0), seed=9)


@pytest.fixture
async def client(state: SandboxState) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(state))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as c:
        yield c


@pytest.fixture
async def seller(client: httpx.AsyncClient) -> dict[str, Any]:
    body: dict[str, Any] = (await client.post("/cjmall/admin/sellers", json={"seller_id": "412345"})).json()
    return body


@pytest.fixture
async def product(client: httpx.AsyncClient, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = (await client.post("/cjmall/admin/products", json={"name": "한우 선물세트"})).json()
    return body


def request(if_id: str, vendor: str, key: str, inner: str = "", encoding: str = "EUC-KR") -> bytes:
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        f'<tns:ifRequest xmlns:tns="http://www.example.org/ifpa" tns:ifId="{if_id}">'
        f"<tns:vendorId>{vendor}</tns:vendorId><tns:vendorCertKey>{key}</tns:vendorCertKey>{inner}</tns:ifRequest>"
    )
    return text.encode(encoding)


@pytest.fixture
def send(client: httpx.AsyncClient, seller: dict[str, Any]) -> Send:
    async def call(if_id: str, inner: str = "", key: str | None = None, encoding: str = "EUC-KR") -> httpx.Response:
        body = request(if_id, seller["seller_id"], key or seller["credentials"]["vendor_cert_key"], inner, encoding)
        return await client.post(
            "/cjmall/external/IFPAServerAction.action",
            content=body,
            headers={"Content-Type": f"text/xml; charset={encoding}"},
        )

    return call
