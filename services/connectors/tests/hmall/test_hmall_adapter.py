"""The Hmall adapter: every operation against the emulator, error mapping and the 종합몰 rules."""

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
from marketbridge.connectors.hmall import HmallAdapter
from marketbridge.connectors.hmall.factory import CREDENTIAL_FIELDS, build
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
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.connectors.registry import AdapterConfig
from marketbridge.sandbox.hmall.driver import Driver

from .conftest import AdminCall, make_adapter


def now() -> datetime:
    """Read at use: the module may be imported minutes before a test runs (pytest-xdist)."""
    return datetime.now(UTC)


LISTING = Listing(
    seller_product_code="VAC-1",
    name="무선 진공청소기",
    category_id="1002",
    sale_price=199000,
    stock_quantity=30,
    description_html="<p>설명</p>",
    image_urls=("https://img.example/1.jpg",),
    attributes={"notice": {"품목": "소형전자", "제조자": "샌드박스전자"}},
)


async def collect(adapter: HmallAdapter, start: datetime | None = None, end: datetime | None = None) -> list[Any]:
    start, end = start or now() - timedelta(hours=1), end or now()
    return [o async for page in adapter.fetch_orders(start, end) for o in page]


async def new_lines(admin: AdminCall, product: dict[str, Any], count: int = 1, **extra: Any) -> list[str]:
    body = await admin("POST", "/orders", json={"product_id": product["product_id"], "count": count, **extra})
    ids: list[str] = body["order_line_ids"]
    return ids


async def test_publish_update_price_stock_end_sale_and_import(adapter: HmallAdapter, admin: AdminCall) -> None:
    published = await adapter.publish_listing(LISTING)
    stored = next(p for p in await admin("GET", "/products") if p["product_id"] == published.market_product_id)
    assert stored["notice"] == {"품목": "소형전자", "제조자": "샌드박스전자"}
    await adapter.update_listing(published.market_product_id, LISTING)
    await adapter.update_price_stock(PriceStockUpdate(published.market_product_id, sale_price=189000, stock_quantity=7))
    await adapter.end_sale(published.market_product_id)
    imported = [i async for page in adapter.import_listings() for i in page]
    row = next(i for i in imported if i.market_product_id == published.market_product_id)
    assert (row.sale_price, row.stock_quantity, row.status.value) == (189000, 7, "suspended")
    categories = await adapter.fetch_categories()
    assert any(c.full_name == "생활/주방>주방용품" and c.is_leaf for c in categories)


async def test_default_notice_is_sent_when_the_listing_has_none(adapter: HmallAdapter, admin: AdminCall) -> None:
    published = await adapter.publish_listing(Listing(**{**_fields(LISTING), "attributes": {}}))
    stored = next(p for p in await admin("GET", "/products") if p["product_id"] == published.market_product_id)
    assert stored["notice"]["품명 및 모델명"] == "상세페이지 참조"


def _fields(listing: Listing) -> dict[str, Any]:
    return {name: getattr(listing, name) for name in Listing.__slots__}


async def test_opt_1_and_add_3_are_unsupported(adapter: HmallAdapter) -> None:
    priced = Listing(
        **{
            **_fields(LISTING),
            "option_group_names": ("크기",),
            "options": (ListingOption(("대",), 3, price_delta=1000),),
        }
    )
    with pytest.raises(UnsupportedOperation, match="OPT-1"):
        await adapter.publish_listing(priced)
    with pytest.raises(UnsupportedOperation, match="ADD-3"):
        await adapter.publish_listing(Listing(**{**_fields(LISTING), "attributes": {"add_ons": [{"name": "필터"}]}}))


async def test_ord_cancel_2_seller_cancel_is_unsupported(adapter: HmallAdapter) -> None:
    with pytest.raises(UnsupportedOperation) as caught:
        await adapter.cancel_by_seller([SellerCancel("1:1:1:1", SellerCancelReason.SOLD_OUT)])
    assert "판매취소" in caught.value.reason_ko and "MD" in caught.value.reason_ko


async def test_claim_decisions_inquiries_and_notices_are_unsupported(adapter: HmallAdapter) -> None:
    with pytest.raises(UnsupportedOperation):
        await adapter.decide_claim(ClaimDecision("1:1:1:1", ClaimType.RETURN, ClaimAction.APPROVE))
    with pytest.raises(UnsupportedOperation):
        adapter.fetch_inquiries(now(), now())
    with pytest.raises(UnsupportedOperation):
        await adapter.answer_inquiry(InquiryAnswer("1", InquiryKind.PRODUCT_QNA, "답변"))
    with pytest.raises(UnsupportedOperation):
        adapter.fetch_notices(now(), now())


async def test_collect_acknowledge_dispatch_and_state(
    adapter: HmallAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    line = (await new_lines(admin, product))[0]
    order = next(o for o in await collect(adapter) if o.order_line_id == line)
    assert order.status == OrderStatus.NEW and order.unit_price == 199000 and order.receiver_phone.endswith("****")
    assert (await adapter.acknowledge([line])).succeeded == [line]
    result = await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "612345678901", now())])
    assert result.succeeded == [line]
    again = await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "612345678909", now())])
    assert again.failed[line].code == "E205"
    state = await adapter.get_order_states([line, "20990101000001:1:9990101000001:1"])
    assert list(state) == [line]
    assert state[line].status == OrderStatus.DISPATCHED and state[line].tracking_number == "612345678901"
    assert state[line].courier_code == "CJ_LOGISTICS" and state[line].acknowledged
    assert (await admin("GET", "/dispatches"))["duplicates"] == []


