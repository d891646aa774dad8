from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from marketbridge.connectors.interpark import InterparkAdapter
from marketbridge.connectors.ports import (
    DispatchItem,
    MarketplaceOrder,
    OrderStatus,
    SellerCancel,
    SellerCancelReason,
)

from .conftest import AdminCall, method_count, place


def now() -> datetime:
    return datetime.now(UTC)


async def collect(adapter: InterparkAdapter, start: datetime, end: datetime) -> list[MarketplaceOrder]:
    return [o async for page in adapter.fetch_orders(start, end) for o in page]


async def test_windows_are_split_into_days(
    adapter: InterparkAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    old = await place(admin, product, 2, ordered_at=(now() - timedelta(days=2)).isoformat())
    recent = await place(admin, product, 3, items_per_order=2)
    orders = await collect(adapter, now() - timedelta(days=2, hours=1), now() + timedelta(minutes=1))
    assert sorted(o.order_line_id for o in orders) == sorted(old + recent)
    calls = (await admin("GET", "/calls"))["by_path"]
    listing = calls["GET /order/OrderClmAPI.do?_method=orderListForSingle"]
    assert listing["count"] in (3, 4) and listing["statuses"] == {"200": listing["count"]}  # one call per day
    assert await collect(adapter, now() - timedelta(minutes=5), now() + timedelta(minutes=1)) != []  # still listed


async def test_orders_are_parsed_from_euc_kr_with_hangul(
    adapter: InterparkAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    [line] = await place(admin, product, option_index=1, quantity=3, delivery_fee=2500)
    [order] = await collect(adapter, now() - timedelta(minutes=5), now() + timedelta(minutes=1))
    assert order.marketplace == "interpark" and order.account_id == "acct-ip" and order.order_line_id == line
    assert order.product_name == "유기농 현미 4kg" and order.option_text == "도정:현미"
    assert order.unit_price == 16900 and order.total_price == 3 * 16900 and order.shipping_fee == 2500
    assert order.status is OrderStatus.NEW and order.raw_status == "orderListForSingle"
    assert order.seller_product_code == "RICE-4" and any("\uac00" <= ch <= "\ud7a3" for ch in order.receiver_address)
    assert order.paid_at is not None and order.paid_at.utcoffset() == timedelta(hours=9)


async def test_acknowledge_lists_new_orders_and_reports_unknown_lines(
    adapter: InterparkAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    ids = await place(admin, product, 3)
    missing = ids[0].split("-")[0][:8] + "999999-1"
    result = await adapter.acknowledge([*ids, missing])
    assert sorted(result.succeeded) == sorted(ids) and result.failed[missing].code == "NOT_FOUND"
    assert (await admin("GET", f"/lines/{ids[0]}"))["status"] == "CONFIRMED"
    states = await adapter.get_order_states(ids)
    assert set(states) == set(ids) and all(s.status is OrderStatus.ACKNOWLEDGED for s in states.values())


async def test_dispatch_per_line_and_second_dispatch_is_refused(
    adapter: InterparkAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    first, second = await place(admin, product, 2)
    result = await adapter.dispatch(
        [DispatchItem(first, "CJ_LOGISTICS", "6123-4567-8901", now()), DispatchItem(second, "DHL", "1234567890", now())]
    )
    assert result.succeeded == [first] and result.failed[second].code == "UNMAPPED_COURIER"
    again = await adapter.dispatch([DispatchItem(first, "CJ_LOGISTICS", "612345678901", now())])
    assert again.failed[first].code == "301" and again.failed[first].message == "이미 발송처리된 주문입니다."
    ledger = await admin("GET", "/dispatches")
    assert ledger["count"] == 1 and ledger["dispatches"][0]["invoNo"] == "612345678901"
    assert ledger["dispatches"][0]["delvEntrNo"] == "169177"
    state = (await adapter.get_order_states([first]))[first]
    assert state.status is OrderStatus.DISPATCHED and state.courier_code == "CJ_LOGISTICS"
    assert state.tracking_number == "612345678901"
    assert await method_count(admin, "delvCompForComm") == 2


async def test_seller_cancel_is_out_of_stock_per_line(
    adapter: InterparkAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    first, second = await place(admin, product, 2)
    await adapter.dispatch([DispatchItem(second, "HANJIN", "712345678901", now())])
    result = await adapter.cancel_by_seller(
        [SellerCancel(first, SellerCancelReason.SOLD_OUT, "재고 소진"), SellerCancel(second, SellerCancelReason.OTHER)]
    )
    assert result.succeeded == [first] and result.failed[second].code == "302"
    line = await admin("GET", f"/lines/{first}")
    assert line["status"] == "CANCELLED" and line["claim"]["tp"] == "1"
