from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock, serve_in_loop


@pytest.fixture
def state() -> SandboxState:
    return SandboxState.create(clock=FakeClock(1_795_000_000.0), seed=13)


@pytest.fixture
async def client(state: SandboxState) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(state))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as c:
        yield c


class Capture:
    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.reply: dict[str, Any] = {"resultCd": "S", "resultMsg": "OK"}


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[str, Capture]]:
    """A stand-in for the seller's receiver, served on a real port (GS really POSTs to it)."""
    capture = Capture()
    app = FastAPI()

    @app.post("/hook/{token}")
    async def hook(token: str, request: Request) -> dict[str, Any]:
        capture.bodies.append({"token": token, **(await request.json())})
        return capture.reply

    async with serve_in_loop(app) as url:
        yield url, capture


@pytest.fixture
async def seller(client: httpx.AsyncClient, receiver: tuple[str, Capture]) -> dict[str, Any]:
    body: dict[str, Any] = (
        await client.post(
            "/gsshop/admin/sellers", json={"seller_id": "100234", "receiver_url": f"{receiver[0]}/hook/tok"}
        )
    ).json()
    return body


@pytest.fixture
async def product(client: httpx.AsyncClient, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = (await client.post("/gsshop/admin/products", json={"name": "홍삼 정과"})).json()
    return body
