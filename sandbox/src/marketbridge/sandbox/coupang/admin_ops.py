"""What the Coupang admin API does: seed products, place buyer orders in bulk, buyer claims, inquiries,
and move boxes along (in transit, delivered) as couriers would."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.admin import AdminError
from marketbridge.sandbox.core.synthetic import Person
from marketbridge.sandbox.coupang import catalog
from marketbridge.sandbox.coupang.admin_models import InquiryIn, OptionIn, OrdersIn, ProductIn
from marketbridge.sandbox.coupang.models import (
    Box,
    CallCenterInquiry,
    OnlineInquiry,
    OrderItem,
    Party,
    Product,
)
from marketbridge.sandbox.coupang.orderflow import estimated_shipping
from marketbridge.sandbox.coupang.state import CoupangState
from marketbridge.sandbox.coupang.store import VendorStore
from marketbridge.sandbox.coupang.timefmt import parse_query_time

_QUESTIONS = (
    "사이즈가 정사이즈인가요?",
    "재입고 예정이 있나요?",
    "오늘 주문하면 언제 받을 수 있나요?",
    "색상이 사진과 같은가요?",
    "선물 포장 가능한가요?",
)


def store_of(state: CoupangState, vendor_id: str | None) -> VendorStore:
    if vendor_id:
        if vendor_id not in state.vendors:
            raise AdminError(404, f"vendor {vendor_id} not found")
        return state.store(vendor_id)
    if len(state.vendors) != 1:
        raise AdminError(400, "vendor_id is required when there is not exactly one seller")
    return state.store(next(iter(state.vendors)))


def seed_product(state: CoupangState, store: VendorStore, spec: ProductIn) -> Product:
    options: list[OptionIn | None] = list(spec.options) or [None]
    items: list[dict[str, Any]] = []
    for option in options:
        price = spec.sale_price + (option.price_delta if option else 0)
        attributes = (
            [
                {"attributeTypeName": name, "attributeValueName": value}
                for name, value in zip(spec.option_names or ["옵션"], option.values, strict=False)
            ]
            if option
            else []
        )
        items.append(
            {
                "itemName": " ".join(option.values) if option else spec.name,
                "originalPrice": price,
                "salePrice": price,
                "maximumBuyCount": option.stock if option else spec.stock,
                "externalVendorSku": (option.external_sku if option else None) or spec.external_sku,
                "outboundShippingTimeDay": 2,
                "attributes": attributes,
                "images": [],
                "notices": [],
                "contents": [],
            }
        )
    body = {
        "displayCategoryCode": spec.category_code,
        "sellerProductName": spec.name,
        "vendorId": store.vendor_id,
        "saleStartedAt": "2024-01-01T00:00:00",
        "saleEndedAt": "2099-01-01T23:59:59",
        "vendorUserId": "sandbox",
        "outboundShippingPlaceCode": catalog.outbound_code(store.vendor_id),
        "returnCenterCode": catalog.return_center_code(store.vendor_id),
        "requested": True,
        "items": items,
    }
    return catalog.create(state, store, body, state.now_ms())


def _party(person: Person, safe: str) -> Party:
    return Party(person.name, person.phone, safe, person.base_address, person.detailed_address, person.zip_code)


def _items(store: VendorStore, spec: OrdersIn) -> list[Any]:
    if spec.vendor_item_id is not None:
        found = store.vendor_items.get(spec.vendor_item_id)
        if found is None:
            raise AdminError(404, f"vendor item {spec.vendor_item_id} not found")
        return [found]
    product = store.products.get(spec.seller_product_id or -1)
    if product is None:
        raise AdminError(404, f"seller product {spec.seller_product_id} not found")
    return [(product, item) for item in product.items]


def create_orders(state: CoupangState, spec: OrdersIn) -> tuple[VendorStore, list[Box]]:
    store = store_of(state, spec.vendor_id)
    if spec.vendor_id is None and spec.vendor_item_id is None and spec.seller_product_id is not None:
        for candidate in state.stores.values():  # find the product's owner
            if spec.seller_product_id in candidate.products:
                store = candidate
    candidates = _items(store, spec)
    ordered = parse_query_time(spec.ordered_at)[0] if spec.ordered_at else state.now_ms()
    boxes: list[Box] = []
    rng = state.rng
    for index in range(spec.count):
        person = state.people.person()
        safe = f"0502-{rng.randrange(1000, 10000)}-{rng.randrange(1000, 10000)}"
        order_items: list[OrderItem] = []
        for n in range(spec.items_per_box):
            product, item = candidates[(index * spec.items_per_box + n) % len(candidates)]
            if any(o.vendor_item_id == item.vendor_item_id for o in order_items):
                continue
            order_items.append(
                OrderItem(
                    item.vendor_item_id,
                    product.seller_product_id,
                    product.product_id,
                    product.name,
                    item.item_name,
                    spec.quantity,
                    item.sale_price,
                    item.external_sku,
                )
            )
        party = _party(person, safe)
        paid = ordered + 20_000
        boxes.append(
            Box(
                state.next_box_id(),
                state.next_order_id(),
                store.vendor_id,
                ordered,
                paid,
                party,
                party,
                order_items,
                spec.shipping_price,
                person.memo,
                estimated_shipping(paid),
            )
        )
    state.register_boxes(store, boxes)
    return store, boxes


def find_box(state: CoupangState, box_id: int) -> tuple[VendorStore, Box]:
    owner = state.box_owner.get(box_id)
    if owner is None:
        raise AdminError(404, f"shipment box {box_id} not found")
    store = state.store(owner)
    return store, store.boxes[box_id]


def split_line(line_id: str) -> tuple[int, int]:
    box, sep, item = line_id.partition("-")
    if not sep or not box.isdigit() or not item.isdigit():
        raise AdminError(400, "order_line_id must be <shipmentBoxId>-<vendorItemId>")
    return int(box), int(item)


def advance(box: Box, to: str, now: int) -> None:
    if to == "DELIVERING" and box.status == "DEPARTURE":
        box.status, box.in_transit_ms = "DELIVERING", now
    elif to == "FINAL_DELIVERY" and box.status in ("DEPARTURE", "DELIVERING"):
        box.in_transit_ms = box.in_transit_ms or now
        box.status, box.delivered_ms = "FINAL_DELIVERY", now
    else:
        raise AdminError(409, f"cannot move a {box.status} box to {to}")
    box.cache = None


def create_inquiries(state: CoupangState, spec: InquiryIn) -> tuple[VendorStore, list[int]]:
    box = item_id = None
    if spec.order_line_id:
        box_id, item_id = split_line(spec.order_line_id)
        store, box = find_box(state, box_id)
    else:
        store = store_of(state, spec.vendor_id)
        item_id = spec.vendor_item_id
    product = store.products.get(spec.seller_product_id or -1)
    if item_id is not None and item_id in store.vendor_items:
        product = store.vendor_items[item_id][0]
    if product is None and spec.kind == "online":
        raise AdminError(400, "an online inquiry needs seller_product_id, vendor_item_id or order_line_id")
    now = parse_query_time(spec.inquiry_at)[0] if spec.inquiry_at else state.now_ms()
    ids = []
    for n in range(spec.count):
        number = state.next_small_id()
        content = spec.content or _QUESTIONS[n % len(_QUESTIONS)]
        if spec.kind == "online":
            assert product is not None
            vid = item_id if item_id is not None else product.items[0].vendor_item_id
            store.online[number] = OnlineInquiry(
                number,
                store.vendor_id,
                product.seller_product_id,
                product.product_id,
                vid,
                content,
                now,
                [box.order_id] if box else [],
            )
        else:
            name = product.name if product else ""
            store.callcenter[number] = CallCenterInquiry(
                number, store.vendor_id, box.order_id if box else None, item_id, name, spec.category, content, now
            )
        ids.append(number)
    return store, ids
