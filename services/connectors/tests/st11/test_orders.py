from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from marketbridge.connectors.ports import (
    DispatchItem,
    MarketplaceOrder,
    OrderStatus,
    SellerCancel,
    SellerCancelReason,
)
from marketbridge.connectors.st11 import St11Adapter
from marketbridge.connectors.st11.dates import KST

from .conftest import AdminCall, place, route_count

LISTS = "GET /ordservices/{kind}/{start}/{end}"


def now() -> datetime:
    return datetime.now(UTC)


async def collect(adapter: St11Adapter, start: datetime, end: datetime) -> list[MarketplaceOrder]:
    return [o async for page in adapter.fetch_orders(start, end) for o in page]


async def test_long_windows_are_split_into_7_day_calls(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    old = await place(admin, product, 2, paid_at=(now() - timedelta(days=12)).isoformat())
    recent = await place(admin, product, 3)
    orders = await collect(adapter, now() - timedelta(days=17), now() + timedelta(minutes=1))
    assert sorted(o.order_line_id for o in orders) == sorted(old + recent)
    assert await route_count(admin, LISTS) == 3 * 4  # three 7-day slices x four status lists
    statuses = (await admin("GET", "/calls"))["by_path"][LISTS]["statuses"]
    assert statuses == {"200": 12}  # 11번가 never saw a window longer than 7 days


async def test_orders_are_parsed_from_euc_kr_with_hangul(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    [line_id] = await place(admin, product, option_index=1, quantity=2, delivery_fee=3000)
    [order] = await collect(adapter, now() - timedelta(minutes=5), now() + timedelta(minutes=1))
    assert order.marketplace == "st11" and order.account_id == "acct-st11" and order.order_line_id == line_id
    assert order.product_name == "국산 면 양말 5켤레" and order.option_text == "색상:화이트"
    assert order.quantity == 2 and order.unit_price == 10400 and order.total_price == 2 * 10400 + 3000
    assert order.status is OrderStatus.NEW and order.raw_status == "202" and order.seller_product_code == "SOCK-5"
    assert order.receiver_name and any("\uac00" <= ch <= "\ud7a3" for ch in order.receiver_address)
    assert order.paid_at is not None and order.paid_at.utcoffset() == timedelta(hours=9)
    assert order.order_id == line_id.split("-")[0] and len(order.order_id) == 17


async def test_acknowledge_per_line_with_partial_success(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    ids = await place(admin, product, 3)
    missing = f"{datetime.now(KST):%Y%m%d}999999999-1"
    result = await adapter.acknowledge([*ids, missing, ids[0]])
    assert sorted(result.succeeded) == sorted(ids) and result.failed[missing].code == "NOT_FOUND"
    assert await route_count(admin, "GET /ordservices/reqpackaging/{ord_no}/{seq}/{add_yn}/{add_no}/{dlv_no}") == 3
    states = await adapter.get_order_states(ids)
    assert all(s.acknowledged and s.status is OrderStatus.ACKNOWLEDGED for s in states.values())
    again = await adapter.acknowledge(ids)  # already confirmed: nothing is sent again
    assert sorted(again.succeeded) == sorted(ids)


async def test_dispatch_confirms_first_ships_the_bundle_and_is_refused_a_second_time(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    ids = await place(admin, product, items_per_order=2)
    items = [DispatchItem(i, "CJ_LOGISTICS", "612345678901", now()) for i in ids]
    result = await adapter.dispatch(items)
    assert sorted(result.succeeded) == sorted(ids) and not result.failed
    assert await route_count(admin, "GET /ordservices/reqdelivery/{send_dt}/{method}/{courier}/{invoice}/{dlv_no}") == 1
    again = await adapter.dispatch(items)
    assert not again.succeeded and {f.code for f in again.failed.values()} == {"-3308"}
    assert "이미" in again.failed[ids[0]].message
    ledger = await admin("GET", "/dispatches")
    assert ledger["count"] == 2 and ledger["duplicates"] == []
    state = (await adapter.get_order_states(ids))[ids[0]]
    assert state.status is OrderStatus.DISPATCHED and state.courier_code == "CJ_LOGISTICS"
    assert state.tracking_number == "612345678901"


async def test_some_lines_of_a_bundle_use_the_partial_variant(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    first, second = await place(admin, product, items_per_order=2)
    result = await adapter.dispatch([DispatchItem(first, "HANJIN", "712345678901", now())])
    assert result.succeeded == [first]
    assert (await admin("GET", f"/lines/{second}"))["ordPrdStat"] == "202"  # untouched
    rest = await adapter.dispatch([DispatchItem(second, "LOTTE", "812345678901", now())])
    assert rest.succeeded == [second]
    ledger = (await admin("GET", "/dispatches"))["dispatches"]
    assert [(d["dlvEtprsCd"], d["partial"]) for d in ledger] == [("00011", True), ("00012", True)]


async def test_unmapped_courier_fails_that_line_only(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    first, second = await place(admin, product, 2)
    result = await adapter.dispatch(
        [DispatchItem(first, "DHL", "1234567890", now()), DispatchItem(second, "EPOST", "6123456789012", now())]
    )
    assert result.succeeded == [second] and result.failed[first].code == "UNMAPPED_COURIER"
    assert "DHL" in result.failed[first].message


async def test_seller_cancel_is_판매불가_per_line(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    ids = await place(admin, product, 2)
    result = await adapter.cancel_by_seller(
        [
            SellerCancel(ids[0], SellerCancelReason.SOLD_OUT, "재고 소진 / 재입고 미정"),
            SellerCancel(ids[0] + "9", SellerCancelReason.OTHER),
        ]
    )
    assert result.succeeded == [ids[0]] and result.failed[ids[0] + "9"].code == "-3300"
    state = (await adapter.get_order_states([ids[0]]))[ids[0]]
    assert state.status is OrderStatus.CANCELLED and state.raw_claim_status == "02"
