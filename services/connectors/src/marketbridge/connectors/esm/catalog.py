"""Goods (ESM 2.0) for one site: register, modify, price/stock, end sale, categories, import.

CAT-MFR-2: G마켓 shows the manufacturer as `기타` and hides the brand, so the G마켓 payload sends
manufacturer `기타` and no brand. (modelled): the option block `recommendedOpts.combination` and the
search answer shape (the public record names `recommendedOpts{type}` and the search request only).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.esm.couriers import to_esm
from marketbridge.connectors.esm.http import EsmHttp
from marketbridge.connectors.ports import (
    Category,
    ImportedListing,
    Listing,
    ListingStatus,
    OptionStock,
    PriceStockUpdate,
    PublishResult,
)
from marketbridge.connectors.ratelimit import RateLimiter

ITEM = "/item/v1"
KEY = {"G": "gmkt", "A": "iac"}
PRICE_KEY = {"G": "Gmkt", "A": "Iac"}
SELL_STATUS = {
    11: ListingStatus.ON_SALE,
    21: ListingStatus.SUSPENDED,
    22: ListingStatus.ENDED,
    31: ListingStatus.OUT_OF_STOCK,
}
SEARCH_PAGE = 100


def deep_merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(base.get(key), dict) and isinstance(value, Mapping):
            deep_merge(base[key], value)
        else:
            base[key] = value
    return base


def _options(listing: Listing) -> dict[str, Any]:
    if not listing.options:
        return {"type": 0}
    return {
        "type": 2,
        "combination": {
            "names": list(listing.option_group_names),
            "details": [
                {
                    "values": list(o.values),
                    "addPrice": o.price_delta,
                    "stock": o.stock_quantity,
                    "manageCode": o.seller_option_code,
                    "isSell": o.usable,
                }
                for o in listing.options
            ],
        },
    }


def goods_body(listing: Listing, site: str) -> dict[str, Any]:
    stock = sum(o.stock_quantity for o in listing.options) if listing.options else listing.stock_quantity
    extra: dict[str, Any] = {
        "price": {PRICE_KEY[site]: listing.sale_price},
        "stock": {PRICE_KEY[site]: stock},
        "managedCode": listing.seller_product_code,
        "shipping": {
            "type": 1,
            "companyNo": to_esm(listing.shipping.courier_code or "CJ_LOGISTICS") or 10013,
            "policy": {"placeNo": 0},
            "fee": {
                "type": listing.shipping.fee_type,
                "baseFee": listing.shipping.base_fee,
                "freeIfOver": listing.shipping.free_if_over,
            },
            "returnFee": listing.shipping.return_fee,
            "exchangeFee": listing.shipping.exchange_fee,
        },
        "images": {
            "basicImgURL": listing.image_urls[0] if listing.image_urls else "",
            "addImgURLs": list(listing.image_urls[1:]),
        },
        "descriptions": {"kor": {"html": listing.description_html or listing.name}},
        "officialNotice": {"officialNoticeNo": 35},
        "isVatFree": False,
        "origin": {"name": listing.origin_area},
        "afterService": {"tel": listing.after_service_phone, "guide": listing.after_service_guide},
        "recommendedOpts": _options(listing),
    }
    if site == "G":  # CAT-MFR-2: G마켓 shows 기타 and hides the brand
        extra["manufacturer"] = "기타"
    else:
        extra["manufacturer"] = listing.manufacturer or "기타"
        if listing.brand:
            extra["brand"] = listing.brand
    body: dict[str, Any] = {
        "itemBasicInfo": {
            "goodsName": {"kor": listing.name},
            "category": {"site": [{"siteType": 2 if site == "G" else 1, "catCode": listing.category_id}]},
        },
        "itemAddtionalInfo": extra,
    }
    return deep_merge(body, listing.attributes) if listing.attributes else body


def _published(http: EsmHttp, body: dict[str, Any], operation: str) -> PublishResult:
    answer = http.goods_result(body, operation)
    detail = (answer.get("siteDetail") or {}).get(KEY[http.credentials.site]) or {}
    site_no = detail.get("SiteGoodsNo")
    if not site_no:
        raise PermanentMarketplaceError(
            http.marketplace,
            "SITE_REGISTRATION_FAILED",
            str(detail.get("SiteGoodsComment") or "사이트 상품 등록에 실패했습니다."),
            operation=operation,
        )
    return PublishResult(
        market_product_id=str(answer["goodsNo"]), channel_product_id=str(site_no), extra={"siteGoodsNo": str(site_no)}
    )


async def publish(http: EsmHttp, listing: Listing) -> PublishResult:
    body = await http.raw(
        "POST", f"{ITEM}/goods", "publish_listing", json=goods_body(listing, http.credentials.site), idempotent=False
    )
    return _published(http, body, "publish_listing")


async def update(http: EsmHttp, goods_no: str, listing: Listing) -> PublishResult:
    body = await http.raw(
        "PUT",
        f"{ITEM}/goods/{goods_no}",
        "update_listing",
        json=goods_body(listing, http.credentials.site),
        idempotent=True,
    )
    return _published(http, body, "update_listing")


def _match(detail: dict[str, Any], wanted: OptionStock) -> bool:
    if wanted.seller_option_code is not None:
        return bool(detail.get("manageCode") == wanted.seller_option_code)
    return bool(wanted.values) and tuple(detail.get("values") or ()) == wanted.values


async def update_price_stock(http: EsmHttp, update: PriceStockUpdate) -> None:
    site, path = http.credentials.site, f"{ITEM}/goods/{update.market_product_id}"
    if update.options:
        current = http.goods_result(
            await http.raw("GET", path, "update_price_stock", idempotent=True), "update_price_stock"
        )
        body = {"itemBasicInfo": current["itemBasicInfo"], "itemAddtionalInfo": current["itemAddtionalInfo"]}
        details = ((body["itemAddtionalInfo"].get("recommendedOpts") or {}).get("combination") or {}).get("details")
        for wanted in update.options:
            hits = [d for d in details or () if _match(d, wanted)]
            if not hits:
                raise PermanentMarketplaceError(
                    http.marketplace,
                    "OPTION_NOT_FOUND",
                    f"상품에서 옵션을 찾을 수 없습니다: {wanted.values or wanted.seller_option_code}",
                    operation="update_price_stock",
                )
            for detail in hits:
                detail["stock"] = wanted.stock_quantity
                if wanted.price_delta is not None:
                    detail["addPrice"] = wanted.price_delta
        extra = body["itemAddtionalInfo"]
        extra["stock"] = {PRICE_KEY[site]: sum(int(d.get("stock") or 0) for d in details or ())}
        if update.sale_price is not None:
            extra["price"] = {PRICE_KEY[site]: update.sale_price}
        http.goods_result(
            await http.raw("PUT", path, "update_price_stock", json=body, idempotent=True), "update_price_stock"
        )
        return
    basic: dict[str, Any] = {}
    if update.sale_price is not None:
        basic["price"] = {KEY[site]: update.sale_price}
    if update.stock_quantity is not None:
        basic["stock"] = {KEY[site]: update.stock_quantity}
    http.goods_result(
        await http.raw(
            "PUT", f"{path}/sell-status", "update_price_stock", json={"itemBasicInfo": basic}, idempotent=True
        ),
        "update_price_stock",
    )


async def end_sale(http: EsmHttp, goods_no: str) -> None:
    body = {"isSell": {KEY[http.credentials.site]: False}}
    http.goods_result(
        await http.raw("PUT", f"{ITEM}/goods/{goods_no}/sell-status", "end_sale", json=body, idempotent=True),
        "end_sale",
    )


def _flatten(node: dict[str, Any], parent: Category | None, out: list[Category]) -> None:
    for child in node.get("subCats") or ():
        name = str(child.get("catName") or "")
        category = Category(
            id=str(child["catCode"]),
            name=name,
            full_name=f"{parent.full_name}>{name}" if parent else name,
            parent_id=parent.id if parent else None,
            is_leaf=bool(child.get("isLeaf")),
        )
        out.append(category)
        _flatten(child, category, out)


async def categories(http: EsmHttp) -> list[Category]:
    site = 2 if http.credentials.site == "G" else 1
    root = await http.raw(
        "GET", f"{ITEM}/categories/site-cats/0", "fetch_categories", params={"siteType": site}, idempotent=True
    )
    out: list[Category] = []
    _flatten(http.goods_result(root, "fetch_categories"), None, out)
    return out


def _imported(row: dict[str, Any], key: str) -> ImportedListing:
    raw = int((row.get("sellStatus") or {}).get(key) or 0)
    category = (row.get("category") or {}).get(key)
    return ImportedListing(
        market_product_id=str(row["goodsNo"]),
        channel_product_id=(row.get("siteGoodsNo") or {}).get(key),
        name=row.get("goodsName") or "",
        seller_product_code=row.get("managedCode"),
        sale_price=int((row.get("price") or {}).get(key) or 0),
        stock_quantity=int((row.get("stock") or {}).get(key) or 0),
        status=SELL_STATUS.get(raw, ListingStatus.OTHER),
        raw_status=str(raw),
        category_id=str(category) if category else None,
        category_path=None,
        raw=row,
    )


async def import_listings(http: EsmHttp, limiter: RateLimiter, key: str) -> AsyncIterator[list[ImportedListing]]:
    """goods/search allows 20-30 calls a minute: a separate, slower bucket paces it."""
    site_key, page = KEY[http.credentials.site], 1
    while True:
        await limiter.acquire(key)
        body = http.goods_result(
            await http.raw(
                "POST",
                f"{ITEM}/goods/search",
                "import_listings",
                idempotent=True,
                json={"query": {"siteId": [site_key]}, "pageIndex": page, "pageSize": SEARCH_PAGE},
            ),
            "import_listings",
        )
        data = body.get("data") or {}
        rows = [_imported(r, site_key) for r in data.get("goods") or ()]
        if rows:
            yield rows
        if not rows or page * SEARCH_PAGE >= int(data.get("totalCount") or 0):
            return
        page += 1
