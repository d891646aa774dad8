from __future__ import annotations

from typing import Any

import pytest
from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.naver import NaverAdapter
from marketbridge.connectors.ports import (
    Listing,
    ListingOption,
    ListingStatus,
    OptionStock,
    PriceStockUpdate,
    ShippingPolicy,
)

from .conftest import AdminCall


def listing(**changes: Any) -> Listing:
    base: dict[str, Any] = dict(
        seller_product_code="TEE-100", name="코튼 라운드 티셔츠", category_id="50000804", sale_price=12900,
        stock_quantity=0, description_html="<p>부드러운 면 100%</p>",
        image_urls=("https://shop-phinf.pstatic.net/sandbox/tee.jpg",), option_group_names=("색상", "사이즈"),
        options=(ListingOption(("블랙", "M"), 10, 0, "TEE-100-BK-M"), ListingOption(("블랙", "L"), 5, 1000)),
        brand="마켓브릿지", after_service_phone="1588-0000", after_service_guide="고객센터로 연락 주세요",
        shipping=ShippingPolicy(fee_type="paid", base_fee=3000, courier_code="CJ_LOGISTICS"))
    base.update(changes)
    return Listing(**base)


async def product_of(admin: AdminCall, origin_no: str) -> dict[str, Any]:
    products = await admin("GET", "/products")
    found: dict[str, Any] = next(p for p in products if str(p["originProductNo"]) == origin_no)
    return found


async def test_publish_update_and_end_sale(adapter: NaverAdapter, admin: AdminCall) -> None:
    result = await adapter.publish_listing(listing())
    assert result.market_product_id.isdigit() and result.channel_product_id
    stored = await product_of(admin, result.market_product_id)
    origin = stored["originProduct"]
    assert origin["name"] == "코튼 라운드 티셔츠" and origin["stockQuantity"] == 15
    assert origin["deliveryInfo"]["deliveryCompany"] == "CJGLS"
    assert origin["detailAttribute"]["sellerCodeInfo"]["sellerManagementCode"] == "TEE-100"
    updated = await adapter.update_listing(result.market_product_id, listing(name="코튼 라운드 티셔츠 2종"))
    assert updated.market_product_id == result.market_product_id
    assert (await product_of(admin, result.market_product_id))["originProduct"]["name"] == "코튼 라운드 티셔츠 2종"
    await adapter.end_sale(result.market_product_id)
    await adapter.end_sale(result.market_product_id)  # idempotent
    assert (await product_of(admin, result.market_product_id))["status"] == "SUSPENSION"


async def test_option_stock_and_price(adapter: NaverAdapter, admin: AdminCall) -> None:
    result = await adapter.publish_listing(listing())
    await adapter.update_price_stock(PriceStockUpdate(result.market_product_id, sale_price=13900, options=(
        OptionStock(3, seller_option_code="TEE-100-BK-M"), OptionStock(0, values=("블랙", "L"), price_delta=500))))
    origin = (await product_of(admin, result.market_product_id))["originProduct"]
    combos = origin["detailAttribute"]["optionInfo"]["optionCombinations"]
    assert [(c["stockQuantity"], c["price"]) for c in combos] == [(3, 0), (0, 500)]
    assert origin["salePrice"] == 13900 and origin["stockQuantity"] == 3
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.update_price_stock(PriceStockUpdate(result.market_product_id,
                                                          options=(OptionStock(1, values=("빨강", "S")),)))
    assert caught.value.code == "OPTION_NOT_FOUND"


async def test_price_and_stock_of_a_product_without_options(adapter: NaverAdapter, admin: AdminCall) -> None:
    result = await adapter.publish_listing(listing(options=(), option_group_names=(), stock_quantity=7))
    await adapter.update_price_stock(PriceStockUpdate(result.market_product_id, sale_price=9900, stock_quantity=0))
    stored = await product_of(admin, result.market_product_id)
    assert stored["status"] == "OUTOFSTOCK" and stored["originProduct"]["salePrice"] == 9900
    await adapter.update_price_stock(PriceStockUpdate(result.market_product_id, stock_quantity=4))
    stored = await product_of(admin, result.market_product_id)
    assert stored["status"] == "SALE" and stored["originProduct"]["stockQuantity"] == 4


async def test_categories_are_a_tree(adapter: NaverAdapter) -> None:
    categories = {c.id: c for c in await adapter.fetch_categories()}
    tee = categories["50000804"]
    assert tee.is_leaf and tee.full_name == "패션의류>여성의류>티셔츠"
    assert tee.parent_id == "50000167" and categories["50000167"].parent_id == "50000000"


async def test_import_listings_pages_through_search(adapter: NaverAdapter, admin: AdminCall, seller: Any) -> None:
    for n in range(105):
        await admin("POST", "/products", json={"account_id": seller.account_id, "name": f"기존 상품 {n}",
                                               "seller_management_code": f"OLD-{n}"})
    pages = [page async for page in adapter.import_listings()]
    assert [len(p) for p in pages] == [100, 5]
    first = pages[0][0]
    assert first.status is ListingStatus.ON_SALE and first.seller_product_code == "OLD-0"
    assert first.category_path == "패션의류>여성의류>티셔츠" and first.channel_product_id
