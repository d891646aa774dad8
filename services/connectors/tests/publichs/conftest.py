"""The 공영홈쇼핑 adapter — (modelled) dialect, our invention — against the real sandbox, served in this loop
(fixtures: ../conftest.py)."""

from __future__ import annotations

import pytest
from marketbridge.connectors.ports import Listing
from marketbridge.connectors.publichs import PublicHsAdapter, PublicHsCredentials, factory
from marketbridge.sandbox.publichs.driver import Driver
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock

from ..homeshopping import Mall

PUBLICHS = Mall(
    code="publichs",
    seller_id="770001",
    product_name="제주 감귤 5kg",
    sale_price=25000,
    listing=Listing(
        seller_product_code="MAND-5",
        name="제주 감귤 5kg",
        category_id="0101",
        sale_price=25000,
        stock_quantity=100,
        description_html="<p>감귤</p>",
        image_urls=("https://img.example/m.jpg",),
        attributes={"notice": {"품목": "농산물", "생산자": "제주 농가"}},
    ),
    adapter_type=PublicHsAdapter,
    credentials_type=PublicHsCredentials,
    credential_fields=("vendor_cd", "api_key"),
    read_path="supplier",
    write_path="supplier",
    wrong_credential=("api_key", "bad"),
    rejected_code=None,
    duplicate_dispatch=("4002", ""),
    unknown_line="20990101000001:1",
    any_line="1:1",
    unknown_product=("P000000000", "4001", ""),
    category="농수산>과일",
    unsupported_cs=("fetch_notices",),
    unmapped_courier="UPS",
    courier=("EPOST", "6012345678901"),
    factory=factory,
    driver=Driver,
    driver_dispatch=("CJ_LOGISTICS", "612345678901", "22"),
)


@pytest.fixture
def mall() -> Mall:
    return PUBLICHS


@pytest.fixture
def sandbox(clock: FakeClock) -> SandboxState:
    return SandboxState.create(seed=31, clock=clock)
