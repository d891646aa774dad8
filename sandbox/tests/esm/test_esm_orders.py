"""RequestOrders (5-second limit, 31-day window), OrderCheck, ShippingInfo and the dispatch ledger."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from marketbridge.sandbox.testing import FakeClock

ADMIN = "/esm/admin"
Call = Callable[..., Awaitable[httpx.Response]]
Orders = Callable[..., Awaitable[list[int]]]
Window = Callable[..., dict[str, str]]
ORDERS = "/shipping/v1/Order/RequestOrders"
SHIP = "/shipping/v1/Delivery/ShippingInfo"


def listing(window: Window, status: int = 1, site_type: int = 2, **extra: Any) -> dict[str, Any]:
    return {
        "siteType": site_type,
        "orderStatus": status,
        "requestDateType": 2,
        "pageIndex": 1,
        "pageSize": 100,
        **window(),
        **extra,
    }


def ship(order_no: int, invoice: str = "123456789012", company: int = 10013) -> dict[str, Any]:
    return {
        "OrderNo": order_no,
        "ShippingDate": "2024-05-11T13:30:00",
        "DeliveryCompanyCode": company,
        "InvoiceNo": invoice,
    }


async def test_new_orders_are_listed_with_the_documented_fields(
    api: Call, clock: FakeClock, orders: Orders, window: Window
) -> None:
    ids = await orders(count=3)
    data = (await api("POST", ORDERS, json=listing(window))).json()["Data"]
    assert data["TotalCount"] == 3 and [r["OrderNo"] for r in data["RequestOrders"]] == ids
    row = data["RequestOrders"][0]
    assert row["OrderStatus"] == 1 and row["SellerId"] == "gseller" and row["PayDate"].count("T") == 1
    assert {"PayNo", "SiteGoodsNo", "ContrAmount", "ReceiverName", "DelFullAddress", "NoSongjang"} <= set(row)


async def test_order_list_allows_one_call_per_5_seconds_per_seller(api: Call, clock: FakeClock, window: Window) -> None:
    assert (await api("POST", ORDERS, json=listing(window))).json()["ResultCode"] == 0
    refused = (await api("POST", ORDERS, json=listing(window, status=2))).json()
    assert refused["ResultCode"] == 3000 and "5초" in refused["Message"]
    assert (await api("POST", ORDERS, json=listing(window, site_type=1))).json()["ResultCode"] == 0  # other seller id
    clock.advance(4.9)
    assert (await api("POST", ORDERS, json=listing(window))).json()["ResultCode"] == 3000
    clock.advance(0.1)
    assert (await api("POST", ORDERS, json=listing(window))).json()["ResultCode"] == 0


async def test_order_number_lookups_are_exempt(api: Call, clock: FakeClock, orders: Orders, window: Window) -> None:
    order_no = (await orders())[0]
    await api("POST", ORDERS, json=listing(window))
    for _ in range(3):
        answer = (await api("POST", ORDERS, json={"siteType": 2, "orderStatus": 0, "orderNo": order_no})).json()
        assert answer["ResultCode"] == 0 and answer["Data"]["RequestOrders"][0]["OrderNo"] == order_no
    missing = (await api("POST", ORDERS, json={"siteType": 2, "orderStatus": 0, "orderNo": 1})).json()
    assert missing["ResultCode"] == 99999


async def test_windows_over_31_days_are_refused(api: Call, window: Window) -> None:
    body = {**listing(window), **window(before_s=32 * 86400)}
    assert (await api("POST", ORDERS, json=body)).json()["ResultCode"] == 3000


async def test_check_ship_and_second_dispatch_is_refused(
    api: Call, client: httpx.AsyncClient, clock: FakeClock, orders: Orders, window: Window
) -> None:
    order_no = (await orders())[0]
    checked = (await api("POST", f"/shipping/v1/Order/OrderCheck/{order_no}", json={"siteType": 2})).json()
    assert checked == {"ResultCode": 0, "Message": "Success", "Data": {"OrderNo": order_no, "IsChanged": 0}}
    assert (await api("POST", SHIP, json=ship(order_no))).json()["ResultCode"] == 0
    again = (await api("POST", SHIP, json=ship(order_no, invoice="999988887777"))).json()
    assert again["ResultCode"] == 8668 and again["Data"] is None
    ledger = (await client.get(f"{ADMIN}/dispatches")).json()
    assert ledger["count"] == 1 and ledger["refused_attempts"] == 1 and ledger["duplicates"] == []
    clock.advance(5)
    shipped = (await api("POST", ORDERS, json=listing(window, status=3))).json()["Data"]["RequestOrders"]
    assert shipped[0]["NoSongjang"] == "123456789012" and shipped[0]["TakbaeName"] == "CJ대한통운"


async def test_auction_failures_carry_a_biz_rule_code(api: Call, orders: Orders) -> None:
    order_no = (await orders(site="A"))[0]
    await api("POST", SHIP, json=ship(order_no))
    again = (await api("POST", SHIP, json=ship(order_no))).json()
    assert again["ResultCode"] == 8668 and again["BizRuleCode"] == "ALREADY_SHIPPED"


async def test_shipping_date_and_courier_are_validated(api: Call, orders: Orders) -> None:
    order_no = (await orders())[0]
    late = {**ship(order_no), "ShippingDate": "2024-05-20T10:00:00"}
    assert (await api("POST", SHIP, json=late)).json()["ResultCode"] == 3000
    assert (await api("POST", SHIP, json=ship(order_no, company=99999))).json()["ResultCode"] == 3000


async def test_ten_thousand_orders_are_placed_quickly(
    client: httpx.AsyncClient, goods: dict[str, Any], api: Call, window: Window
) -> None:
    started = time.perf_counter()
    response = await client.post(
        f"{ADMIN}/orders", json={"goods_no": goods["goodsNo"], "count": 10_000, "return_ids": False}
    )
    assert response.status_code == 201 and time.perf_counter() - started < 5
    data = (await api("POST", ORDERS, json=listing(window, pageSize=500))).json()["Data"]
    assert data["TotalCount"] == 10_000 and len(data["RequestOrders"]) == 500


async def test_faults_are_injected(api: Call, client: httpx.AsyncClient, window: Window) -> None:
    await client.post(f"{ADMIN}/faults", json={"path_pattern": "RequestOrders", "kind": "http_500", "count": 1})
    assert (await api("POST", ORDERS, json=listing(window))).status_code == 500
    await client.post(f"{ADMIN}/faults", json={"path_pattern": "RequestOrders", "kind": "malformed", "count": 1})
    response = await api("POST", ORDERS, json=listing(window))
    assert response.status_code == 200 and not response.text.endswith("}")
    calls = (await client.get(f"{ADMIN}/calls")).json()
    assert calls["total"] == 2 and calls["peak_per_second_by_seller"]["gseller"] == 2
