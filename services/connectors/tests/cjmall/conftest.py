"""The CJ온스타일 adapter against the real sandbox, served in this loop (fixtures: ../conftest.py)."""

from __future__ import annotations

import pytest
from marketbridge.connectors.cjmall import CjmallAdapter, CjmallCredentials, factory
from marketbridge.connectors.ports import Listing
from marketbridge.sandbox.cjmall.driver import Driver
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import FakeClock

from ..homeshopping import Mall

CJMALL = Mall(
    code="cjmall",
    seller_id="412345",
    product_name="한우 선물세트",
    sale_price=150000,
    listing=Listing(
        seller_product_code="HANWOO-1",
        name="한우 선물세트 1++",
        category_id="1010",
        sale_price=150000,
        stock_quantity=20,
        description_html="<p>한우</p>",
        image_urls=("https://img.example/h.jpg",),
        attributes={"notice": {"품목": "농수산물", "원산지": "국내산"}},
    ),
    adapter_type=CjmallAdapter,
    credentials_type=CjmallCredentials,
    credential_fields=("vendor_id", "vendor_cert_key"),
    read_path="IFPA",
    write_path="IFPA",
    wrong_credential=("vendor_cert_key", "bad"),
    rejected_code="E-0001",
    duplicate_dispatch=("E-0402", ""),
    unknown_line="20261118999999:001:001:001",
    any_line="1:1:1:1",
    unknown_product=("99999999", "E-0401", ""),
    category="리빙>주방",
    unsupported_cs=("fetch_inquiries", "answer_inquiry"),
    unmapped_courier="CVSNET",
    acknowledges_by_lookup=True,
    factory=factory,
    driver=Driver,
    driver_dispatch=("LOGEN", "31234567890", "70"),
)


@pytest.fixture
def mall() -> Mall:
    return CJMALL


@pytest.fixture
def sandbox(clock: FakeClock) -> SandboxState:
    return SandboxState.create(seed=31, clock=clock)
