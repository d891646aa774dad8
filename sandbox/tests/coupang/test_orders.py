"""Order sheets: windows, day paging with nextToken, timeFrame; acknowledgement and invoice partial
success; the second invoice for a shipment box refused; seller cancel; bulk order creation."""

from __future__ import annotations

import time
from typing import Any

from marketbridge.sandbox.coupang.models import Vendor
from marketbridge.sandbox.testing import FakeClock

from .conftest import OPENAPI, Admin, PlaceOrders, Signed

DAY = "2024-05-11"  # FakeClock() is 2024-05-11 13:00 KST


def sheets(vendor: Vendor) -> str:
    return f"{OPENAPI}/v5/vendors/{vendor.vendor_id}/ordersheets"


async def test_day_paging_walks_every_box_with_next_token(
    api: Signed, vendor: Vendor, place_orders: PlaceOrders
) -> None:
    placed = await place_orders(count=120)
    seen: list[int] = []
    token = ""
    pages = 0
    while True:
        params = [
            ("createdAtFrom", f"{DAY}+09:00"),
            ("createdAtTo", f"{DAY}+09:00"),
            ("status", "ACCEPT"),
            ("maxPerPage", 50),
        ] + ([("nextToken", token)] if token else [])
        body = (await api("GET", sheets(vendor), params)).json()
        assert body["code"] == 200 and len(body["data"]) <= 50
        seen += [row["shipmentBoxId"] for row in body["data"]]
        pages += 1
        token = body["nextToken"]
        if not token:
            break
    assert pages == 3 and seen == placed["shipment_box_ids"]
    assert all(len(str(box_id)) == 18 for box_id in seen)


async def test_the_order_sheet_shape(api: Signed, vendor: Vendor, place_orders: PlaceOrders) -> None:
    await place_orders(count=1, quantity=2)
    body = (
        await api("GET", sheets(vendor), [("createdAtFrom", DAY), ("createdAtTo", DAY), ("status", "ACCEPT")])
    ).json()
    box = body["data"][0]
    assert box["status"] == "ACCEPT" and box["orderedAt"].startswith("2024-05-11T")
    assert set(box["receiver"]) >= {"name", "safeNumber", "addr1", "addr2", "postCode"}
    item = box["orderItems"][0]
    assert item["shippingCount"] == 2 and item["orderPrice"] == item["salesPrice"] * 2
    assert item["externalVendorSkuCode"] == "TS-BK"


async def test_windows_are_limited(api: Signed, vendor: Vendor) -> None:
    long_days = await api(
        "GET", sheets(vendor), [("createdAtFrom", "2024-04-01"), ("createdAtTo", "2024-05-02"), ("status", "ACCEPT")]
    )
    assert long_days.status_code == 400 and long_days.json()["code"] == "ERROR"
    ok_days = await api(
        "GET", sheets(vendor), [("createdAtFrom", "2024-04-01"), ("createdAtTo", "2024-05-01"), ("status", "ACCEPT")]
    )
    assert ok_days.status_code == 200
    long_frame = await api(
        "GET",
        sheets(vendor),
        [
            ("createdAtFrom", "2024-05-10T00:00"),
            ("createdAtTo", "2024-05-11T00:01"),
            ("status", "ACCEPT"),
            ("searchType", "timeFrame"),
        ],
    )
    assert long_frame.status_code == 400
    no_status = await api("GET", sheets(vendor), [("createdAtFrom", DAY), ("createdAtTo", DAY)])
    assert no_status.status_code == 400


async def test_time_frame_answers_every_box_at_once(api: Signed, vendor: Vendor, place_orders: PlaceOrders) -> None:
    await place_orders(count=70)
    body = (
        await api(
            "GET",
            sheets(vendor),
            [
                ("createdAtFrom", "2024-05-11T12:00+09:00"),
                ("createdAtTo", "2024-05-11T13:00+09:00"),
                ("status", "ACCEPT"),
                ("searchType", "timeFrame"),
            ],
        )
    ).json()
    assert len(body["data"]) == 70 and not body["nextToken"]


async def ack(api: Signed, vendor: Vendor, ids: list[Any]) -> Any:
    return await api(
        "PATCH",
        f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/ordersheets/acknowledgement",
        json={"vendorId": vendor.vendor_id, "shipmentBoxIds": ids},
    )


async def test_acknowledgement_reports_partial_success(api: Signed, vendor: Vendor, place_orders: PlaceOrders) -> None:
    box = (await place_orders())["shipment_box_ids"][0]
    body = (await ack(api, vendor, [box, 999_999_999_999_999_999])).json()
    data = body["data"]
    assert body["code"] == 200 and data["responseCode"] == 1 and "Partial" in data["responseMessage"]
    results = {r["shipmentBoxId"]: r for r in data["responseList"]}
    assert results[box]["succeed"] and results[box]["resultCode"] == "OK"
    assert results[999_999_999_999_999_999]["resultCode"] == "NOT_FOUND_SHIPMENT_BOX"
    again = (await ack(api, vendor, [box])).json()["data"]
    assert again["responseCode"] == 0  # acknowledging twice answers OK again (modelled)
    assert (await ack(api, vendor, list(range(51)))).status_code == 400


