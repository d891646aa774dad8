"""Listings on Coupang (seller-products, v1 marketplace seller API): register, update (re-approval),
price / stock / stop sale per vendor item (= option), display categories and existing listings import.

Each option is a vendor item with its own price, so option surcharges become item prices
(base + delta); Coupang has no add-on products (추가상품). The outbound shipping place and return
center a product needs are read from the vendor's registered ones (first usable) and cached.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from typing import Any

from marketbridge.connectors.coupang.couriers import to_coupang
from marketbridge.connectors.coupang.dates import KST
from marketbridge.connectors.coupang.http import MARKETPLACE, CoupangHttp
from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.ports import (
    Category,
    ImportedListing,
    Listing,
    ListingStatus,
    OptionStock,
    PriceStockUpdate,
    PublishResult,
)

API = "/v2/providers/openapi/apis/api"
SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"
LIST_PAGE = 100
_FEE = {"free": "FREE", "paid": "NOT_FREE", "conditional_free": "CONDITIONAL_FREE"}
_STATUS = {
    "APPROVED": ListingStatus.ON_SALE,
    "PARTIAL_APPROVED": ListingStatus.ON_SALE,
    "SAVED": ListingStatus.PENDING,
    "SAVING": ListingStatus.PENDING,
    "APPROVING": ListingStatus.PENDING,
    "DENIED": ListingStatus.OTHER,
    "DELETED": ListingStatus.ENDED,
}


def deep_merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(base.get(key), dict) and isinstance(value, Mapping):
            deep_merge(base[key], value)
        else:
            base[key] = value
    return base


def unwrap(body: dict[str, Any]) -> Any:
    """`data` of a product answer; also accepts the nested `{data: {code, message, data}}` form."""
    data = body.get("data")
    if isinstance(data, dict) and "code" in data and "data" in data:
        return data["data"]
    return data


def _item(
    listing: Listing, name: str, price: int, stock: int, sku: str | None, attributes: list[dict[str, str]]
) -> dict[str, Any]:
    images = [
        {"imageOrder": i, "imageType": "REPRESENTATION" if i == 0 else "DETAIL", "vendorPath": url}
        for i, url in enumerate(listing.image_urls[:10])
    ]
    return {
        "itemName": name,
        "originalPrice": price,
        "salePrice": price,
        "maximumBuyCount": stock,
        "maximumBuyForPerson": 0,
        "maximumBuyForPersonPeriod": 1,
        "outboundShippingTimeDay": 2,
        "unitCount": 1,
        "adultOnly": "EVERYONE",
        "taxType": "TAX",
        "parallelImported": "NOT_PARALLEL_IMPORTED",
        "overseasPurchased": "NOT_OVERSEAS_PURCHASED",
        "pccNeeded": False,
        "externalVendorSku": sku,
        "attributes": attributes,
        "images": images,
        "notices": [],
        "certifications": [],
        "contents": [
            {
                "contentsType": "HTML",
                "contentDetails": [{"content": listing.description_html or listing.name, "detailType": "TEXT"}],
            }
        ],
    }


def items(listing: Listing) -> list[dict[str, Any]]:
    if not listing.options:
        return [
            _item(listing, listing.name, listing.sale_price, listing.stock_quantity, listing.seller_product_code, [])
        ]
    return [
        _item(
            listing,
            " ".join(o.values),
            listing.sale_price + o.price_delta,
            o.stock_quantity if o.usable else 0,
            o.seller_option_code or listing.seller_product_code,
            [
                {"attributeTypeName": g, "attributeValueName": v}
                for g, v in zip(listing.option_group_names or ("옵션",) * len(o.values), o.values, strict=False)
            ],
        )
        for o in listing.options
    ]


def product_body(listing: Listing, vendor_id: str, user_id: str, places: dict[str, Any]) -> dict[str, Any]:
    s = listing.shipping
    fee_type = _FEE.get(s.fee_type, "FREE")
    body: dict[str, Any] = {
        "displayCategoryCode": int(listing.category_id) if listing.category_id.isdigit() else listing.category_id,
        "sellerProductName": listing.name,
        "vendorId": vendor_id,
        "saleStartedAt": f"{datetime.now(UTC).astimezone(KST):%Y-%m-%dT%H:%M:%S}",
        "saleEndedAt": "2099-01-01T23:59:59",
        "displayProductName": listing.name,
        "brand": listing.brand or "",
        "generalProductName": listing.name,
        "productGroup": "",
        "manufacture": listing.manufacturer or listing.brand or "",
        "deliveryMethod": "SEQUENCIAL",
        "deliveryCompanyCode": to_coupang(s.courier_code or "CJ_LOGISTICS"),
        "deliveryChargeType": fee_type,
        "deliveryCharge": s.base_fee if fee_type != "FREE" else 0,
        "freeShipOverAmount": s.free_if_over or 0,
        "deliveryChargeOnReturn": s.return_fee,
        "remoteAreaDeliverable": "N",
        "unionDeliveryType": "UNION_DELIVERY",
        "returnCharge": s.return_fee,
        "exchangeType": "",
        "returnChargeName": "반품지",
        "vendorUserId": user_id,
        "requested": True,
        "afterServiceInformation": listing.after_service_guide or "판매자 문의",
        "afterServiceContactNumber": listing.after_service_phone or places.get("companyContactNumber", ""),
        **{k: v for k, v in places.items() if k != "companyContactNumber"},
        "companyContactNumber": places.get("companyContactNumber", ""),
        "items": items(listing),
    }
    return deep_merge(body, listing.attributes) if listing.attributes else body


def listing_status(product: dict[str, Any]) -> ListingStatus:
    status = _STATUS.get(str(product.get("status") or ""), ListingStatus.OTHER)
    rows = product.get("items") or []
    if status == ListingStatus.ON_SALE and rows:
        if all(i.get("saleStatus") == "STOP_SALE" for i in rows):
            return ListingStatus.SUSPENDED
        if sum(int(i.get("maximumBuyCount") or 0) for i in rows) == 0:
            return ListingStatus.OUT_OF_STOCK
    return status


def parse_categories(tree: dict[str, Any]) -> list[Category]:
    out: list[Category] = []

    def walk(node: dict[str, Any], parent: str | None, path: str) -> None:
        for child in node.get("child") or ():
            code = str(child.get("displayItemCategoryCode"))
            full = f"{path}>{child.get('name')}" if path else str(child.get("name") or "")
            out.append(Category(code, str(child.get("name") or ""), full, parent, not child.get("child")))
            walk(child, code, full)

    walk(tree, None, "")
    return out


def _option_match(item: dict[str, Any], wanted: OptionStock) -> bool:
    if wanted.market_option_id is not None:
        return str(item.get("vendorItemId")) == wanted.market_option_id
    if wanted.seller_option_code is not None:
        return item.get("externalVendorSku") == wanted.seller_option_code
    values = tuple(str(a.get("attributeValueName")) for a in item.get("attributes") or ())
    return bool(wanted.values) and (values == wanted.values or item.get("itemName") == " ".join(wanted.values))


class CatalogOps:
    def __init__(self, http: CoupangHttp) -> None:
        self.http = http
        self.vendor = http.credentials.vendor_id
        self._places: dict[str, Any] | None = None

    async def places(self) -> dict[str, Any]:
        if self._places is None:
            out = await self.http.call("GET", f"{API}/v5/vendors/{self.vendor}/outboundShippingCenters", "places")
            back = await self.http.call("GET", f"{API}/v5/vendors/{self.vendor}/returnShippingCenters", "places")
            outbound = [p for p in (out.get("data") or {}).get("content") or () if p.get("usable", True)]
            returns = [p for p in (back.get("data") or {}).get("content") or () if p.get("usable", True)]
            if not outbound or not returns:
                raise PermanentMarketplaceError(
                    MARKETPLACE,
                    "NO_SHIPPING_PLACE",
                    "쿠팡 WING에 출고지와 반품지를 먼저 등록해 주세요.",
                    operation="publish_listing",
                )
            address = (returns[0].get("placeAddresses") or [{}])[0]
            self._places = {
                "outboundShippingPlaceCode": outbound[0]["outboundShippingPlaceCode"],
                "returnCenterCode": returns[0]["returnCenterCode"],
                "returnZipCode": address.get("returnZipCode", ""),
                "returnAddress": address.get("returnAddress", ""),
                "returnAddressDetail": address.get("returnAddressDetail", ""),
                "companyContactNumber": address.get("companyContactNumber", ""),
            }
        return self._places

    async def product(self, market_product_id: str, operation: str) -> dict[str, Any]:
        body = await self.http.call("GET", f"{SELLER}/seller-products/{market_product_id}", operation)
        data = unwrap(body)
        if not isinstance(data, dict):
            raise PermanentMarketplaceError(
                MARKETPLACE, "NOT_FOUND", "쿠팡 상품을 찾을 수 없습니다.", operation=operation
            )
        return data

    async def publish(self, listing: Listing) -> PublishResult:
        body = product_body(listing, self.vendor, self.http.credentials.user_id, await self.places())
        answer = await self.http.call(
            "POST", f"{SELLER}/seller-products", "publish_listing", json=body, idempotent=False
        )
        return PublishResult(market_product_id=str(unwrap(answer)))

    async def update(self, market_product_id: str, listing: Listing) -> PublishResult:
        current = await self.product(market_product_id, "update_listing")
        body = product_body(listing, self.vendor, self.http.credentials.user_id, await self.places())
        existing = current.get("items") or []
        for item in body["items"]:
            for old in existing:
                if (item["externalVendorSku"] and old.get("externalVendorSku") == item["externalVendorSku"]) or old.get(
                    "itemName"
                ) == item["itemName"]:
                    item["sellerProductItemId"], item["vendorItemId"] = old["sellerProductItemId"], old["vendorItemId"]
                    break
        body["sellerProductId"] = int(market_product_id)
        answer = await self.http.call("PUT", f"{SELLER}/seller-products", "update_listing", json=body, idempotent=True)
        return PublishResult(market_product_id=str(unwrap(answer) or market_product_id))

    async def _vendor_item(self, vendor_item_id: Any, action: str) -> None:
        await self.http.call(
            "PUT", f"{SELLER}/vendor-items/{vendor_item_id}/{action}", "update_price_stock", idempotent=True
        )

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        rows = (await self.product(update.market_product_id, "update_price_stock")).get("items") or []
        if not rows:
            return
        base = min(int(i.get("salePrice") or 0) for i in rows)
        new_price = (
            {str(i["vendorItemId"]): (update.sale_price + int(i.get("salePrice") or 0) - base) for i in rows}
            if update.sale_price is not None
            else {}
        )
        new_stock: dict[str, int] = {}
        if update.options:
            for wanted in update.options:
                hits = [i for i in rows if _option_match(i, wanted)]
                if not hits:
                    raise PermanentMarketplaceError(
                        MARKETPLACE,
                        "OPTION_NOT_FOUND",
                        f"쿠팡 상품에서 옵션을 찾을 수 없습니다: {wanted}",
                        operation="update_price_stock",
                    )
                for hit in hits:
                    new_stock[str(hit["vendorItemId"])] = wanted.stock_quantity
                    if wanted.price_delta is not None:
                        new_price[str(hit["vendorItemId"])] = (update.sale_price or base) + wanted.price_delta
        elif update.stock_quantity is not None:
            if len(rows) > 1:
                raise PermanentMarketplaceError(
                    MARKETPLACE,
                    "OPTION_STOCK_REQUIRED",
                    "옵션 상품은 옵션별 재고를 지정해야 합니다.",
                    operation="update_price_stock",
                )
            new_stock[str(rows[0]["vendorItemId"])] = update.stock_quantity
        for row in rows:
            vid = str(row["vendorItemId"])
            if vid in new_price and new_price[vid] != int(row.get("salePrice") or 0):
                await self._vendor_item(vid, f"prices/{new_price[vid]}")
            if vid in new_stock and new_stock[vid] != int(row.get("maximumBuyCount") or 0):
                await self._vendor_item(vid, f"quantities/{new_stock[vid]}")

    async def end_sale(self, market_product_id: str) -> None:
        for row in (await self.product(market_product_id, "end_sale")).get("items") or ():
            if row.get("saleStatus") != "STOP_SALE":
                await self.http.call(
                    "PUT", f"{SELLER}/vendor-items/{row['vendorItemId']}/sales/stop", "end_sale", idempotent=True
                )

    async def categories(self) -> list[Category]:
        tree = unwrap(await self.http.call("GET", f"{SELLER}/meta/display-categories", "fetch_categories"))
        return parse_categories(tree if isinstance(tree, dict) else {})

    async def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        token = ""
        while True:
            params = [("vendorId", self.vendor), ("maxPerPage", LIST_PAGE), ("nextToken", token or None)]
            body = await self.http.call("GET", f"{SELLER}/seller-products", "import_listings", params=params)
            rows = unwrap(body) or []
            page = []
            for row in rows:
                product = await self.product(str(row["sellerProductId"]), "import_listings")
                page.append(self._imported(row, product))
            if page:
                yield page
            token = str(body.get("nextToken") or "")
            if not token or not rows:
                return

    @staticmethod
    def _imported(row: dict[str, Any], product: dict[str, Any]) -> ImportedListing:
        rows = product.get("items") or []
        raw_status = str(product.get("status") or row.get("status") or row.get("statusName") or "")
        skus = {i.get("externalVendorSku") for i in rows} - {None}
        return ImportedListing(
            market_product_id=str(row["sellerProductId"]),
            channel_product_id=str(row["productId"]) if row.get("productId") else None,
            name=str(row.get("sellerProductName") or ""),
            seller_product_code=skus.pop() if len(skus) == 1 else None,
            sale_price=min((int(i.get("salePrice") or 0) for i in rows), default=0),
            stock_quantity=sum(int(i.get("maximumBuyCount") or 0) for i in rows),
            status=listing_status({**product, "status": raw_status}),
            raw_status=raw_status,
            category_id=str(row.get("displayCategoryCode") or "") or None,
            category_path=None,
            raw=product,
        )
