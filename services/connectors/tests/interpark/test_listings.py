from __future__ import annotations

from typing import Any

import httpx
import pytest
from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.interpark import InterparkAdapter, MountedProductFeed
from marketbridge.connectors.ports import Listing, ListingOption, OptionStock, PriceStockUpdate

from .conftest import AdminCall, credentials, make_adapter


def listing(**extra: Any) -> Listing:
    values: dict[str, Any] = {
        "seller_product_code": "TEA-01",
        "name": "제주 유기농 녹차 티백 50입",
        "category_id": "002001",
        "sale_price": 12900,
        "stock_quantity": 40,
        "description_html": "<p>제주 햇차</p>",
        "image_urls": ("https://img.example.com/tea.jpg",),
        "option_group_names": ("용량",),
        "options": (
            ListingOption(("50입",), 20, seller_option_code="T50"),
            ListingOption(("100입",), 20, price_delta=9000, seller_option_code="T100"),
        ),
    }
    values.update(extra)
    return Listing(**values)


async def test_publish_serves_the_feed_that_interpark_pulls(adapter: InterparkAdapter, admin: AdminCall) -> None:
    result = await adapter.publish_listing(listing())
    body = await admin("GET", "/products")
    [stored] = body["products"]
    assert result.market_product_id == str(stored["prdNo"]) and stored["name"] == "제주 유기농 녹차 티백 50입"
    assert [(o["value"], o["price"]) for o in stored["options"]] == [("50입", 0), ("100입", 9000)]
    [url] = body["fetched_urls"]
    assert url.startswith("http://127.0.0.1:") and "/interpark/feed/" in url
    async with httpx.AsyncClient() as client:
        assert (await client.get(url)).status_code == 404  # withdrawn once the call is over


async def test_update_price_stock_and_end_sale(adapter: InterparkAdapter, admin: AdminCall) -> None:
    prd_no = (await adapter.publish_listing(listing())).market_product_id
    await adapter.update_listing(prd_no, listing(name="제주 녹차 티백 (리뉴얼)"))
    await adapter.update_price_stock(
        PriceStockUpdate(
            prd_no,
            sale_price=11900,
            options=(OptionStock(5, seller_option_code="T50"), OptionStock(0, values=("100입",))),
        )
    )
    [stored] = (await admin("GET", "/products"))["products"]
    assert stored["price"] == 11900 and [o["qty"] for o in stored["options"]] == [5, 0]
    assert (
        stored["name"] == "제주 녹차 티백 (리뉴얼)" and stored["writes"] == 3
    )  # the price went through UpdateProductAPIData too
    await adapter.end_sale(prd_no)
    assert (await admin("GET", "/products"))["products"][0]["status"] == "03"


async def test_refusals_keep_interparks_code_and_message(adapter: InterparkAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.publish_listing(listing(category_id="999"))
    assert caught.value.code == "401" and "카테고리" in caught.value.message
    with pytest.raises(PermanentMarketplaceError) as missing:
        await adapter.end_sale("123")
    assert missing.value.code == "402"


async def test_an_unreachable_feed_is_a_permanent_refusal(sandbox_url: str, supplier: dict[str, Any]) -> None:
    feed = MountedProductFeed("http://127.0.0.1:9/interpark/feed")
    async with make_adapter(sandbox_url, credentials(supplier), feed=feed) as ip:
        with pytest.raises(PermanentMarketplaceError) as caught:
            await ip.publish_listing(listing())
    assert caught.value.code == "400"


async def test_categories_and_unsupported_listing_import(adapter: InterparkAdapter) -> None:
    categories = {c.id: c for c in await adapter.fetch_categories()}
    assert categories["001002001"].full_name == "패션의류>남성의류>셔츠" and categories["001002001"].is_leaf
    with pytest.raises(UnsupportedOperation):
        adapter.import_listings()
