from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import jwt
import pytest
from marketbridge.sandbox.core.timefmt import fmt_kst
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock

EXT = "/esm/external"
ADMIN = "/esm/admin"


def esm_token(master: str, secret: str, ssi: str, **overrides: Any) -> str:
    payload = {"iss": "www.test.example", "sub": "sell", "aud": "sa.esmplus.com", "iat": 1_715_400_000, "ssi": ssi}
    payload.update(overrides)
    return jwt.encode(payload, secret, algorithm="HS256", headers={"kid": master})


@pytest.fixture
def esm_state(state: SandboxState) -> Any:
    return state.dialect("esm")


@pytest.fixture
async def master(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.post(
        f"{ADMIN}/sellers",
        json={
            "master_id": "mbmaster",
            "secret_key": "s3cret-key-for-the-esm-sandbox-tests-0001",
            "gmarket_seller_id": "gseller",
            "auction_seller_id": "aseller",
        },
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


Call = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def api(client: httpx.AsyncClient, master: dict[str, Any]) -> Call:
    """`await api("POST", path, json=..., ssi="G:gseller")` with a freshly signed JWT."""

    async def call(
        method: str, path: str, *, ssi: str = "G:gseller,A:aseller", secret: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        token = esm_token(master["master_id"], secret or master["secret_key"], ssi)
        return await client.request(method, f"{EXT}{path}", headers={"Authorization": f"Bearer {token}"}, **kwargs)

    return call


@pytest.fixture
async def goods(client: httpx.AsyncClient, master: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(
        f"{ADMIN}/goods",
        json={"master_id": master["master_id"], "name": "면 티셔츠", "price": 19900, "seller_code": "TS-1"},
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


Orders = Callable[..., Awaitable[list[int]]]


@pytest.fixture
def orders(client: httpx.AsyncClient, goods: dict[str, Any]) -> Orders:
    async def place(count: int = 1, site: str = "G", **extra: Any) -> list[int]:
        response = await client.post(
            f"{ADMIN}/orders", json={"goods_no": goods["goodsNo"], "site": site, "count": count, **extra}
        )
        assert response.status_code == 201, response.text
        ids: list[int] = response.json()["order_nos"]
        return ids

    return place


def _window(clock: FakeClock, before_s: float = 3600, after_s: float = 60) -> dict[str, str]:
    start, end = fmt_kst(int((clock() - before_s) * 1000)), fmt_kst(int((clock() + after_s) * 1000))
    return {"requestDateFrom": f"{start[:10]} {start[11:16]}", "requestDateTo": f"{end[:10]} {end[11:16]}"}


Window = Callable[..., dict[str, str]]
Token = Callable[..., str]


@pytest.fixture
def window(clock: FakeClock) -> Window:
    """`window(before_s=3600, after_s=60)` -> requestDateFrom / requestDateTo around the fake clock."""
    return lambda before_s=3600, after_s=60: _window(clock, before_s, after_s)


@pytest.fixture
def make_token() -> Token:
    return esm_token
