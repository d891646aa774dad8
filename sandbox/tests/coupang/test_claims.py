"""Cancels (payment stage and stop-shipment), returns and exchanges: listings by status and the
seller's actions on them."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.coupang.models import Vendor

from .conftest import OPENAPI, Admin, PlaceOrders, Signed

WINDOW = [("searchType", "timeFrame"), ("createdAtFrom", "2024-05-11T00:00"), ("createdAtTo", "2024-05-11T23:59")]


def returns(vendor: Vendor) -> str:
    return f"{OPENAPI}/v6/vendors/{vendor.vendor_id}/returnRequests"


async def listed(api: Signed, vendor: Vendor, extra: tuple[str, str]) -> list[dict[str, Any]]:
    response = await api("GET", returns(vendor), [*WINDOW, extra])
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["data"]
    return rows


async def acked(api: Signed, vendor: Vendor, place_orders: PlaceOrders) -> str:
    placed = await place_orders()
    await api(
        "PATCH",
        f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/ordersheets/acknowledgement",
        json={"vendorId": vendor.vendor_id, "shipmentBoxIds": placed["shipment_box_ids"]},
    )
    return str(placed["order_line_ids"][0])


async def action(api: Signed, vendor: Vendor, receipt: int, name: str, **extra: Any) -> Any:
    return await api(
        "PUT",
        f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/returnRequests/{receipt}/{name}",
        json={"vendorId": vendor.vendor_id, "receiptId": receipt, **extra},
    )


async def test_a_payment_stage_cancel_is_listed_with_cancel_type(
    api: Signed, vendor: Vendor, admin: Admin, place_orders: PlaceOrders
) -> None:
    line = (await place_orders())["order_line_ids"][0]
    claim = await admin("POST", "/claims", json={"order_line_id": line, "kind": "cancel"})
    assert claim["status"] == "RETURNS_COMPLETED" and claim["receipt_type"] == "CANCEL"
    rows = await listed(api, vendor, ("cancelType", "CANCEL"))
    assert [r["receiptId"] for r in rows] == [claim["receipt_id"]]
    assert rows[0]["returnItems"][0]["shipmentBoxId"] == int(line.split("-")[0])
    assert await listed(api, vendor, ("status", "CC")) == []


async def test_stop_shipment_request_and_its_approval(
    api: Signed, vendor: Vendor, admin: Admin, place_orders: PlaceOrders
) -> None:
    line = await acked(api, vendor, place_orders)
    claim = await admin("POST", "/claims", json={"order_line_id": line, "kind": "cancel"})
    assert claim["status"] == "RELEASE_STOP_UNCHECKED"
    [row] = await listed(api, vendor, ("status", "RU"))
    assert row["receiptType"] == "CANCEL" and row["cancelCountSum"] == 1
    wrong = await action(api, vendor, row["receiptId"], "stoppedShipment", cancelCount=5)
    assert wrong.status_code == 400 and wrong.json()["code"] == "ERROR"
    done = await action(api, vendor, row["receiptId"], "stoppedShipment", cancelCount=1)
    assert done.status_code == 200
    assert [r["receiptStatus"] for r in await listed(api, vendor, ("status", "CC"))] == ["RETURNS_COMPLETED"]


async def test_already_shipped_turns_the_request_into_a_return(
    api: Signed, vendor: Vendor, admin: Admin, place_orders: PlaceOrders
) -> None:
    line = await acked(api, vendor, place_orders)
    claim = await admin("POST", "/claims", json={"order_line_id": line, "kind": "cancel"})
    answer = await action(
        api,
        vendor,
        claim["receipt_id"],
        "completedShipment",
        deliveryCompanyCode="HANJIN",
        invoiceNumber="412345678901",
    )
    assert answer.status_code == 200
    [row] = await listed(api, vendor, ("status", "UC"))
    assert row["receiptType"] == "RETURN"
    ledger = await admin("GET", "/dispatches")
    assert [d["source"] for d in ledger["dispatches"]] == ["completedShipment"]


async def test_return_receive_then_approve(
    api: Signed, vendor: Vendor, admin: Admin, place_orders: PlaceOrders
) -> None:
    line = await acked(api, vendor, place_orders)
    refused = await admin("POST", "/claims", json={"order_line_id": line, "kind": "return"}, expect=409)
    assert refused["code"] == "ERROR"
    box_id = int(line.split("-")[0])
    box = (await api("GET", f"{OPENAPI}/v5/vendors/{vendor.vendor_id}/ordersheets/{box_id}")).json()["data"]
    await api(
        "POST",
        f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/orders/invoices",
        json={
            "vendorId": vendor.vendor_id,
            "orderSheetInvoiceApplyDtos": [
                {
                    "shipmentBoxId": box_id,
                    "orderId": box["orderId"],
                    "vendorItemId": box["orderItems"][0]["vendorItemId"],
                    "deliveryCompanyCode": "EPOST",
                    "invoiceNumber": "6012345678901",
                    "splitShipping": False,
                    "preSplitShipped": False,
                    "estimatedShippingDate": "",
                }
            ],
        },
    )
    await admin("POST", f"/ordersheets/{box_id}/advance", json={"to": "FINAL_DELIVERY"})
    claim = await admin("POST", "/claims", json={"order_line_id": line, "kind": "return"})
    assert claim["status"] == "RETURNS_UNCHECKED"
    assert (await action(api, vendor, claim["receipt_id"], "receiveConfirmation")).status_code == 200
    [row] = await listed(api, vendor, ("status", "UC"))
    assert row["receiptStatus"] == "VENDOR_WAREHOUSE_CONFIRM"
    assert (await action(api, vendor, claim["receipt_id"], "approval", cancelCount=1)).status_code == 200
    assert (await action(api, vendor, claim["receipt_id"], "approval", cancelCount=1)).status_code == 400


async def test_return_windows_are_limited_to_31_days(api: Signed, vendor: Vendor) -> None:
    response = await api(
        "GET",
        returns(vendor),
        [
            ("searchType", "timeFrame"),
            ("createdAtFrom", "2024-04-01T00:00"),
            ("createdAtTo", "2024-05-11T00:00"),
            ("status", "UC"),
        ],
    )
    assert response.status_code == 400


async def test_exchange_receive_reinvoice_and_reject(
    api: Signed, vendor: Vendor, admin: Admin, place_orders: PlaceOrders
) -> None:
    lines = (await place_orders(count=2))["order_line_ids"]
    exchanges = f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/exchangeRequests"
    ids = []
    for line in lines:
        box_id = int(line.split("-")[0])
        state_box = await admin("GET", f"/ordersheets/{box_id}")
        assert state_box["detail"]["status"] == "ACCEPT"
        await admin("POST", "/claims", json={"order_line_id": line, "kind": "exchange"}, expect=409)
    coupang_boxes = [int(line.split("-")[0]) for line in lines]
    for box_id in coupang_boxes:  # ship both boxes without the API: through completedShipment is overkill here
        await api(
            "PATCH",
            f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/ordersheets/acknowledgement",
            json={"vendorId": vendor.vendor_id, "shipmentBoxIds": [box_id]},
        )
        box = (await admin("GET", f"/ordersheets/{box_id}"))["detail"]
        await api(
            "POST",
            f"{OPENAPI}/v4/vendors/{vendor.vendor_id}/orders/invoices",
            json={
                "vendorId": vendor.vendor_id,
                "orderSheetInvoiceApplyDtos": [
                    {
                        "shipmentBoxId": box_id,
                        "orderId": box["orderId"],
                        "vendorItemId": box["orderItems"][0]["vendorItemId"],
                        "deliveryCompanyCode": "CJGLS",
                        "invoiceNumber": f"5{box_id % 10**11:011d}",
                        "splitShipping": False,
                        "preSplitShipped": False,
                        "estimatedShippingDate": "",
                    }
                ],
            },
        )
    for line in lines:
        ids.append((await admin("POST", "/claims", json={"order_line_id": line, "kind": "exchange"}))["exchange_id"])
    window = [("createdAtFrom", "2024-05-11T00:00:00"), ("createdAtTo", "2024-05-11T23:59:59")]
    rows = (await api("GET", exchanges, window)).json()["data"]
    assert [r["exchangeId"] for r in rows] == ids and rows[0]["exchangeStatus"] == "RECEIPT"
    first, second = ids
    base = {"vendorId": vendor.vendor_id}
    assert (
        await api("PUT", f"{exchanges}/{first}/receiveConfirmation", json={**base, "exchangeId": first})
    ).status_code == 200
    assert (
        await api(
            "POST",
            f"{exchanges}/{first}/invoices",
            json=[
                {
                    **base,
                    "exchangeId": first,
                    "goodsDeliveryCode": "CJGLS",
                    "invoiceNumber": "712345678901",
                    "shipmentBoxId": int(lines[0].split("-")[0]),
                }
            ],
        )
    ).status_code == 200
    assert (
        await api(
            "PUT",
            f"{exchanges}/{second}/rejection",
            json={**base, "exchangeId": second, "exchangeRejectCode": "SOLDOUT"},
        )
    ).status_code == 200
    rows = (await api("GET", exchanges, window)).json()["data"]
    assert [(r["exchangeStatus"], bool(r["deliveryInvoiceGroupDtos"])) for r in rows] == [
        ("PROGRESS", True),
        ("REJECT", False),
    ]
    too_long = await api(
        "GET", exchanges, [("createdAtFrom", "2024-05-01T00:00:00"), ("createdAtTo", "2024-05-11T00:00:00")]
    )
    assert too_long.status_code == 400
