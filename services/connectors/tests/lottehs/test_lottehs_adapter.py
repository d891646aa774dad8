"""The 롯데홈쇼핑 adapter: daily session, every operation, error mapping and the 종합몰 rules."""

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
from marketbridge.connectors.homeshopping_common.dates import KST
from marketbridge.connectors.lottehs import LotteHsAdapter
from marketbridge.connectors.lottehs.factory import CREDENTIAL_FIELDS, build
from marketbridge.connectors.lottehs.session import DailySession
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
from marketbridge.sandbox.lottehs.driver import Driver
from marketbridge.sandbox.testing import FakeClock

from .conftest import AdminCall, make_adapter

CERT = "GET /openapi/{operation}.lotte"
LISTING = Listing(
    seller_product_code="DUVET-1",
    name="구스 이불 퀸",
    category_id="5001",
    sale_price=129000,
    stock_quantity=10,
    description_html="<p>구스</p>",
    image_urls=("https://img.example/d.jpg",),
    attributes={"notice": {"품목": "침구류", "제조국": "대한민국"}},
)


def now() -> datetime:
    return datetime.now(UTC)


async def collect(adapter: LotteHsAdapter) -> list[Any]:
    return [o async for page in adapter.fetch_orders(now() - timedelta(hours=1), now()) for o in page]


async def new_line(admin: AdminCall, product: dict[str, Any]) -> str:
    line: str = (await admin("POST", "/orders", json={"product_id": product["product_id"]}))["order_line_ids"][0]
    return line


async def certifications(admin: AdminCall) -> int:
    recent = (await admin("GET", "/calls", params={"recent": 1000}))["recent"]
    return sum(1 for c in recent if "createCertification" in c["path"])


async def test_one_session_serves_the_day(adapter: LotteHsAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    await new_line(admin, product)
    for _ in range(3):
        assert len(await collect(adapter)) == 1
    assert await certifications(admin) == 1


async def test_refused_session_is_certified_again_once(adapter: LotteHsAdapter, admin: AdminCall) -> None:
    await collect(adapter)
    await admin("POST", "/sessions/expire")
    await collect(adapter)
    assert await certifications(admin) == 2


async def test_new_kst_day_certifies_again(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall, clock: FakeClock
) -> None:
    session = DailySession(lambda: datetime.fromtimestamp(clock(), KST))
    async with make_adapter(sandbox_url, seller, session=session) as lotte:
        await collect(lotte)
        clock.advance(86_400)
        await collect(lotte)
    assert await certifications(admin) == 2


async def test_wrong_password_is_authentication_rejected(sandbox_url: str, seller: dict[str, Any]) -> None:
    wrong = {**seller, "credentials": {**seller["credentials"], "password": "nope"}}
    async with make_adapter(sandbox_url, wrong) as lotte:
        with pytest.raises(AuthenticationRejected) as caught:
            await collect(lotte)
    assert caught.value.code == "E1001"


async def test_collect_acknowledge_dispatch_states(
    adapter: LotteHsAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    line = await new_line(admin, product)
    order = (await collect(adapter))[0]
    assert (order.order_line_id, order.status, order.unit_price) == (line, OrderStatus.NEW, 129000)
    assert (await adapter.acknowledge([line])).succeeded == [line]
    assert (await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "612345678901", now())])).succeeded == [line]
    again = await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "612345678902", now())])
    assert again.failed[line].code == "E2003"
    state = (await adapter.get_order_states([line]))[line]
    assert (state.status, state.tracking_number, state.courier_code) == (
        OrderStatus.DISPATCHED,
        "612345678901",
        "CJ_LOGISTICS",
    )
    assert (await admin("GET", "/dispatches"))["duplicates"] == []


async def test_listing_operations(adapter: LotteHsAdapter, admin: AdminCall) -> None:
    published = await adapter.publish_listing(LISTING)
    stored = next(p for p in await admin("GET", "/products") if p["product_id"] == published.market_product_id)
    assert stored["notice"] == {"품목": "침구류", "제조국": "대한민국"}
    await adapter.update_listing(published.market_product_id, LISTING)
    await adapter.update_price_stock(PriceStockUpdate(published.market_product_id, sale_price=119000, stock_quantity=4))
    await adapter.end_sale(published.market_product_id)
    imported = [i async for page in adapter.import_listings() for i in page]
    row = next(i for i in imported if i.market_product_id == published.market_product_id)
    assert (row.sale_price, row.stock_quantity, row.status.value) == (119000, 4, "ended")
    with pytest.raises(UnsupportedOperation):
        await adapter.fetch_categories()


