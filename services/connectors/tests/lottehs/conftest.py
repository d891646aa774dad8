"""The 롯데홈쇼핑 adapter against the real sandbox, served in this loop (fixtures: ../conftest.py)."""

from __future__ import annotations

import pytest
from marketbridge.connectors.lottehs import LotteHsAdapter, LotteHsCredentials, factory
from marketbridge.connectors.ports import Listing
from marketbridge.sandbox.lottehs.driver import Driver
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock

from ..homeshopping import Mall

LOTTEHS = Mall(
    code="lottehs",
    seller_id="045678",
    product_name="구스 이불",
    sale_price=129000,
    listing=Listing(
        seller_product_code="DUVET-1",
        name="구스 이불 퀸",
        category_id="5001",
        sale_price=129000,
        stock_quantity=10,
        description_html="<p>구스</p>",
        image_urls=("https://img.example/d.jpg",),
        attributes={"notice": {"품목": "침구류", "제조국": "대한민국"}},
    ),
    adapter_type=LotteHsAdapter,
    credentials_type=LotteHsCredentials,
    credential_fields=("user_id", "password"),
    read_path="searchNewOrd",
    write_path="registDeliver",
    wrong_credential=("password", "nope"),
    rejected_code="E1001",
    duplicate_dispatch=("E2003", ""),
    unknown_line="20990101000001:1",
    any_line="1:1",
    unknown_product=("999", "E2001", ""),
    category=None,
    unsupported_cs=("fetch_notices",),
    unmapped_courier="DHL",
    ended_status="ended",
    factory=factory,
    driver=Driver,
    driver_dispatch=("LOGEN", "31234567890", "24"),
)


@pytest.fixture
def mall() -> Mall:
    return LOTTEHS


@pytest.fixture
def sandbox(clock: FakeClock) -> SandboxState:
    return SandboxState.create(seed=31, clock=clock)