def invoice(box: dict[str, Any], number: str, company: str = "CJGLS") -> list[dict[str, Any]]:
    return [
        {
            "shipmentBoxId": box["shipmentBoxId"],
            "orderId": box["orderId"],
            "vendorItemId": i["vendorItemId"],
            "deliveryCompanyCode": company,
            "invoiceNumber": number,
            "splitShipping": False,
            "preSplitShipped": False,
            "estimatedShippingDate": "",
        }
        for i in box["orderItems"]
    ]


async def one_box(api: Signed, vendor: Vendor, box_id: int) -> dict[str, Any]:
    body: dict[str, Any] = (await api("GET", f"{sheets(vendor)}/{box_id}")).json()["data"]
    return body


async def upload(api: Signed, vendor: Vendor, dtos: list[dict[str, Any]]) -> dict[str, Any]:
    response = await api(
        "POST",
        f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/orders/invoices",
        json={"vendorId": vendor.vendor_id, "orderSheetInvoiceApplyDtos": dtos},
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


async def test_invoices_ship_boxes_and_a_second_invoice_is_refused(
    api: Signed, vendor: Vendor, admin: Admin, place_orders: PlaceOrders
) -> None:
    ids = (await place_orders(count=3))["shipment_box_ids"]
    await ack(api, vendor, ids[:2])
    first, second, third = [await one_box(api, vendor, b) for b in ids]
    data = await upload(
        api, vendor, invoice(first, "123456789012") + invoice(second, "12345") + invoice(third, "223456789012")
    )
    codes = {r["shipmentBoxId"]: r["resultCode"] for r in data["responseList"]}
    assert codes == {ids[0]: "OK", ids[1]: "INVALID_INVOICE_NUMBER", ids[2]: "INVALID_STATUS"}
    assert data["responseCode"] == 1
    shipped = await one_box(api, vendor, ids[0])
    assert shipped["status"] == "DEPARTURE" and shipped["invoiceNumber"] == "123456789012"
    assert shipped["deliveryCompanyName"] == "CJ 대한통운"
    again = await upload(api, vendor, invoice(first, "323456789012"))
    assert again["responseList"][0]["resultCode"] == "DUPLICATE_INVOICE_NUMBER"
    assert again["responseList"][0]["retryRequired"] is True and again["responseCode"] == 99
    ledger = await admin("GET", "/dispatches", params={"vendor_id": vendor.vendor_id})
    assert ledger["count"] == 1 and ledger["duplicates"] == [] and ledger["refused_attempts"] == 3


async def test_an_invoice_must_cover_every_item_of_the_box(
    api: Signed, vendor: Vendor, place_orders: PlaceOrders
) -> None:
    box_id = (await place_orders(items_per_box=2))["shipment_box_ids"][0]
    await ack(api, vendor, [box_id])
    box = await one_box(api, vendor, box_id)
    data = await upload(api, vendor, invoice(box, "123456789012")[:1])
    assert data["responseList"][0]["resultCode"] == "NOT_FOUND_VENDOR_ITEM"


async def test_seller_cancel_reports_failed_items(api: Signed, vendor: Vendor, place_orders: PlaceOrders) -> None:
    box = await one_box(api, vendor, (await place_orders(quantity=2))["shipment_box_ids"][0])
    item = box["orderItems"][0]["vendorItemId"]
    path = f"{OPENAPI}/v5/vendors/{vendor.vendor_id}/orders/{box['orderId']}/cancel"
    body = {
        "orderId": box["orderId"],
        "vendorItemIds": [item, 1234],
        "receiptCounts": [2, 1],
        "bigCancelCode": "CANERR",
        "middleCancelCode": "CCTTER",
        "userId": "wing-user",
        "vendorId": vendor.vendor_id,
    }
    answer = (await api("POST", path, json=body)).json()
    assert answer["code"] == "PARTIAL" and answer["data"]["failedVendorItemIds"] == [1234]
    cancelled = await one_box(api, vendor, box["shipmentBoxId"])
    assert cancelled["orderItems"][0]["canceled"] is True and cancelled["orderItems"][0]["cancelCount"] == 2
    bad = await api("POST", path, json={**body, "middleCancelCode": "NOPE"})
    assert bad.status_code == 400


async def test_ten_thousand_orders_are_created_quickly(
    admin: Admin, product: dict[str, Any], clock: FakeClock, api: Signed, vendor: Vendor
) -> None:
    started = time.perf_counter()
    body = await admin(
        "POST", "/orders", json={"seller_product_id": product["sellerProductId"], "count": 10_000, "return_ids": False}
    )
    assert body["box_count"] == 10_000 and time.perf_counter() - started < 5.0
    page = await api("GET", sheets(vendor), [("createdAtFrom", DAY), ("createdAtTo", DAY), ("status", "ACCEPT")])
    assert len(page.json()["data"]) == 50 and page.json()["nextToken"]