async def test_zonghapmall_rules(adapter: LotteHsAdapter) -> None:
    priced = Listing(
        seller_product_code="X",
        name="X",
        category_id="1",
        sale_price=1000,
        stock_quantity=1,
        description_html="",
        image_urls=(),
        options=(ListingOption(("L",), 1, price_delta=500),),
    )
    with pytest.raises(UnsupportedOperation, match="OPT-1"):
        await adapter.publish_listing(priced)
    with pytest.raises(UnsupportedOperation, match="판매취소"):
        await adapter.cancel_by_seller([SellerCancel("1:1", SellerCancelReason.SOLD_OUT)])
    with pytest.raises(UnsupportedOperation):
        await adapter.decide_claim(ClaimDecision("1:1", ClaimType.CANCEL, ClaimAction.APPROVE))
    with pytest.raises(UnsupportedOperation):
        adapter.fetch_notices(now(), now())
    with pytest.raises(PermanentMarketplaceError, match="DHL"):
        await adapter.dispatch([DispatchItem("1:1", "DHL", "1", now())])


async def test_claims_and_qna(adapter: LotteHsAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    line = await new_line(admin, product)
    await admin("POST", "/claims", json={"order_line_id": line, "kind": "cancel"})
    claims = [c async for page in adapter.fetch_claims(now() - timedelta(hours=1), now()) for c in page]
    assert [(c.order_line_id, c.claim_type) for c in claims] == [(line, ClaimType.CANCEL)]
    inquiry = (await admin("POST", "/inquiries", json={"product_id": product["product_id"]}))["inquiry_id"]
    found = [q async for page in adapter.fetch_inquiries(now() - timedelta(hours=1), now()) for q in page]
    assert [q.inquiry_id for q in found] == [inquiry] and not found[0].answered
    await adapter.answer_inquiry(InquiryAnswer(inquiry, InquiryKind.PRODUCT_QNA, "내일 출고됩니다."))
    assert (await admin("GET", f"/inquiries/{inquiry}"))["answer"] == "내일 출고됩니다."


@pytest.mark.parametrize(("kind", "status"), [("http_429", 429), ("http_500", 500), ("http_503", 503)])
async def test_http_faults_are_transient(adapter: LotteHsAdapter, admin: AdminCall, kind: str, status: int) -> None:
    await admin("POST", "/faults", json={"path_pattern": "searchNewOrd", "kind": kind, "count": 1})
    with pytest.raises(TransientMarketplaceError) as caught:
        await collect(adapter)
    assert caught.value.status == status


async def test_malformed_write_and_timeout(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall, product: dict[str, Any]
) -> None:
    line = await new_line(admin, product)
    await admin(
        "POST", "/faults", json={"path_pattern": "registDeliver", "kind": "malformed", "phase": "after", "count": 1}
    )
    async with make_adapter(sandbox_url, seller, timeout=httpx.Timeout(0.5)) as lotte:
        with pytest.raises(TransientMarketplaceError) as caught:
            await lotte.dispatch([DispatchItem(line, "HANJIN", "412345678901", now())])
        assert caught.value.outcome_unknown
        assert (await lotte.get_order_states([line]))[line].tracking_number == "412345678901"
        await admin(
            "POST", "/faults", json={"path_pattern": "searchNewOrd", "kind": "timeout", "latency_ms": 2000, "count": 1}
        )
        with pytest.raises(TransientMarketplaceError, match="timed out"):
            await collect(lotte)


async def test_dialect_error_is_permanent(adapter: LotteHsAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.end_sale("999")
    assert caught.value.code == "E2001"


async def test_factory_and_driver(sandbox_url: str) -> None:
    assert CREDENTIAL_FIELDS == ("user_id", "password")
    async with httpx.AsyncClient(base_url=sandbox_url) as client:
        driver = Driver(client)
        seller = await driver.create_seller()
        config = AdapterConfig(
            "lottehs", "acc-2", seller["seller_id"], seller, f"{sandbox_url}/lottehs/external", 50, 5
        )
        async with build(config) as adapter:
            product = await adapter.publish_listing(LISTING)
            line = await driver.create_order(seller, product.market_product_id)
            await adapter.dispatch([DispatchItem(line, "LOGEN", "31234567890", now())])
            assert await driver.dispatches(seller) == [
                {"order_line_id": line, "courier_code": "24", "tracking_number": "31234567890"}
            ]
            inquiry = await driver.create_inquiry(seller, product.market_product_id, line)
            await adapter.answer_inquiry(InquiryAnswer(inquiry, InquiryKind.PRODUCT_QNA, "확인했습니다."))
            assert await driver.inquiry_answer(seller, inquiry) == "확인했습니다."
            await driver.revoke_credentials(seller)
            with pytest.raises(AuthenticationRejected):
                _ = [o async for page in adapter.fetch_orders(now() - timedelta(hours=1), now()) for o in page]
