"""The Hmall adapter: what only Hmall does; every operation, error mapping and the 종합몰 rules run as the
shared home-shopping scenarios (../homeshopping.py) with the mall in conftest.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from marketbridge.connectors.errors import TransientMarketplaceError, UnsupportedOperation
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit

from ..homeshopping import Connect, DriverScenarios, HomeShoppingScenarios, collect, new_lines, now
from ..support import AdminCall
from .conftest import HMALL


class TestHmall(HomeShoppingScenarios, DriverScenarios):
    """Every shared scenario against the Hmall emulator; its driver also emulates bulk orders, claims,
    inquiries, peak rates and faults."""

    async def more_driver_checks(
        self, driver: Any, seller: dict[str, str], adapter: MarketplaceAdapter, product_id: str, line: str
    ) -> None:
        await driver.create_orders_bulk(seller, product_id, 50)
        assert len(await collect(adapter)) == 51
        assert await driver.create_claim(seller, line, "return")
        inquiry = await driver.create_inquiry(seller, product_id, None)
        assert await driver.inquiry_answer(seller, inquiry) is None
        assert await driver.peak_rate(seller) >= 1
        await driver.inject_fault("selectItem", "http_500")
        with pytest.raises(TransientMarketplaceError):
            _ = [i async for page in adapter.import_listings() for i in page]
        await driver.clear_faults()


async def test_default_notice_is_sent_when_the_listing_has_none(adapter: MarketplaceAdapter, admin: AdminCall) -> None:
    published = await adapter.publish_listing(replace(HMALL.listing, attributes={}))
    stored = next(p for p in await admin("GET", "/products") if p["product_id"] == published.market_product_id)
    assert stored["notice"]["품명 및 모델명"] == "상세페이지 참조"


async def test_add_3_add_ons_are_unsupported(adapter: MarketplaceAdapter) -> None:
    with pytest.raises(UnsupportedOperation, match="ADD-3"):
        await adapter.publish_listing(replace(HMALL.listing, attributes={"add_ons": [{"name": "필터"}]}))


async def test_long_window_is_split_into_kst_days(
    adapter: MarketplaceAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    for days_ago in (0, 1, 2):
        moment = (now() - timedelta(days=days_ago)).isoformat()
        await new_lines(admin, product, ordered_at=moment)
    orders = await collect(adapter, now() - timedelta(days=2), now())
    assert len(orders) == 3
    calls = await admin("GET", "/calls")
    assert calls["by_path"]["POST /front/{path:path}"]["count"] >= 3


async def test_rate_limit_is_per_account(connect: Connect, seller: dict[str, Any], admin: AdminCall) -> None:
    async with connect(seller, rate_limit=RateLimit(rate=4, burst=1)) as hmall:
        for _ in range(6):
            await hmall.fetch_categories()
    peak = (await admin("GET", "/calls", params={"seller_id": seller["seller_id"]}))["seller_peak_per_second"]
    assert peak <= 5