async def test_long_window_is_split_into_kst_days(
    adapter: HmallAdapter, admin: AdminCall, product: dict[str, Any], sandbox_url: str
) -> None:
    for days_ago in (0, 1, 2):
        moment = (now() - timedelta(days=days_ago)).isoformat()
        await new_lines(admin, product, ordered_at=moment)
    orders = await collect(adapter, now() - timedelta(days=2), now())
    assert len(orders) == 3
    calls = await admin("GET", "/calls")
    assert calls["by_path"]["POST /front/{path:path}"]["count"] >= 3


async def test_unmapped_courier_is_permanent_and_names_the_carrier(adapter: HmallAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError, match="DHL"):
        await adapter.dispatch([DispatchItem("1:1:1:1", "DHL", "123", now())])


async def test_cancel_claim_is_collected(adapter: HmallAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    line = (await new_lines(admin, product))[0]
    await admin("POST", "/claims", json={"order_line_id": line, "kind": "cancel"})
    claims = [c async for page in adapter.fetch_claims(now() - timedelta(hours=1), now()) for c in page]
    assert [(c.order_line_id, c.claim_type, c.status.value) for c in claims] == [(line, ClaimType.CANCEL, "completed")]
    order = next(o for o in await collect(adapter) if o.order_line_id == line)
    assert order.status == OrderStatus.CANCELLED


async def test_wrong_key_is_authentication_rejected(sandbox_url: str, seller: dict[str, Any]) -> None:
    wrong = {**seller, "credentials": {**seller["credentials"], "oause_key": "f" * 32}}
    async with make_adapter(sandbox_url, wrong) as hmall:
        with pytest.raises(AuthenticationRejected) as caught:
            await collect(hmall)
    assert caught.value.code == "-100"


@pytest.mark.parametrize(("kind", "status"), [("http_429", 429), ("http_500", 500), ("http_503", 503)])
async def test_http_faults_are_transient(adapter: HmallAdapter, admin: AdminCall, kind: str, status: int) -> None:
    await admin("POST", "/faults", json={"path_pattern": "selectOshp", "kind": kind, "count": 1})
    with pytest.raises(TransientMarketplaceError) as caught:
        await collect(adapter)
    assert caught.value.status == status
    assert (caught.value.retry_after is not None) == (status == 429)


async def test_malformed_and_timeout_are_transient_with_unknown_outcome_for_writes(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall, product: dict[str, Any]
) -> None:
    line = (await new_lines(admin, product))[0]
    await admin(
        "POST", "/faults", json={"path_pattern": "updateOshp", "kind": "malformed", "count": 1, "phase": "after"}
    )
    async with make_adapter(sandbox_url, seller, timeout=httpx.Timeout(0.5)) as hmall:
        with pytest.raises(TransientMarketplaceError) as caught:
            await hmall.dispatch([DispatchItem(line, "LOTTE", "512345678901", now())])
        assert caught.value.outcome_unknown
        state = (await hmall.get_order_states([line]))[line]
        assert state.tracking_number == "512345678901"  # the write was applied: resolved by asking
        await admin(
            "POST", "/faults", json={"path_pattern": "selectOshp", "kind": "timeout", "latency_ms": 2000, "count": 1}
        )
        with pytest.raises(TransientMarketplaceError, match="timed out"):
            await collect(hmall)


async def test_dialect_error_envelope_is_permanent(adapter: HmallAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.end_sale("999999999")
    assert caught.value.code == "-500" and "E101" in caught.value.message


async def test_rate_limit_is_per_account(sandbox_url: str, seller: dict[str, Any], admin: AdminCall) -> None:
    async with make_adapter(sandbox_url, seller, rate_limit=RateLimit(rate=4, burst=1)) as hmall:
        for _ in range(6):
            await hmall.fetch_categories()
    peak = (await admin("GET", "/calls", params={"seller_id": seller["seller_id"]}))["seller_peak_per_second"]
    assert peak <= 5


async def test_factory_and_driver(sandbox_url: str) -> None:
    assert CREDENTIAL_FIELDS == ("oauser_id", "oause_key")
    async with httpx.AsyncClient(base_url=sandbox_url) as client:
        driver = Driver(client)
        seller = await driver.create_seller()
        config = AdapterConfig("hmall", "acc-1", seller["seller_id"], seller, f"{sandbox_url}/hmall/external", 50, 5)
        adapter = build(config)
        async with adapter:
            product = await adapter.publish_listing(LISTING)
            line = await driver.create_order(seller, product.market_product_id)
            await driver.create_orders_bulk(seller, product.market_product_id, 50)
            orders = [o async for page in adapter.fetch_orders(now() - timedelta(hours=1), now()) for o in page]
            assert len(orders) == 51 and adapter.account_id == "acc-1"
            await adapter.dispatch([DispatchItem(line, "HANJIN", "412345678901", now())])
            assert await driver.dispatches(seller) == [
                {"order_line_id": line, "courier_code": "13", "tracking_number": "412345678901"}
            ]
            assert await driver.create_claim(seller, line, "return")
            inquiry = await driver.create_inquiry(seller, product.market_product_id, None)
            assert await driver.inquiry_answer(seller, inquiry) is None
            assert await driver.peak_rate(seller) >= 1
            await driver.inject_fault("selectItem", "http_500")
            with pytest.raises(TransientMarketplaceError):
                _ = [i async for page in adapter.import_listings() for i in page]
            await driver.clear_faults()
            await driver.revoke_credentials(seller)
            with pytest.raises(AuthenticationRejected):
                await adapter.fetch_categories()
