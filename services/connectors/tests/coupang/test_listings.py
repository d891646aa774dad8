"""Seller products: publish with options (option surcharge = item price), update, price/stock per
vendor item, stop sale, display categories and import of existing listings."""

from __future__ import annotations

from typing import Any

import pytest
from marketbridge.connectors.coupang import CoupangAdapter
from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.ports import Listing, ListingOption, ListingStatus, OptionStock, PriceStockUpdate

from .conftest import AdminCall


def listing(**extra: Any) -> Listing:
    base: dict[str, Any] = dict(
        seller_product_code="TEE-1",
        name="오버핏 반팔 티셔츠",
        category_id="69183",
        sale_price=19900,
        stock_quantity=0,
        description_html="<p>면 100%</p>",
        image_urls=("https://img.example/1.jpg",),
        option_group_names=("색상",),
        brand="마켓브릿지",
        options=(ListingOption(("블랙",), 10, 0, "TEE-1-BK"), ListingOption(("화이트",), 5, 1000, "TEE-1-WH")),
    )
    base.update(extra)
    return Listing(**base)


async def stored(admin: AdminCall, product_id: str) -> dict[str, Any]:
    rows = await admin("GET", "/products")
    return next(p for p in rows if str(p["sellerProductId"]) == product_id)


async def test_publish_with_option_prices(adapter: CoupangAdapter, admin: AdminCall) -> None:
    result = await adapter.publish_listing(listing())
    product = await stored(admin, result.market_product_id)
    assert product["status"] == "APPROVED" and product["sellerProductName"] == "오버핏 반팔 티셔츠"
    assert [
        (i["itemName"], i["salePrice"], i["maximumBuyCount"], i["externalVendorSku"]) for i in product["items"]
    ] == [("블랙", 19900, 10, "TEE-1-BK"), ("화이트", 20900, 5, "TEE-1-WH")]
    assert product["items"][0]["attributes"] == [{"attributeTypeName": "색상", "attributeValueName": "블랙"}]
    assert product["vendorUserId"] == "wing-user" and product["deliveryCompanyCode"] == "CJGLS"


async def test_publish_refuses_prices_off_ten_won(adapter: CoupangAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.publish_listing(listing(sale_price=19905))
    assert caught.value.code == "ERROR" and "10원" in caught.value.message


async def test_update_keeps_vendor_items(adapter: CoupangAdapter, admin: AdminCall) -> None:
    published = await adapter.publish_listing(listing())
    before = await stored(admin, published.market_product_id)
    await adapter.update_listing(published.market_product_id, listing(name="오버핏 반팔 티셔츠 (2024)"))
    after = await stored(admin, published.market_product_id)
    assert after["sellerProductName"] == "오버핏 반팔 티셔츠 (2024)" and after["writes"] == 2
    assert [i["vendorItemId"] for i in after["items"]] == [i["vendorItemId"] for i in before["items"]]


async def test_price_and_stock_per_option(adapter: CoupangAdapter, admin: AdminCall) -> None:
    product_id = (await adapter.publish_listing(listing())).market_product_id
    await adapter.update_price_stock(
        PriceStockUpdate(
            product_id,
            sale_price=17900,
            options=(OptionStock(3, values=("블랙",)), OptionStock(0, seller_option_code="TEE-1-WH", price_delta=2000)),
        )
    )
    items = (await stored(admin, product_id))["items"]
    assert [(i["salePrice"], i["maximumBuyCount"]) for i in items] == [(17900, 3), (19900, 0)]
    with pytest.raises(PermanentMarketplaceError):
        await adapter.update_price_stock(PriceStockUpdate(product_id, stock_quantity=5))
    with pytest.raises(PermanentMarketplaceError):
        await adapter.update_price_stock(PriceStockUpdate(product_id, options=(OptionStock(1, values=("핑크",)),)))


async def test_single_item_stock_and_end_sale(adapter: CoupangAdapter, admin: AdminCall) -> None:
    product_id = (
        await adapter.publish_listing(listing(options=(), option_group_names=(), stock_quantity=9))
    ).market_product_id
    await adapter.update_price_stock(PriceStockUpdate(product_id, sale_price=15000, stock_quantity=4))
    await adapter.end_sale(product_id)
    [item] = (await stored(admin, product_id))["items"]
    assert (item["salePrice"], item["maximumBuyCount"], item["saleStatus"]) == (15000, 4, "STOP_SALE")


async def test_categories_are_a_flattened_tree(adapter: CoupangAdapter) -> None:
    categories = {c.id: c for c in await adapter.fetch_categories()}
    tee = categories["69183"]
    assert tee.is_leaf and tee.parent_id == "69182" and tee.full_name == "패션의류잡화>여성패션>티셔츠"
    assert not categories["56137"].is_leaf and categories["56137"].parent_id is None


async def test_import_existing_listings(adapter: CoupangAdapter, admin: AdminCall) -> None:
    first = (await adapter.publish_listing(listing())).market_product_id
    for n in range(101):
        await admin("POST", "/products", json={"name": f"기존 상품 {n}", "sale_price": 5000, "stock": 3})
    await adapter.end_sale(first)
    imported = [row async for page in adapter.import_listings() for row in page]
    assert len(imported) == 102
    mine = next(r for r in imported if r.market_product_id == first)
    assert mine.status == ListingStatus.SUSPENDED and mine.sale_price == 19900 and mine.stock_quantity == 15
    other = next(r for r in imported if r.name == "기존 상품 0")
    assert other.status == ListingStatus.ON_SALE and other.raw_status == "APPROVED" and other.category_id == "69183"
