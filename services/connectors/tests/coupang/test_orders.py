"""Order sheets, states, acknowledgement, invoices (dispatch) and seller cancel against the emulator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from marketbridge.connectors.coupang import CoupangAdapter
from marketbridge.connectors.coupang.dates import KST, split, split_days
from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.ports import DispatchItem, MarketplaceOrder, OrderStatus, SellerCancel, SellerCancelReason

from .conftest import AdminCall, PlaceOrders


def now() -> datetime:
    """Read at use: the module may be imported minutes before a test runs (pytest-xdist)."""
    return datetime.now(UTC)


async def collect(adapter: CoupangAdapter, start: datetime, end: datetime) -> list[MarketplaceOrder]:
    return [line async for page in adapter.fetch_orders(start, end) for line in page]


async def calls(admin: AdminCall, route_part: str) -> int:
    by_path = (await admin("GET", "/calls", params={"recent": 0}))["by_path"]
    return sum(v["count"] for k, v in by_path.items() if route_part in k)


def test_windows_split_into_documented_maxima() -> None:
    start = datetime(2024, 1, 1, 0, 0, tzinfo=KST)
    days = split_days(start, start + timedelta(days=70), 31)
    assert [(a.isoformat(), b.isoformat()) for a, b in days] == [
        ("2024-01-01", "2024-01-31"),
        ("2024-02-01", "2024-03-02"),
        ("2024-03-03", "2024-03-11"),
    ]
    slices = split(start, start + timedelta(days=16), timedelta(days=7))
    assert [b - a for a, b in slices] == [timedelta(days=7), timedelta(days=7), timedelta(days=2)]
    assert slices[0][1] == slices[1][0]


async def test_a_short_window_uses_time_frame(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    placed = await place_orders(count=3, quantity=2)
    lines = await collect(adapter, now() - timedelta(hours=1), now() + timedelta(minutes=1))
    assert sorted(line.order_line_id for line in lines) == sorted(placed["order_line_ids"])
    line = lines[0]
    box, item = line.order_line_id.split("-")
    assert len(box) == 18 and item == line.option_code
    assert line.status == OrderStatus.NEW and line.raw_status == "ACCEPT" and line.quantity == 2
    assert line.total_price == 2 * line.unit_price and line.receiver_address and line.receiver_phone
    assert line.ordered_at.tzinfo is not None and line.seller_product_code == "SOCK-BK"
    assert await calls(admin, "ordersheets") == 6 + 1  # one timeFrame call per status + the delivered re-scan


async def test_a_long_window_pages_by_day_in_31_day_slices(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    old = (now() - timedelta(days=40)).astimezone(KST).isoformat()
    early = await place_orders(count=60, ordered_at=old)
    recent = await place_orders(count=5)
    lines = await collect(adapter, now() - timedelta(days=45), now() + timedelta(minutes=1))
    assert sorted(line.order_line_id for line in lines) == sorted(early["order_line_ids"] + recent["order_line_ids"])
    # two 31-day slices x statuses + one extra page + the delivered re-scan of the week before
    assert await calls(admin, "ordersheets") == 2 * 6 + 1 + 1


async def test_ord_col_6_a_parcel_delivered_after_its_order_window_is_seen_by_the_next_collection(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    """Coupang lists order sheets by order date only: the week before the window is re-scanned for boxes
    now delivered, so the collector sees the delivered status of an order it collected days ago."""
    ordered = (now() - timedelta(days=3)).astimezone(KST).isoformat()
    [line] = (await place_orders(count=1, ordered_at=ordered))["order_line_ids"]
    [still_open] = (await place_orders(count=1, ordered_at=ordered))["order_line_ids"]
    await adapter.acknowledge([line])
    await adapter.dispatch([DispatchItem(line, "HANJIN", "400000000001", now())])
    await admin("POST", f"/ordersheets/{line.split('-')[0]}/advance", json={"to": "FINAL_DELIVERY"})
    lines = await collect(adapter, now() - timedelta(hours=2), now() + timedelta(minutes=1))
    assert [(x.order_line_id, x.status, x.raw_status) for x in lines] == [
        (line, OrderStatus.DELIVERED, "FINAL_DELIVERY")
    ]
    assert still_open not in {x.order_line_id for x in lines}  # only delivered boxes are re-scanned
    eight_days_ago = (now() - timedelta(days=8)).astimezone(KST).isoformat()
    [too_old] = (await place_orders(count=1, ordered_at=eight_days_ago))["order_line_ids"]
    await adapter.acknowledge([too_old])
    await adapter.dispatch([DispatchItem(too_old, "HANJIN", "400000000002", now())])
    await admin("POST", f"/ordersheets/{too_old.split('-')[0]}/advance", json={"to": "FINAL_DELIVERY"})
    again = await collect(adapter, now() - timedelta(hours=2), now() + timedelta(minutes=1))
    assert [x.order_line_id for x in again] == [line]  # the re-scan reaches back seven days, not further


async def test_states_and_acknowledgement_with_partial_success(
    adapter: CoupangAdapter, place_orders: PlaceOrders
) -> None:
    lines = (await place_orders(count=2))["order_line_ids"]
    result = await adapter.acknowledge([lines[0], "999999999999999999-1", "not-a-line"])
    assert result.succeeded == [lines[0]]
    assert result.failed["999999999999999999-1"].code == "NOT_FOUND_SHIPMENT_BOX"
    assert result.failed["not-a-line"].code == "INVALID_ORDER_LINE_ID"
    states = await adapter.get_order_states([*lines, "999999999999999999-1"])
    assert set(states) == set(lines)
    assert states[lines[0]].acknowledged and states[lines[0]].status == OrderStatus.ACKNOWLEDGED
    assert not states[lines[1]].acknowledged


async def test_acknowledgement_batches_of_fifty_boxes(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    lines = (await place_orders(count=120))["order_line_ids"]
    result = await adapter.acknowledge(lines)
    assert result.all_succeeded and len(result.succeeded) == 120
    assert await calls(admin, "acknowledgement") == 3


async def test_dispatch_and_the_refused_second_dispatch(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    lines = (await place_orders(count=2, items_per_box=2))["order_line_ids"]
    await adapter.acknowledge(lines)
    at = datetime.now(UTC)
    first_box = [line for line in lines if line.startswith(lines[0].split("-")[0])]
    result = await adapter.dispatch([DispatchItem(first_box[0], "CJ_LOGISTICS", "123456789012", at)])
    assert result.succeeded == [first_box[0]] and not result.failed
    states = await adapter.get_order_states(first_box)
    assert all(s.status == OrderStatus.DISPATCHED and s.tracking_number == "123456789012" for s in states.values())
    assert states[first_box[0]].courier_code == "CJ_LOGISTICS"
    again = await adapter.dispatch([DispatchItem(first_box[0], "CJ_LOGISTICS", "123456789013", at)])
    assert again.failed[first_box[0]].code == "DUPLICATE_INVOICE_NUMBER"
    ledger = await admin("GET", "/dispatches")
    assert ledger["duplicates"] == [] and {d["order_line_id"] for d in ledger["dispatches"]} == set(first_box)
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.dispatch([DispatchItem(lines[-1], "CUPARCEL", "123456789012", at)])
    assert "CU편의점택배" in caught.value.message


async def test_collected_lines_carry_the_invoice(adapter: CoupangAdapter, place_orders: PlaceOrders) -> None:
    [line] = (await place_orders())["order_line_ids"]
    await adapter.acknowledge([line])
    await adapter.dispatch([DispatchItem(line, "LOTTE", "1234567890", datetime.now(UTC))])
    [order] = await collect(adapter, now() - timedelta(hours=1), now() + timedelta(minutes=1))
    assert order.status == OrderStatus.DISPATCHED and order.raw_status == "DEPARTURE"
    assert order.courier_code == "LOTTE" and order.tracking_number == "1234567890" and order.dispatched_at


async def test_seller_cancel(adapter: CoupangAdapter, place_orders: PlaceOrders) -> None:
    lines = (await place_orders(count=2))["order_line_ids"]
    await adapter.acknowledge([lines[1]])
    result = await adapter.cancel_by_seller(
        [
            SellerCancel(lines[0], SellerCancelReason.SOLD_OUT),
            SellerCancel(lines[1], SellerCancelReason.WRONG_PRODUCT_INFO),
        ]
    )
    assert sorted(result.succeeded) == sorted(lines) and not result.failed
    states = await adapter.get_order_states(lines)
    assert {s.status for s in states.values()} == {OrderStatus.CANCELLED}
    again = await adapter.cancel_by_seller([SellerCancel(lines[0], SellerCancelReason.SOLD_OUT)])
    assert again.failed[lines[0]].code == "NOT_CANCELLABLE"
