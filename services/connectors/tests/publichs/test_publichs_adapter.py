"""The 공영홈쇼핑 adapter — (modelled) dialect, our invention: every operation, error mapping, 종합몰 rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
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
from marketbridge.connectors.publichs import PublicHsAdapter
from marketbridge.connectors.publichs.factory import CREDENTIAL_FIELDS, build
from marketbridge.connectors.registry import AdapterConfig
from marketbridge.sandbox.publichs.driver import Driver

from .conftest import AdminCall, make_adapter

LISTING = Listing(
    seller_product_code="MAND-5",
    name="제주 감귤 5kg",
    category_id="0101",
    sale_price=25000,
    stock_quantity=100,
    description_html="<p>감귤</p>",
    image_urls=("https://img.example/m.jpg",),
    attributes={"notice": {"품목": "농산물", "생산자": "제주 농가"}},
)


def now() -> datetime:
    return datetime.now(UTC)


async def collect(adapter: PublicHsAdapter) -> list[Any]:
    return [o async for page in adapter.fetch_orders(now() - timedelta(hours=1), now()) for o in page]


async def new_line(admin: AdminCall, product: dict[str, Any]) -> str:
    line: str = (await admin("POST", "/orders", json={"product_id": product["product_id"]}))["order_line_ids"][0]
    return line


async def test_collect_acknowledge_dispatch_states(
    adapter: PublicHsAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    line = await new_line(admin, product)
    order = (await collect(adapter))[0]
    assert (order.order_line_id, order.status, order.unit_price) == (line, OrderStatus.NEW, 25000)
    assert (await adapter.acknowledge([line])).succeeded == [line]
    assert (await adapter.dispatch([DispatchItem(line, "EPOST", "6012345678901", now())])).succeeded == [line]
    again = await adapter.dispatch([DispatchItem(line, "EPOST", "6012345678902", now())])
    assert again.failed[line].code == "4002"
    state = (await adapter.get_order_states([line]))[line]
    assert (state.status, state.tracking_number, state.courier_code, state.acknowledged) == (
        OrderStatus.DISPATCHED,
        "6012345678901",
        "EPOST",
        True,
    )


async def test_listing_operations(adapter: PublicHsAdapter, admin: AdminCall) -> None:
    published = await adapter.publish_listing(LISTING)
    stored = next(p for p in await admin("GET", "/products") if p["product_id"] == published.market_product_id)
    assert stored["notice"] == {"품목": "농산물", "생산자": "제주 농가"}
    await adapter.update_listing(published.market_product_id, LISTING)
    await adapter.update_price_stock(PriceStockUpdate(published.market_product_id, sale_price=23000, stock_quantity=8))
    await adapter.end_sale(published.market_product_id)
    imported = [i async for page in adapter.import_listings() for i in page]
    row = next(i for i in imported if i.market_product_id == published.market_product_id)
    assert (row.sale_price, row.stock_quantity, row.status.value) == (23000, 8, "suspended")
    assert any(c.full_name == "농수산>과일" for c in await adapter.fetch_categories())


async def test_claims_and_qna(adapter: PublicHsAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    line = await new_line(admin, product)
    await admin("POST", "/claims", json={"order_line_id": line, "kind": "cancel"})
    claims = [c async for page in adapter.fetch_claims(now() - timedelta(hours=1), now()) for c in page]
    assert [(c.order_line_id, c.claim_type) for c in claims] == [(line, ClaimType.CANCEL)]
    inquiry = (await admin("POST", "/inquiries", json={"product_id": product["product_id"]}))["inquiry_id"]
    found = [q async for page in adapter.fetch_inquiries(now() - timedelta(hours=1), now()) for q in page]
    assert [q.inquiry_id for q in found] == [inquiry]
    await adapter.answer_inquiry(InquiryAnswer(inquiry, InquiryKind.PRODUCT_QNA, "오늘 발송합니다."))
    assert (await admin("GET", f"/inquiries/{inquiry}"))["answer"] == "오늘 발송합니다."


async def test_unsupported_operations(adapter: PublicHsAdapter) -> None:
    with pytest.raises(UnsupportedOperation, match="판매취소"):
        await adapter.cancel_by_seller([SellerCancel("1:1", SellerCancelReason.SOLD_OUT)])
    with pytest.raises(UnsupportedOperation):
        await adapter.decide_claim(ClaimDecision("1:1", ClaimType.RETURN, ClaimAction.APPROVE))
    with pytest.raises(UnsupportedOperation):
        adapter.fetch_notices(now(), now())
    priced = Listing(
        **{
            **{n: getattr(LISTING, n) for n in Listing.__slots__},
            "options": (ListingOption(("10kg",), 1, price_delta=20000),),
        }
    )
    with pytest.raises(UnsupportedOperation, match="OPT-1"):
        await adapter.publish_listing(priced)
    with pytest.raises(PermanentMarketplaceError, match="UPS"):
        await adapter.dispatch([DispatchItem("1:1", "UPS", "1Z999", now())])


async def test_wrong_key_is_authentication_rejected(sandbox_url: str, seller: dict[str, Any]) -> None:
    wrong = {**seller, "credentials": {**seller["credentials"], "api_key": "bad"}}
    async with make_adapter(sandbox_url, wrong) as ph:
        with pytest.raises(AuthenticationRejected):
            await collect(ph)


@pytest.mark.parametrize(("kind", "status"), [("http_429", 429), ("http_500", 500), ("http_503", 503)])
async def test_http_faults_are_transient(adapter: PublicHsAdapter, admin: AdminCall, kind: str, status: int) -> None:
    await admin("POST", "/faults", json={"path_pattern": "supplier", "kind": kind, "count": 1})
    with pytest.raises(TransientMarketplaceError) as caught:
        await collect(adapter)
    assert caught.value.status == status


async def test_malformed_write_and_timeout(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall, product: dict[str, Any]
) -> None:
    line = await new_line(admin, product)
    await admin("POST", "/faults", json={"path_pattern": "supplier", "kind": "malformed", "phase": "after", "count": 1})
    async with make_adapter(sandbox_url, seller, timeout=httpx.Timeout(0.5)) as ph:
        with pytest.raises(TransientMarketplaceError) as caught:
            await ph.dispatch([DispatchItem(line, "HANJIN", "412345678901", now())])
        assert caught.value.outcome_unknown
        assert (await ph.get_order_states([line]))[line].tracking_number == "412345678901"
        await admin(
            "POST", "/faults", json={"path_pattern": "supplier", "kind": "timeout", "latency_ms": 2000, "count": 1}
        )
        with pytest.raises(TransientMarketplaceError, match="timed out"):
            await collect(ph)


async def test_dialect_error_is_permanent(adapter: PublicHsAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.end_sale("P000000000")
    assert caught.value.code == "4001"


async def test_factory_and_driver(sandbox_url: str) -> None:
    assert CREDENTIAL_FIELDS == ("vendor_cd", "api_key")
    async with httpx.AsyncClient(base_url=sandbox_url) as client:
        driver = Driver(client)
        seller = await driver.create_seller()
        config = AdapterConfig(
            "publichs", "acc-5", seller["seller_id"], seller, f"{sandbox_url}/publichs/external", 50, 5
        )
        async with build(config) as adapter:
            product = await adapter.publish_listing(LISTING)
            line = await driver.create_order(seller, product.market_product_id)
            await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "612345678901", now())])
            assert await driver.dispatches(seller) == [
                {"order_line_id": line, "courier_code": "22", "tracking_number": "612345678901"}
            ]
            await driver.revoke_credentials(seller)
            with pytest.raises(AuthenticationRejected):
                await adapter.fetch_categories()
