"""Seller products (seller-products API) of the Coupang emulator: create, update, price/stock/sale status,
the display-category tree and the vendor's shipping places.

Approval is instant (modelled): `requested: true` -> APPROVED, else SAVED; vendor item ids are assigned on
creation (Coupang assigns them on approval). Prices must be multiples of 10 won."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.coupang.errors import bad_request
from marketbridge.sandbox.coupang.models import Product, VendorItem
from marketbridge.sandbox.coupang.state import CoupangState
from marketbridge.sandbox.coupang.store import VendorStore

CATEGORY_TREE: dict[str, Any] = {
    "displayItemCategoryCode": 0,
    "name": "ROOT",
    "status": "ACTIVE",
    "child": [
        {
            "displayItemCategoryCode": 56137,
            "name": "패션의류잡화",
            "status": "ACTIVE",
            "child": [
                {
                    "displayItemCategoryCode": 69182,
                    "name": "여성패션",
                    "status": "ACTIVE",
                    "child": [
                        {"displayItemCategoryCode": 69183, "name": "티셔츠", "status": "ACTIVE", "child": []},
                        {"displayItemCategoryCode": 69184, "name": "원피스", "status": "ACTIVE", "child": []},
                    ],
                },
                {"displayItemCategoryCode": 69186, "name": "양말/스타킹", "status": "ACTIVE", "child": []},
            ],
        },
        {
            "displayItemCategoryCode": 59258,
            "name": "식품",
            "status": "ACTIVE",
            "child": [
                {"displayItemCategoryCode": 59259, "name": "커피/차", "status": "ACTIVE", "child": []},
                {"displayItemCategoryCode": 59260, "name": "과자/간식", "status": "ACTIVE", "child": []},
            ],
        },
        {
            "displayItemCategoryCode": 62588,
            "name": "가전디지털",
            "status": "ACTIVE",
            "child": [{"displayItemCategoryCode": 62589, "name": "이어폰/헤드폰", "status": "ACTIVE", "child": []}],
        },
    ],
}
DELIVERY_CHARGE_TYPES = frozenset({"FREE", "NOT_FREE", "CONDITIONAL_FREE", "CHARGE_RECEIVED"})
REQUIRED = (
    "displayCategoryCode",
    "sellerProductName",
    "vendorId",
    "saleStartedAt",
    "saleEndedAt",
    "vendorUserId",
    "outboundShippingPlaceCode",
    "returnCenterCode",
    "items",
)


def outbound_code(vendor_id: str) -> int:
    return 70_000 + sum(vendor_id.encode()) % 10_000  # (modelled) one outbound place per vendor


def return_center_code(vendor_id: str) -> str:
    return f"1000{sum(vendor_id.encode()) % 1_000_000:06d}"


def _price(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise bad_request(f"{name}: 0 이상의 정수를 입력해 주세요.")
    if value % 10:
        raise bad_request(f"{name}: 가격은 10원 단위로 입력해 주세요.")
    return value


def _validate(store: VendorStore, body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise bad_request("요청 본문이 올바르지 않습니다.")
    missing = [name for name in REQUIRED if body.get(name) in (None, "", [])]
    if missing:
        raise bad_request(f"필수 항목이 누락되었습니다: {', '.join(missing)}")
    if str(body["vendorId"]) != store.vendor_id:
        raise bad_request("vendorId가 인증 정보와 일치하지 않습니다.")
    if str(body["outboundShippingPlaceCode"]) != str(outbound_code(store.vendor_id)):
        raise bad_request("출고지 코드(outboundShippingPlaceCode)가 유효하지 않습니다.")
    if str(body["returnCenterCode"]) != return_center_code(store.vendor_id):
        raise bad_request("반품지 코드(returnCenterCode)가 유효하지 않습니다.")
    if body.get("deliveryChargeType", "FREE") not in DELIVERY_CHARGE_TYPES:
        raise bad_request("deliveryChargeType이 유효하지 않습니다.")
    if len(str(body["sellerProductName"])) > 100:
        raise bad_request("sellerProductName은 100자 이내로 입력해 주세요.")
    try:
        int(body["displayCategoryCode"])
    except (TypeError, ValueError):
        raise bad_request("displayCategoryCode가 유효하지 않습니다.") from None
    if not isinstance(body["items"], list) or len(body["items"]) > 200:
        raise bad_request("items는 1~200개의 목록이어야 합니다.")
    return body


def _items(state: CoupangState, body: dict[str, Any], old: Product | None) -> list[VendorItem]:
    keep = {i.seller_product_item_id: i for i in old.items} if old else {}
    by_vendor_item = {i.vendor_item_id: i for i in old.items} if old else {}
    items: list[VendorItem] = []
    for index, raw in enumerate(body["items"]):
        if not isinstance(raw, dict) or not raw.get("itemName"):
            raise bad_request(f"items[{index}].itemName은 필수입니다.")
        sale = _price(raw.get("salePrice"), f"items[{index}].salePrice")
        original = _price(raw.get("originalPrice", sale), f"items[{index}].originalPrice")
        stock = raw.get("maximumBuyCount")
        if not isinstance(stock, int) or stock < 0:
            raise bad_request(f"items[{index}].maximumBuyCount: 0 이상의 정수를 입력해 주세요.")
        attributes = [
            (str(a.get("attributeTypeName")), str(a.get("attributeValueName")))
            for a in raw.get("attributes") or ()
            if isinstance(a, dict)
        ]
        previous = keep.get(_opt_int(raw.get("sellerProductItemId"))) or by_vendor_item.get(
            _opt_int(raw.get("vendorItemId"))
        )
        raw_copy = {k: v for k, v in raw.items() if k not in ("sellerProductItemId", "vendorItemId")}
        items.append(
            VendorItem(
                previous.vendor_item_id if previous else state.next_vendor_item_id(),
                previous.seller_product_item_id if previous else state.next_product_id(),
                str(raw["itemName"]),
                original,
                sale,
                stock,
                raw.get("externalVendorSku"),
                attributes,
                previous.on_sale if previous else True,
                raw_copy,
            )
        )
    return items


def create(state: CoupangState, store: VendorStore, body: Any, now: int) -> Product:
    spec = _validate(store, body)
    items = _items(state, spec, None)
    status = "APPROVED" if spec.get("requested") else "SAVED"
    rest = {k: v for k, v in spec.items() if k != "items"}
    product = Product(
        state.next_product_id(),
        state.next_product_id(),
        store.vendor_id,
        str(spec["sellerProductName"]),
        int(spec["displayCategoryCode"]),
        status,
        items,
        rest,
        now,
        now,
    )
    store.add_product(product)
    return product


def update(state: CoupangState, store: VendorStore, body: Any, now: int) -> Product:
    spec = _validate(store, body)
    product = store.products.get(_int(spec.get("sellerProductId"), "sellerProductId"))
    if product is None or product.status == "DELETED":
        raise bad_request("등록상품ID(sellerProductId)를 찾을 수 없습니다.")
    items = _items(state, spec, product)
    for item in product.items:
        store.vendor_items.pop(item.vendor_item_id, None)
    product.items, product.name = items, str(spec["sellerProductName"])
    product.display_category_code = int(spec["displayCategoryCode"])
    product.body = {k: v for k, v in spec.items() if k not in ("items", "sellerProductId")}
    product.status = "APPROVED" if spec.get("requested") else "SAVED"  # an update needs approval again
    product.updated_ms, product.writes = now, product.writes + 1
    store.add_product(product)
    return product


def _opt_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"{name} 값이 올바르지 않습니다.") from None


def vendor_item(store: VendorStore, vendor_item_id: int) -> tuple[Product, VendorItem]:
    found = store.vendor_items.get(vendor_item_id)
    if found is None or found[0].status == "DELETED":
        raise bad_request(f"옵션ID[{vendor_item_id}]를 찾을 수 없습니다.")
    return found


def set_price(store: VendorStore, vendor_item_id: int, price: int) -> None:
    product, item = vendor_item(store, vendor_item_id)
    item.sale_price = _price(price, "price")
    product.writes += 1


def set_quantity(store: VendorStore, vendor_item_id: int, quantity: int) -> None:
    if quantity < 0 or quantity > 99_999:
        raise bad_request("재고수량은 0~99999 사이여야 합니다.")
    product, item = vendor_item(store, vendor_item_id)
    item.stock = quantity
    product.writes += 1


def set_on_sale(store: VendorStore, vendor_item_id: int, on_sale: bool) -> None:
    product, item = vendor_item(store, vendor_item_id)
    item.on_sale = on_sale
    product.writes += 1
