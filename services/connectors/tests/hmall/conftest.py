"""The Hmall adapter against the real sandbox, served by uvicorn on a free local port in this loop
(fixtures: ../conftest.py)."""

from __future__ import annotations

import pytest
from marketbridge.connectors.hmall import HmallAdapter, HmallCredentials, factory
from marketbridge.connectors.ports import Listing
from marketbridge.sandbox.hmall.driver import Driver
from marketbridge.sandbox.state import SandboxState

from ..homeshopping import Mall

HMALL = Mall(
    code="hmall",
    seller_id="654321",
    product_name="무선 진공청소기",
    sale_price=199000,
    listing=Listing(
        seller_product_code="VAC-1",
        name="무선 진공청소기",
        category_id="1002",
        sale_price=199000,
        stock_quantity=30,
        description_html="<p>설명</p>",
        image_urls=("https://img.example/1.jpg",),
        attributes={"notice": {"품목": "소형전자", "제조자": "샌드박스전자"}},
    ),
    adapter_type=HmallAdapter,
    credentials_type=HmallCredentials,
    credential_fields=("oauser_id", "oause_key"),
    read_path="selectOshp",
    write_path="updateOshp",
    wrong_credential=("oause_key", "f" * 32),
    rejected_code="-100",
    duplicate_dispatch=("E205", ""),
    unknown_line="20990101000001:1:9990101000001:1",
    any_line="1:1:1:1",
    unknown_product=("999999999", "-500", "E101"),
    category="생활/주방>주방용품",
    unsupported_cs=("fetch_inquiries", "answer_inquiry", "fetch_notices"),
    unmapped_courier="DHL",
    faulted_dispatch=("LOTTE", "512345678901"),
    factory=factory,
    driver=Driver,
    driver_dispatch=("HANJIN", "412345678901", "13"),
)


@pytest.fixture
def mall() -> Mall:
    return HMALL


@pytest.fixture
def sandbox() -> SandboxState:
    return SandboxState.create(seed=21)
