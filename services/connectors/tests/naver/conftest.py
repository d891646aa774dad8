"""The Naver adapter against the real sandbox, served by uvicorn on a free local port in this loop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import bcrypt
import httpx
import pytest
from marketbridge.connectors.naver import NaverAdapter, NaverCredentials
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.sandbox.naver.models import SellerApp
from marketbridge.sandbox.state import SandboxState

from ..support import AdminCall


@pytest.fixture
def dialect() -> str:
    return "naver"


@pytest.fixture
def sandbox() -> SandboxState:
    return SandboxState.create(seed=11)


@pytest.fixture
def seller(sandbox: SandboxState) -> SellerApp:
    return sandbox.naver.register_app(client_secret=bcrypt.gensalt(4).decode(), account_id="ncp_adapter_test")


def make_adapter(sandbox_url: str, seller: SellerApp, **kwargs: Any) -> NaverAdapter:
    kwargs.setdefault("rate_limit", RateLimit(rate=200, burst=200))
    kwargs.setdefault("timeout", httpx.Timeout(5.0))
    return NaverAdapter(NaverCredentials(seller.client_id, seller.client_secret), f"{sandbox_url}/naver/external",
                        **kwargs)


@pytest.fixture
async def adapter(sandbox_url: str, seller: SellerApp) -> AsyncIterator[NaverAdapter]:
    async with make_adapter(sandbox_url, seller) as naver:
        yield naver


@pytest.fixture
async def product(admin: AdminCall, seller: SellerApp) -> dict[str, Any]:
    body: dict[str, Any] = await admin("POST", "/products", json={
        "account_id": seller.account_id, "name": "무지 양말 5켤레", "sale_price": 9900, "stock_quantity": 500,
        "seller_management_code": "SOCK-5", "option_group_names": ["색상"],
        "options": [{"names": ["블랙"], "stock": 50, "seller_manager_code": "SOCK-5-BK"},
                    {"names": ["화이트"], "stock": 50, "price": 500}]})
    return body
