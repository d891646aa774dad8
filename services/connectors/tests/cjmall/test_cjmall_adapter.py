"""The CJ온스타일 adapter: EUC-KR both ways, keys in the body, every operation, error mapping, 종합몰 rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from marketbridge.connectors.cjmall import CjmallAdapter
from marketbridge.connectors.cjmall.envelope import request
from marketbridge.connectors.cjmall.factory import CREDENTIAL_FIELDS, build
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
    UnsupportedOperation,
)
from marketbridge.connectors.ports import (
    ClaimAction,
    ClaimDecision,
    ClaimType,
    DispatchItem,
    InquiryAnswer,
    InquiryKind,
    Listing,
    ListingOption,
    OrderStatus,
    PriceStockUpdate,
    SellerCancel,
    SellerCancelReason,
)
from marketbridge.connectors.registry import AdapterConfig
from marketbridge.sandbox.cjmall.driver import Driver

from .conftest import AdminCall, make_adapter

LISTING = Listing(
    seller_product_code="HANWOO-1",
    name="한우 선물세트 1++",
    category_id="1010",
    sale_price=150000,
    stock_quantity=20,
    description_html="<p>한우</p>",
    image_urls=("https://img.example/h.jpg",),
    attributes={"notice": {"품목": "농수산물", "원산지": "국내산"}},
)


def now() -> datetime:
    return datetime.now(UTC)


async def collect(adapter: CjmallAdapter) -> list[Any]:
    return [o async for page in adapter.fetch_orders(now() - timedelta(hours=1), now()) for o in page]


async def new_line(admin: AdminCall, product: dict[str, Any]) -> str:
    line: str = (await admin("POST", "/orders", json={"product_id": product["product_id"]}))["order_line_ids"][0]
    return line


def test_requests_are_euc_kr_with_keys_in_the_body() -> None:
    body = request(
        "IF_04_01", "412345", "secret", {"instructionCls": "1", "wbCrtDt": "2026-11-18"}, notice=[{"noticeNm": "품목"}]
    )
    assert body.startswith(b'<?xml version="1.0" encoding="EUC-KR"?><tns:ifRequest xmlns:tns=')
    assert b'tns:ifId="IF_04_01"' in body and b"<tns:vendorCertKey>secret</tns:vendorCertKey>" in body
    assert "품목".encode("euc-kr") in body


async def test_collect_dispatch_second_refused_and_states(
    adapter: CjmallAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    line = await new_line(admin, product)
    order = (await collect(adapter))[0]
    assert (order.order_line_id, order.status, order.product_name) == (line, OrderStatus.NEW, "한우 선물세트")
    acked = await adapter.acknowledge([line, "20261118999999:001:001:001"])  # no 발주확인 call: looked up
    assert acked.succeeded == [line] and acked.failed["20261118999999:001:001:001"].code == "NOT_FOUND"
    assert (await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "612345678901", now())])).succeeded == [line]
    again = await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "612345678902", now())])
    assert again.failed[line].code == "E-0402"
    state = (await adapter.get_order_states([line]))[line]
    assert (state.status, state.tracking_number, state.courier_code) == (
        OrderStatus.DISPATCHED,
        "612345678901",
        "CJ_LOGISTICS",
    )
    assert (await admin("GET", "/dispatches"))["duplicates"] == []


async def test_cancelled_instructions_and_cs_claims(
    adapter: CjmallAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    line = await new_line(admin, product)
    await admin("POST", "/claims", json={"order_line_id": line, "kind": "cancel"})
    assert [o.status for o in await collect(adapter)] == [OrderStatus.CANCELLED]
    claims = [c async for page in adapter.fetch_claims(now() - timedelta(hours=1), now()) for c in page]
    assert [(c.order_line_id, c.claim_type, c.status.value) for c in claims] == [(line, ClaimType.CANCEL, "completed")]


async def test_listing_operations(adapter: CjmallAdapter, admin: AdminCall) -> None:
    published = await adapter.publish_listing(LISTING)
    stored = next(p for p in await admin("GET", "/products") if p["product_id"] == published.market_product_id)
    assert stored["notice"] == {"품목": "농수산물", "원산지": "국내산"} and stored["name"] == "한우 선물세트 1++"
    await adapter.update_listing(published.market_product_id, LISTING)
    await adapter.update_price_stock(PriceStockUpdate(published.market_product_id, sale_price=140000, stock_quantity=3))
    await adapter.end_sale(published.market_product_id)
    imported = [i async for page in adapter.import_listings() for i in page]
    row = next(i for i in imported if i.market_product_id == published.market_product_id)
    assert (row.sale_price, row.stock_quantity, row.status.value) == (140000, 3, "suspended")
    assert any(c.full_name == "리빙>주방" for c in await adapter.fetch_categories())


async def test_unsupported_operations(adapter: CjmallAdapter) -> None:
    with pytest.raises(UnsupportedOperation, match="판매취소"):
        await adapter.cancel_by_seller([SellerCancel("1:1:1:1", SellerCancelReason.SOLD_OUT)])
    with pytest.raises(UnsupportedOperation):
        await adapter.decide_claim(ClaimDecision("1:1:1:1", ClaimType.RETURN, ClaimAction.APPROVE))
    with pytest.raises(UnsupportedOperation):
        adapter.fetch_inquiries(now(), now())
    with pytest.raises(UnsupportedOperation):
        await adapter.answer_inquiry(InquiryAnswer("1", InquiryKind.PRODUCT_QNA, "x"))
    priced = Listing(
        **{
            **{n: getattr(LISTING, n) for n in Listing.__slots__},
            "options": (ListingOption(("1kg",), 1, price_delta=10000),),
        }
    )
    with pytest.raises(UnsupportedOperation, match="OPT-1"):
        await adapter.publish_listing(priced)
    with pytest.raises(PermanentMarketplaceError, match="CVSNET"):
        await adapter.dispatch([DispatchItem("1:1:1:1", "CVSNET", "1", now())])


async def test_wrong_key_is_authentication_rejected(sandbox_url: str, seller: dict[str, Any]) -> None:
    wrong = {**seller, "credentials": {**seller["credentials"], "vendor_cert_key": "bad"}}
    async with make_adapter(sandbox_url, wrong) as cj:
        with pytest.raises(AuthenticationRejected) as caught:
            await collect(cj)
    assert caught.value.code == "E-0001"


@pytest.mark.parametrize(("kind", "status"), [("http_429", 429), ("http_500", 500), ("http_503", 503)])
async def test_http_faults_are_transient(adapter: CjmallAdapter, admin: AdminCall, kind: str, status: int) -> None:
    await admin("POST", "/faults", json={"path_pattern": "IFPA", "kind": kind, "count": 1})
    with pytest.raises(TransientMarketplaceError) as caught:
        await collect(adapter)
    assert caught.value.status == status


async def test_malformed_write_and_timeout(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall, product: dict[str, Any]
) -> None:
    line = await new_line(admin, product)
    await admin("POST", "/faults", json={"path_pattern": "IFPA", "kind": "malformed", "phase": "after", "count": 1})
    async with make_adapter(sandbox_url, seller, timeout=httpx.Timeout(0.5)) as cj:
        with pytest.raises(TransientMarketplaceError) as caught:
            await cj.dispatch([DispatchItem(line, "HANJIN", "412345678901", now())])
        assert caught.value.outcome_unknown
        assert (await cj.get_order_states([line]))[line].tracking_number == "412345678901"
        await admin("POST", "/faults", json={"path_pattern": "IFPA", "kind": "timeout", "latency_ms": 2000, "count": 1})
        with pytest.raises(TransientMarketplaceError, match="timed out"):
            await collect(cj)


async def test_dialect_error_envelope_is_permanent(adapter: CjmallAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.end_sale("99999999")
    assert caught.value.code == "E-0401"


async def test_factory_and_driver(sandbox_url: str) -> None:
    assert CREDENTIAL_FIELDS == ("vendor_id", "vendor_cert_key")
    async with httpx.AsyncClient(base_url=sandbox_url) as client:
        driver = Driver(client)
        seller = await driver.create_seller()
        config = AdapterConfig("cjmall", "acc-3", seller["seller_id"], seller, f"{sandbox_url}/cjmall/external", 50, 5)
        async with build(config) as adapter:
            product = await adapter.publish_listing(LISTING)
            line = await driver.create_order(seller, product.market_product_id)
            await adapter.dispatch([DispatchItem(line, "LOGEN", "31234567890", now())])
            assert await driver.dispatches(seller) == [
                {"order_line_id": line, "courier_code": "70", "tracking_number": "31234567890"}
            ]
            await driver.revoke_credentials(seller)
            with pytest.raises(AuthenticationRejected):
                await adapter.fetch_categories()
