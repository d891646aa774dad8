"""Listings -> Naver v2 product bodies; Naver product / search / category JSON -> neutral types."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marketbridge.connectors.naver.couriers import to_naver
from marketbridge.connectors.ports import Category, ImportedListing, Listing, ListingStatus, ShippingPolicy

_FEE_TYPES = {"free": "FREE", "paid": "PAID", "conditional_free": "CONDITIONAL_FREE"}
_LISTING_STATUS = {"SALE": ListingStatus.ON_SALE, "OUTOFSTOCK": ListingStatus.OUT_OF_STOCK,
                   "SUSPENSION": ListingStatus.SUSPENDED, "CLOSE": ListingStatus.ENDED,
                   "PROHIBITION": ListingStatus.ENDED, "DELETE": ListingStatus.ENDED,
                   "WAIT": ListingStatus.PENDING, "UNADMISSION": ListingStatus.PENDING}


def deep_merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        current = base.get(key)
        if isinstance(current, dict) and isinstance(value, Mapping):
            deep_merge(current, value)
        else:
            base[key] = value
    return base


def _delivery(shipping: ShippingPolicy) -> dict[str, Any]:
    fee: dict[str, Any] = {"deliveryFeeType": _FEE_TYPES.get(shipping.fee_type, "FREE"), "baseFee": shipping.base_fee}
    if shipping.free_if_over is not None:
        fee["freeConditionalAmount"] = shipping.free_if_over
    if fee["deliveryFeeType"] != "FREE":
        fee["deliveryFeePayType"] = "PREPAID"
    return {"deliveryType": "DELIVERY", "deliveryAttributeType": "NORMAL",
            "deliveryCompany": to_naver(shipping.courier_code or "CJ_LOGISTICS") or "CJGLS", "deliveryFee": fee,
            "claimDeliveryInfo": {"returnDeliveryFee": shipping.return_fee,
                                  "exchangeDeliveryFee": shipping.exchange_fee}}


def _option_info(listing: Listing) -> dict[str, Any] | None:
    if not listing.options:
        return None
    return {
        "optionCombinationSortType": "CREATE",
        "optionCombinationGroupNames": {f"optionGroupName{i + 1}": name
                                        for i, name in enumerate(listing.option_group_names[:3])},
        "optionCombinations": [
            {**{f"optionName{i + 1}": value for i, value in enumerate(option.values[:3])},
             "stockQuantity": option.stock_quantity, "price": option.price_delta,
             "sellerManagerCode": option.seller_option_code, "usable": option.usable}
            for option in listing.options
        ],
        "useStockManagement": True,
    }


def product_body(listing: Listing, *, status: str = "SALE") -> dict[str, Any]:
    detail: dict[str, Any] = {
        "afterServiceInfo": {"afterServiceTelephoneNumber": listing.after_service_phone,
                             "afterServiceGuideContent": listing.after_service_guide},
        "originAreaInfo": ({"originAreaCode": "00"} if listing.origin_area == "국산"
                           else {"originAreaCode": "04", "content": listing.origin_area}),
        "sellerCodeInfo": {"sellerManagementCode": listing.seller_product_code},
        "naverShoppingSearchInfo": {k: v for k, v in (("brandName", listing.brand),
                                                      ("manufacturerName", listing.manufacturer)) if v},
    }
    option_info = _option_info(listing)
    if option_info is not None:
        detail["optionInfo"] = option_info
    stock = sum(o.stock_quantity for o in listing.options) if listing.options else listing.stock_quantity
    images: dict[str, Any] = {"optionalImages": [{"url": url} for url in listing.image_urls[1:10]]}
    if listing.image_urls:
        images["representativeImage"] = {"url": listing.image_urls[0]}
    origin: dict[str, Any] = {
        "statusType": status, "saleType": "NEW", "leafCategoryId": listing.category_id, "name": listing.name,
        "detailContent": listing.description_html or listing.name, "images": images,
        "salePrice": listing.sale_price, "stockQuantity": stock, "deliveryInfo": _delivery(listing.shipping),
        "detailAttribute": detail,
    }
    body: dict[str, Any] = {"originProduct": origin,
                            "smartstoreChannelProduct": {"naverShoppingRegistration": True,
                                                         "channelProductDisplayStatusType": "ON"}}
    return deep_merge(body, {"originProduct": listing.attributes}) if listing.attributes else body


def listing_status(raw: str) -> ListingStatus:
    return _LISTING_STATUS.get(raw, ListingStatus.OTHER)


def parse_search_page(page: dict[str, Any]) -> list[ImportedListing]:
    rows: list[ImportedListing] = []
    for content in page.get("contents") or ():
        origin_no = str(content.get("originProductNo"))
        for channel in content.get("channelProducts") or ():
            raw_status = str(channel.get("statusType") or "")
            rows.append(ImportedListing(
                market_product_id=origin_no, channel_product_id=str(channel.get("channelProductNo") or "") or None,
                name=channel.get("name") or "", seller_product_code=channel.get("sellerManagementCode"),
                sale_price=channel.get("salePrice") or 0, stock_quantity=channel.get("stockQuantity") or 0,
                status=listing_status(raw_status), raw_status=raw_status,
                category_id=str(channel["categoryId"]) if channel.get("categoryId") else None,
                category_path=channel.get("wholeCategoryName"), raw=channel))
    return rows


def parse_categories(rows: list[dict[str, Any]]) -> list[Category]:
    by_path = {str(r.get("wholeCategoryName")): str(r.get("id")) for r in rows}
    categories: list[Category] = []
    for row in rows:
        path = str(row.get("wholeCategoryName") or row.get("name") or "")
        parent_path = path.rsplit(">", 1)[0] if ">" in path else None
        categories.append(Category(id=str(row.get("id")), name=str(row.get("name") or ""), full_name=path,
                                   parent_id=by_path.get(parent_path) if parent_path else None,
                                   is_leaf=bool(row.get("last"))))
    return categories
