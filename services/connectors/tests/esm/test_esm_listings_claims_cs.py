"""Listings (CAT-MFR-2), claims (decisions, SiteType 3), CS board with tokens, and 긴급알리미 notices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.esm import EsmAdapter
from marketbridge.connectors.ports import (
    ClaimAction,
    ClaimDecision,
    ClaimStatus,
    ClaimType,
    DispatchItem,
    InquiryAnswer,
    InquiryKind,
    Listing,
    ListingOption,
    ListingStatus,
    OptionStock,
    PriceStockUpdate,
)
from marketbridge.sandbox.testing import FakeClock

from .conftest import AdminCall, make_adapter, place


def now(clock: FakeClock) -> datetime:
    return datetime.fromtimestamp(clock(), UTC)


def listing(category: str = "200000101", **extra: Any) -> Listing:
    base: dict[str, Any] = {
        "seller_product_code": "TS-9",
        "name": "오버핏 티셔츠",
        "category_id": category,
        "sale_price": 19900,
        "stock_quantity": 50,
        "description_html": "<p>면 100%</p>",
        "image_urls": ("https://img.example/1.jpg",),
        "brand": "에어맥스",
        "manufacturer": "나이키",
    }
    base.update(extra)
    return Listing(**base)


async def stored(admin: AdminCall, goods_no: str) -> dict[str, Any]:
    rows = await admin("GET", "/goods")
    body: dict[str, Any] = next(r for r in rows if str(r["goodsNo"]) == goods_no)
    return body


async def test_cat_mfr_2_gmarket_shows_manufacturer_as_other_and_hides_the_brand(
    gmarket: EsmAdapter, auction: EsmAdapter, admin: AdminCall
) -> None:
    published = await gmarket.publish_listing(listing())
    extra = (await stored(admin, published.market_product_id))["body"]["itemAddtionalInfo"]
    assert extra["manufacturer"] == "기타" and "brand" not in extra and published.channel_product_id
    on_auction = await auction.publish_listing(listing(category="01010000"))
    extra = (await stored(admin, on_auction.market_product_id))["body"]["itemAddtionalInfo"]
    assert extra["manufacturer"] == "나이키" and extra["brand"] == "에어맥스"


async def test_update_price_stock_end_sale_and_import(gmarket: EsmAdapter, admin: AdminCall) -> None:
    options = (ListingOption(("블랙",), 5, 0, "TS-9-BK"), ListingOption(("화이트",), 5, 1000, "TS-9-WH"))
    published = await gmarket.publish_listing(listing(option_group_names=("색상",), options=options))
    goods_no = published.market_product_id
    await gmarket.update_listing(goods_no, listing(name="오버핏 티셔츠 2"))
    await gmarket.update_price_stock(PriceStockUpdate(goods_no, sale_price=18900, stock_quantity=7))
    row = await stored(admin, goods_no)
    assert row["price"]["G"] == 18900 and row["stock"]["G"] == 7 and row["writes"] == 3
    await gmarket.update_listing(goods_no, listing(option_group_names=("색상",), options=options))
    await gmarket.update_price_stock(
        PriceStockUpdate(goods_no, options=(OptionStock(3, seller_option_code="TS-9-WH"),))
    )
    details = (await stored(admin, goods_no))["body"]["itemAddtionalInfo"]["recommendedOpts"]["combination"]["details"]
    assert [d["stock"] for d in details] == [5, 3]
    with pytest.raises(PermanentMarketplaceError):
        await gmarket.update_price_stock(PriceStockUpdate(goods_no, options=(OptionStock(1, values=("빨강",)),)))
    await gmarket.end_sale(goods_no)
    imported = [i async for page in gmarket.import_listings() for i in page]
    assert [(i.market_product_id, i.status) for i in imported] == [(goods_no, ListingStatus.SUSPENDED)]


async def test_publish_errors_keep_the_result_code(gmarket: EsmAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await gmarket.publish_listing(listing(sale_price=5))
    assert caught.value.code == "2000"


async def test_categories_are_flattened(gmarket: EsmAdapter, auction: EsmAdapter) -> None:
    categories = await gmarket.fetch_categories()
    leaf = next(c for c in categories if c.id == "200000101")
    assert leaf.is_leaf and leaf.parent_id == "100000001" and leaf.full_name == "패션의류>여성 티셔츠"
    assert any(c.id == "01010000" for c in await auction.fetch_categories())


async def test_cancel_claims_use_site_type_3_and_can_be_approved(
    gmarket: EsmAdapter, admin: AdminCall, goods: dict[str, Any], clock: FakeClock
) -> None:
    ids = await place(admin, goods, 1)
    await admin("POST", "/claims", json={"order_no": int(ids[0]), "kind": "cancel"})
    claims = [c async for page in gmarket.fetch_claims(now(clock) - timedelta(days=10), now(clock)) for c in page]
    assert [(c.claim_id, c.claim_type, c.status) for c in claims] == [
        (f"{ids[0]}-cancel", ClaimType.CANCEL, ClaimStatus.REQUESTED)
    ]
    body = await admin("GET", "/calls", params={"recent": 200})
    assert body["by_path"]["POST /claim/v1/sa/Cancels"]["count"] == 2  # 10 days -> two 6-day slices
    await gmarket.decide_claim(ClaimDecision(ids[0], ClaimType.CANCEL, ClaimAction.APPROVE))
    assert (await admin("GET", f"/orders/{ids[0]}"))["claim"]["status"] == 3
    with pytest.raises(UnsupportedOperation):
        await gmarket.decide_claim(ClaimDecision(ids[0], ClaimType.CANCEL, ClaimAction.REJECT))


async def test_returns_and_exchanges_on_auction(
    auction: EsmAdapter, admin: AdminCall, goods: dict[str, Any], clock: FakeClock
) -> None:
    ids = await place(admin, goods, 2, site="A")
    for order_no in ids:
        await auction.dispatch([DispatchItem(order_no, "LOGEN", "12345678901", now(clock))])
    await admin("POST", "/claims", json={"order_no": int(ids[0]), "kind": "return"})
    await admin("POST", "/claims", json={"order_no": int(ids[1]), "kind": "exchange"})
    claims = [c async for page in auction.fetch_claims(now(clock) - timedelta(days=1), now(clock)) for c in page]
    assert {(c.order_line_id, c.claim_type) for c in claims} == {
        (ids[0], ClaimType.RETURN),
        (ids[1], ClaimType.EXCHANGE),
    }
    await auction.decide_claim(
        ClaimDecision(ids[0], ClaimType.RETURN, ClaimAction.HOLD, reason="검수 중", hold_reason_code="0")
    )
    await auction.decide_claim(ClaimDecision(ids[0], ClaimType.RETURN, ClaimAction.RELEASE_HOLD))
    await auction.decide_claim(ClaimDecision(ids[0], ClaimType.RETURN, ClaimAction.COLLECT_DONE))
    await auction.decide_claim(ClaimDecision(ids[0], ClaimType.RETURN, ClaimAction.APPROVE))
    await auction.decide_claim(ClaimDecision(ids[1], ClaimType.EXCHANGE, ClaimAction.COLLECT_DONE))
    await auction.decide_claim(
        ClaimDecision(
            ids[1],
            ClaimType.EXCHANGE,
            ClaimAction.REDELIVER,
            courier_code="CJ_LOGISTICS",
            tracking_number="777788889999",
        )
    )
    states = await auction.get_order_states(ids)
    assert states[ids[0]].claim_type == ClaimType.RETURN and states[ids[0]].raw_claim_status == "4"
    assert states[ids[1]].raw_claim_status == "4"
    with pytest.raises(PermanentMarketplaceError) as caught:
        await auction.decide_claim(ClaimDecision(ids[1], ClaimType.EXCHANGE, ClaimAction.HOLD))
    assert caught.value.code == "8668"
    with pytest.raises(UnsupportedOperation):
        await auction.decide_claim(ClaimDecision(ids[0], ClaimType.RETURN, ClaimAction.REJECT))


async def test_inquiries_are_answered_with_their_token(
    sandbox_url: str,
    seller: dict[str, Any],
    gmarket: EsmAdapter,
    admin: AdminCall,
    goods: dict[str, Any],
    clock: FakeClock,
) -> None:
    ids = await place(admin, goods)
    created = await admin("POST", "/messages", json={"order_no": int(ids[0])})
    await admin("POST", "/messages", json={"goods_no": goods["goodsNo"]})
    found = [i async for page in gmarket.fetch_inquiries(now(clock) - timedelta(days=1), now(clock)) for i in page]
    assert [i.kind for i in found] == [InquiryKind.ORDER_INQUIRY, InquiryKind.PRODUCT_QNA]
    assert found[0].order_line_ids == (ids[0],) and not found[0].answered
    await gmarket.answer_inquiry(InquiryAnswer(found[0].inquiry_id, found[0].kind, "오늘 발송됩니다."))
    assert (await admin("GET", f"/messages/{created['ids'][0]}"))["AnswerComments"] == "오늘 발송됩니다."
    async with make_adapter(sandbox_url, seller, clock) as fresh:  # no token cached: looked up again
        await fresh.answer_inquiry(InquiryAnswer(found[1].inquiry_id, found[1].kind, "재입고 예정입니다."))
        with pytest.raises(PermanentMarketplaceError):
            await fresh.answer_inquiry(InquiryAnswer("424242", InquiryKind.PRODUCT_QNA, "?"))


async def test_emergency_notices_are_fetched(
    gmarket: EsmAdapter, auction: EsmAdapter, admin: AdminCall, clock: FakeClock
) -> None:
    await admin("POST", "/notices", json={"site": "G", "count": 2})
    await admin("POST", "/notices", json={"site": "A"})
    window = (now(clock) - timedelta(days=1), now(clock))
    notices = [n async for page in gmarket.fetch_notices(*window) for n in page]
    assert len(notices) == 2 and all(n.urgent and not n.answered for n in notices)
    assert len([n async for page in auction.fetch_notices(*window) for n in page]) == 1
