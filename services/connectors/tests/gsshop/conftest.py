"""The GS SHOP adapter against the real sandbox, with our receiver router served on its own port in this loop
(the emulator really POSTs pushed orders to it)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from marketbridge.connectors.gsshop import GsshopAdapter, GsshopCredentials, InMemoryPushedOrderStore
from marketbridge.connectors.gsshop.receiver import ReceiverAccount, create_receiver_router
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.sandbox.homeshopping_common.testing import sandbox_app
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import serve_in_loop

AdminCall = Callable[..., Awaitable[Any]]
MOUNT = "/webhooks/gsshop"


@pytest.fixture
def sandbox() -> SandboxState:
    return SandboxState.create(seed=41)


@pytest.fixture
async def sandbox_url(sandbox: SandboxState) -> AsyncIterator[str]:
    async with serve_in_loop(sandbox_app(sandbox, "gsshop")) as url:
        yield url


@pytest.fixture
def store() -> InMemoryPushedOrderStore:
    return InMemoryPushedOrderStore()


@pytest.fixture
def accounts() -> dict[str, ReceiverAccount]:
    return {}


@pytest.fixture
async def receiver_url(store: InMemoryPushedOrderStore, accounts: dict[str, ReceiverAccount]) -> AsyncIterator[str]:
    async def resolve(sup_cd: str) -> ReceiverAccount | None:
        return accounts.get(sup_cd)

    app = FastAPI()
    app.include_router(create_receiver_router(store, resolve), prefix=MOUNT)
    async with serve_in_loop(app) as url:
        yield f"{url}{MOUNT}"


@pytest.fixture
async def admin(sandbox_url: str) -> AsyncIterator[AdminCall]:
    async with httpx.AsyncClient(base_url=f"{sandbox_url}/gsshop/admin") as client:

        async def call(method: str, path: str, **kwargs: Any) -> Any:
            response = await client.request(method, path, **kwargs)
            assert response.status_code < 300, response.text
            return response.json() if response.content else None

        yield call


@pytest.fixture
async def seller(admin: AdminCall, receiver_url: str, accounts: dict[str, ReceiverAccount]) -> dict[str, Any]:
    body: dict[str, Any] = await admin("POST", "/sellers", json={"seller_id": "100777"})
    c = body["credentials"]
    accounts[c["sup_cd"]] = ReceiverAccount(c["sup_cd"], c["receiver_token"], "acc-gs")
    await admin(
        "PUT", "/sellers/100777/receiver", json={"receiver_url": f"{receiver_url}/{c['sup_cd']}/{c['receiver_token']}"}
    )
    return body


def make_adapter(
    sandbox_url: str, seller: dict[str, Any], store: InMemoryPushedOrderStore, **kwargs: Any
) -> GsshopAdapter:
    kwargs.setdefault("rate_limit", RateLimit(rate=200, burst=200))
    kwargs.setdefault("timeout", httpx.Timeout(5.0))
    c = seller["credentials"]
    return GsshopAdapter(
        GsshopCredentials(c["sup_cd"], c["sender_id"], c["receiver_token"]),
        f"{sandbox_url}/gsshop/external",
        store=store,
        account_key="acc-gs",
        **kwargs,
    )


@pytest.fixture
async def adapter(
    sandbox_url: str, seller: dict[str, Any], store: InMemoryPushedOrderStore
) -> AsyncIterator[GsshopAdapter]:
    async with make_adapter(sandbox_url, seller, store) as gs:
        yield gs


@pytest.fixture
async def product(admin: AdminCall, seller: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = await admin(
        "POST", "/products", json={"seller_id": "100777", "name": "홍삼 정과", "sale_price": 59000}
    )
    return body
