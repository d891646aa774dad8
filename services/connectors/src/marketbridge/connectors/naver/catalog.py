"""Listing operations of the Naver adapter: register, update, price/stock, categories, import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.naver.http import MARKETPLACE, NaverHttp
from marketbridge.connectors.naver.listings import parse_categories, parse_search_page, product_body
from marketbridge.connectors.ports import (
    Category,
    ImportedListing,
    Listing,
    OptionStock,
    PriceStockUpdate,
    PublishResult,
)

ORIGIN = "/v2/products/origin-products"
SEARCH_PAGE = 100


def _published(body: Any) -> PublishResult:
    channel = body.get("smartstoreChannelProductNo")
    extra = {"windowChannelProductNo": str(body["windowChannelProductNo"])} if body.get("windowChannelProductNo") else {}
    return PublishResult(market_product_id=str(body["originProductNo"]),
                         channel_product_id=str(channel) if channel else None, extra=extra)


async def publish(http: NaverHttp, listing: Listing) -> PublishResult:
    return _published(await http.call("POST", "/v2/products", "publish_listing", json=product_body(listing),
                                      idempotent=False))


async def update(http: NaverHttp, market_product_id: str, listing: Listing) -> PublishResult:
    body = await http.call("PUT", f"{ORIGIN}/{market_product_id}", "update_listing", json=product_body(listing),
                           idempotent=True)
    return _published(body)


def _match(combo: dict[str, Any], wanted: OptionStock) -> bool:
    if wanted.market_option_id is not None:
        return str(combo.get("id")) == wanted.market_option_id
    if wanted.seller_option_code is not None:
        return combo.get("sellerManagerCode") == wanted.seller_option_code
    names = tuple(str(combo.get(f"optionName{i}") or "") for i in range(1, len(wanted.values) + 1))
    return bool(wanted.values) and names == wanted.values


def _option_changes(combos: list[dict[str, Any]], update: PriceStockUpdate) -> list[dict[str, Any]]:
    changed = [{"id": c["id"], "stockQuantity": c.get("stockQuantity", 0), "price": c.get("price", 0),
                "usable": c.get("usable", True)} for c in combos]
    for wanted in update.options:
        hits = [row for row, combo in zip(changed, combos, strict=True) if _match(combo, wanted)]
        if not hits:
            raise PermanentMarketplaceError(MARKETPLACE, "OPTION_NOT_FOUND",
                                            f"네이버 상품에서 옵션을 찾을 수 없습니다: {wanted}",
                                            operation="update_price_stock")
        for row in hits:
            row["stockQuantity"] = wanted.stock_quantity
            if wanted.price_delta is not None:
                row["price"] = wanted.price_delta
    return changed


async def update_price_stock(http: NaverHttp, update: PriceStockUpdate) -> None:
    path = f"{ORIGIN}/{update.market_product_id}"
    current = await http.call("GET", path, "update_price_stock")
    origin: dict[str, Any] = current["originProduct"]
    combos = ((origin.get("detailAttribute") or {}).get("optionInfo") or {}).get("optionCombinations") or []
    if combos:
        if update.stock_quantity is not None and not update.options:
            raise PermanentMarketplaceError(MARKETPLACE, "OPTION_STOCK_REQUIRED",
                                            "옵션 상품은 옵션별 재고를 지정해야 합니다.", operation="update_price_stock")
        body: dict[str, Any] = {"optionInfo": {"optionCombinations": _option_changes(combos, update),
                                               "useStockManagement": True}}
        if update.sale_price is not None:
            body["productSalePrice"] = {"salePrice": update.sale_price}
        await http.call("PUT", f"/v1/products/origin-products/{update.market_product_id}/option-stock",
                        "update_price_stock", json=body, idempotent=True)
        return
    if update.sale_price is not None:
        origin["salePrice"] = update.sale_price
    if update.stock_quantity is not None:
        origin["stockQuantity"] = update.stock_quantity
    if origin.get("statusType") not in ("SALE", "SUSPENSION"):
        origin["statusType"] = "SALE"
    body = {"originProduct": origin, "smartstoreChannelProduct": current.get("smartstoreChannelProduct") or {}}
    await http.call("PUT", path, "update_price_stock", json=body, idempotent=True)


async def categories(http: NaverHttp) -> list[Category]:
    rows = await http.call("GET", "/v1/categories", "fetch_categories", params={"last": "false"})
    return parse_categories(list(rows or ()))


async def import_listings(http: NaverHttp, **search: Any) -> AsyncIterator[list[ImportedListing]]:
    """Every own product, page by page; `search` narrows it (e.g. searchKeywordType SELLER_CODE)."""
    page = 1
    while True:
        body = await http.call("POST", "/v1/products/search", "import_listings", idempotent=True,
                               json={**search, "page": page, "size": SEARCH_PAGE, "orderType": "NO"})
        rows = parse_search_page(body)
        if rows:
            yield rows
        if body.get("last", True) or not body.get("contents"):
            return
        page += 1
