from __future__ import annotations

from typing import Any

import pytest
from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.ports import Listing, ListingOption, ListingStatus, OptionStock, PriceStockUpdate
from marketbridge.connectors.st11 import St11Adapter

from .conftest import AdminCall


def listing(options: int = 2, **extra: Any) -> Listing:
    values: dict[str, Any] = {
        "seller_product_code": "TEE-001",
        "name": "여름 린넨 셔츠 (남성용)",
        "category_id": "10010201",
        "sale_price": 29900,
        "stock_quantity": 10,
        "description_html": "<p>시원한 린넨 100%</p>",
        "image_urls": ("https://img.example.com/a.jpg",),
        "option_group_names": ("색상",),
        "options": tuple(
            ListingOption((f"색상{i}",), 5, price_delta=100 * (i % 3), seller_option_code=f"C{i}")
            for i in range(options)
        ),
        "brand": "무브랜드",
    }
    values.update(extra)
    return Listing(**values)


async def test_publish_sends_euc_kr_product_xml_and_keeps_hangul(adapter: St11Adapter, admin: AdminCall) -> None:
    result = await adapter.publish_listing(listing())
    [stored] = await admin("GET", "/products")
    assert result.market_product_id == str(stored["prdNo"])
    assert stored["name"] == "여름 린넨 셔츠 (남성용)" and "시원한 린넨" in stored["xml"]
    assert [s["name"] for s in stored["stocks"]] == ["색상:색상0", "색상:색상1"]


async def test_opt_7_eleven_street_accepts_99_options_and_refuses_100(adapter: St11Adapter) -> None:
    assert (await adapter.publish_listing(listing(99))).market_product_id
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.publish_listing(listing(100))
    assert caught.value.code == "500" and "100개 이상" in caught.value.message


async def test_invalid_category_is_refused_with_the_marketplace_message(adapter: St11Adapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.publish_listing(listing(category_id="999"))
    assert "카테고리" in caught.value.message


async def test_update_price_stock_and_end_sale(adapter: St11Adapter, admin: AdminCall) -> None:
    prd_no = (await adapter.publish_listing(listing())).market_product_id
    await adapter.update_listing(prd_no, listing(name="여름 린넨 셔츠 v2"))
    await adapter.update_price_stock(
        PriceStockUpdate(
            prd_no,
            sale_price=25900,
            options=(OptionStock(3, values=("색상0",)), OptionStock(0, seller_option_code="C1")),
        )
    )
    [stored] = await admin("GET", "/products")
    assert stored["selPrc"] == 25900 and [s["qty"] for s in stored["stocks"]] == [3, 0]
    assert stored["name"] == "여름 린넨 셔츠 v2" and stored["writes"] == 2
    with pytest.raises(PermanentMarketplaceError):
        await adapter.update_price_stock(PriceStockUpdate(prd_no, options=(OptionStock(1, values=("없음",)),)))
    await adapter.end_sale(prd_no)
    [imported] = [row async for page in adapter.import_listings() for row in page]
    assert imported.status is ListingStatus.SUSPENDED and imported.raw_status == "105"
    assert imported.market_product_id == prd_no and imported.sale_price == 25900


async def test_categories_form_a_tree(adapter: St11Adapter) -> None:
    categories = {c.id: c for c in await adapter.fetch_categories()}
    shirt = categories["10010201"]
    assert shirt.is_leaf and shirt.full_name == "패션의류>남성의류>셔츠" and shirt.parent_id == "100102"
    assert categories["1001"].parent_id is None
