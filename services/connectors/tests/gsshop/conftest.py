"""The GS SHOP adapter against the real sandbox, with our receiver router served on its own port in this loop
(the emulator really POSTs pushed orders to it); the other fixtures are in ../conftest.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import FastAPI
from marketbridge.connectors.gsshop import GsshopAdapter, GsshopCredentials, InMemoryPushedOrderStore
from marketbridge.connectors.gsshop.receiver import ReceiverAccount, create_receiver_router
from marketbridge.connectors.ports import Listing, MarketplaceAdapter
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import serve_in_loop

from ..homeshopping import Connect, Mall
from ..support import AdminCall

MOUNT = "/webhooks/gsshop"
GSSHOP = Mall(
    code="gsshop",
    seller_id="100777",
    product_name="홍삼 정과",
    sale_price=59000,
    listing=Listing(
        seller_product_code="RG-1",
        name="6년근 홍삼 정과",
        category_id="B101",
        sale_price=59000,
        stock_quantity=40,
        description_html="<p>홍삼</p>",
        image_urls=("https://img.example/r.jpg",),
        attributes={"notice": {"품목": "건강기능식품", "제조원": "샌드박스"}},
    ),
    adapter_type=GsshopAdapter,
    credentials_type=GsshopCredentials,
    credential_fields=("sup_cd", "sender_id", "receiver_token"),
    read_path="SupSend",
    write_path="aliaSupCommon",
    wrong_credential=("sender_id", "SUPnobody"),
    rejected_code=None,
    duplicate_dispatch=("E", "이미 송장"),
    unknown_line="0000000000:000010",
    any_line="1:1",
    unknown_product=("000000000", None, "존재하지"),
    category="식품>건강식품",
    unsupported_cs=("fetch_inquiries",),
    unmapped_courier="EMS",
    faulted_dispatch=("LOGEN", "31234567890"),
    acknowledges_by_lookup=True,
    pushes_orders=True,
)


@pytest.fixture
def mall() -> Mall:
    return GSSHOP


@pytest.fixture
def sandbox() -> SandboxState:
    return SandboxState.create(seed=41)


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
async def seller(
    seller: dict[str, Any], admin: AdminCall, receiver_url: str, accounts: dict[str, ReceiverAccount]
) -> dict[str, Any]:
    """The registered seller (../conftest.py), its pushes going to our receiver."""
    c = seller["credentials"]
    accounts[c["sup_cd"]] = ReceiverAccount(c["sup_cd"], c["receiver_token"], "acc-gs")
    receiver = f"{receiver_url}/{c['sup_cd']}/{c['receiver_token']}"
    await admin("PUT", f"/sellers/{seller['seller_id']}/receiver", json={"receiver_url": receiver})
    return seller


@pytest.fixture
def connect(connect: Connect, store: InMemoryPushedOrderStore) -> Connect:
    """Adapters read the pushed orders from `store`, as account acc-gs."""

    def build(seller: dict[str, Any], **kwargs: Any) -> MarketplaceAdapter:
        return connect(seller, store=store, account_key="acc-gs", **kwargs)

    return build
