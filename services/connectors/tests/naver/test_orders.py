from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from marketbridge.connectors.naver import NaverAdapter
from marketbridge.connectors.naver.dates import KST, fmt
from marketbridge.connectors.ports import (
    DelayReason,
    DispatchDelay,
    DispatchItem,
    MarketplaceOrder,
    OrderStatus,
    SellerCancel,
    SellerCancelReason,
)
from marketbridge.sandbox.naver.models import SellerApp

from .conftest import AdminCall


def now() -> datetime:
    return datetime.now(UTC)


async def place(admin: AdminCall, product: dict[str, Any], count: int = 1, **extra: Any) -> list[str]:
    body = await admin("POST", "/orders", json={"product_no": product["originProductNo"], "count": count, **extra})
    ids: list[str] = body["product_order_ids"]
    return ids


async def collect(adapter: NaverAdapter, start: datetime, end: datetime) -> list[list[MarketplaceOrder]]:
    return [page async for page in adapter.fetch_orders(start, end)]


async def route_count(admin: AdminCall, route: str) -> int:
    calls = await admin("GET", "/calls")
    return int(calls["by_path"].get(route, {}).get("count", 0))


async def test_fetch_orders_splits_long_windows_and_follows_more(adapter: NaverAdapter, admin: AdminCall,
                                                                 product: dict[str, Any]) -> None:
    old = await place(admin, product, 2, paid_at=fmt(now() - timedelta(hours=50)))
    middle = await place(admin, product, 650, paid_at=fmt(now() - timedelta(hours=30)))
    recent = await place(admin, product, 3)
    pages = await collect(adapter, now() - timedelta(hours=72), now() + timedelta(minutes=1))
    ids = [o.order_line_id for page in pages for o in page]
    assert sorted(ids) == sorted(old + middle + recent) and len(ids) == len(set(ids))
    assert max(len(page) for page in pages) == 300
    assert await route_count(admin, "GET /v1/pay-order/seller/product-orders/last-changed-statuses") >= 5


async def test_orders_are_parsed_into_the_neutral_shape(adapter: NaverAdapter, admin: AdminCall,
                                                        product: dict[str, Any], seller: SellerApp) -> None:
    [line_id] = await place(admin, product, option_names=["화이트"], quantity=2,
                            receiver={"name": "이서연", "phone": "010-2222-3333", "zip_code": "06236"})
    [[order]] = await collect(adapter, now() - timedelta(minutes=5), now() + timedelta(minutes=1))
    assert order.marketplace == "naver" and order.account_id == seller.client_id
    assert order.order_line_id == line_id and len(order.order_id) == 16
    assert order.product_id == str(product["originProductNo"]) and order.seller_product_code == "SOCK-5"
    assert order.option_text == "색상: 화이트" and order.quantity == 2
    assert order.unit_price == 10400 and order.total_price == 20800
    assert order.receiver_name == "이서연" and order.receiver_phone == "010-2222-3333" and order.receiver_zip == "06236"
    assert order.status is OrderStatus.NEW and order.raw_status == "PAYED" and order.raw_place_order_status == "NOT_YET"
    assert order.paid_at is not None and order.paid_at.utcoffset() == timedelta(hours=9)
    assert order.last_changed_at is not None and order.raw["productOrder"]["productOrderId"] == line_id


async def test_acknowledge_in_batches_of_30_with_partial_success(adapter: NaverAdapter, admin: AdminCall,
                                                                 product: dict[str, Any]) -> None:
    ids = await place(admin, product, 65)
    result = await adapter.acknowledge([*ids, "2024000000000009", ids[0]])
    assert sorted(result.succeeded) == sorted(ids)
    assert result.failed["2024000000000009"].code == "100001" and result.failed["2024000000000009"].message
    assert await route_count(admin, "POST /v1/pay-order/seller/product-orders/confirm") == 3
    states = await adapter.get_order_states(ids[:2])
    assert all(s.acknowledged and s.status is OrderStatus.ACKNOWLEDGED for s in states.values())


async def test_dispatch_reports_naver_codes_and_refuses_a_second_dispatch(adapter: NaverAdapter, admin: AdminCall,
                                                                          product: dict[str, Any]) -> None:
    ids = await place(admin, product, 4)
    sent = now()
    result = await adapter.dispatch([
        DispatchItem(ids[0], "CJ_LOGISTICS", "123456789012", sent),
        DispatchItem(ids[1], "LOTTE", "12-AB", sent),
        DispatchItem(ids[2], "PIGEON_POST", "123456789012", sent),
        DispatchItem(ids[3], "CJ_LOGISTICS", "123456789012", sent),
    ])
    assert result.succeeded == [ids[0]]
    assert {k: v.code for k, v in result.failed.items()} == {ids[1]: "104122", ids[2]: "UNMAPPED_COURIER",
                                                            ids[3]: "104121"}
    again = await adapter.dispatch([DispatchItem(ids[0], "CJ_LOGISTICS", "123456789012", sent)])
    assert again.succeeded == [] and again.failed[ids[0]].code == "104442"
    state = (await adapter.get_order_states([ids[0]]))[ids[0]]
    assert state.status is OrderStatus.DISPATCHED and state.courier_code == "CJ_LOGISTICS"
    assert state.tracking_number == "123456789012" and state.dispatched_at is not None
    ledger = await admin("GET", "/dispatches")
    assert ledger["count"] == 1 and ledger["duplicates"] == []


async def test_dispatch_batches_30_items_per_call(adapter: NaverAdapter, admin: AdminCall,
                                                  product: dict[str, Any]) -> None:
    ids = await place(admin, product, 61)
    items = [DispatchItem(i, "HANJIN", f"5{n:011d}", now()) for n, i in enumerate(ids)]
    result = await adapter.dispatch(items)
    assert len(result.succeeded) == 61 and result.all_succeeded
    assert await route_count(admin, "POST /v1/pay-order/seller/product-orders/dispatch") == 3
    [page] = await collect(adapter, now() - timedelta(minutes=5), now() + timedelta(minutes=1))
    assert {o.status for o in page} == {OrderStatus.DISPATCHED} and page[0].courier_code == "HANJIN"


async def test_get_order_states_in_batches_of_300(adapter: NaverAdapter, admin: AdminCall,
                                                  product: dict[str, Any]) -> None:
    ids = await place(admin, product, 320)
    states = await adapter.get_order_states([*ids, "2024000000000000"])
    assert len(states) == 320 and "2024000000000000" not in states
    assert await route_count(admin, "POST /v1/pay-order/seller/product-orders/query") == 2


async def test_seller_cancel_and_dispatch_delay(adapter: NaverAdapter, admin: AdminCall,
                                                product: dict[str, Any]) -> None:
    ids = await place(admin, product, 2)
    result = await adapter.cancel_by_seller([SellerCancel(ids[0], SellerCancelReason.SOLD_OUT, "재고 소진"),
                                             SellerCancel("2024000000000003", SellerCancelReason.OTHER)])
    assert result.succeeded == [ids[0]] and result.failed["2024000000000003"].code == "100001"
    assert (await adapter.get_order_states([ids[0]]))[ids[0]].status is OrderStatus.CANCELLED
    due = (now() + timedelta(days=5)).astimezone(KST)
    await adapter.delay_dispatch(DispatchDelay(ids[1], due, DelayReason.PRODUCT_PREPARE, "입고 지연"))
    [page] = await collect(adapter, now() - timedelta(minutes=5), now() + timedelta(minutes=1))
    delayed = next(o for o in page if o.order_line_id == ids[1])
    assert delayed.shipping_due_at is not None and abs(delayed.shipping_due_at - due) < timedelta(seconds=1)


async def test_address_change_is_reported(adapter: NaverAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    [line_id] = await place(admin, product)
    await admin("POST", f"/product-orders/{line_id}/address", json={"base_address": "부산광역시 해운대구 센텀중앙로 79"})
    [[order]] = await collect(adapter, now() - timedelta(minutes=5), now() + timedelta(minutes=1))
    assert order.receiver_address_changed and order.receiver_base_address.startswith("부산광역시")


async def test_naive_windows_are_refused(adapter: NaverAdapter) -> None:
    with pytest.raises(ValueError):
        await collect(adapter, datetime(2024, 1, 1), datetime(2024, 1, 2))
