"""The Driver the shared contract suite and the benchmarks use."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
from marketbridge.sandbox.coupang.auth import authorization
from marketbridge.sandbox.coupang.driver import Driver
from marketbridge.sandbox.testing import FakeClock

from .conftest import OPENAPI, SELLER_API


async def signed(
    client: httpx.AsyncClient,
    seller: dict[str, str],
    clock: FakeClock,
    method: str,
    path: str,
    json: Any = None,
    params: list[tuple[str, Any]] | None = None,
) -> httpx.Response:
    query = urlencode(params or [])
    header = authorization(seller["access_key"], seller["secret_key"], method, path, query, clock())
    url = f"/coupang/external{path}" + (f"?{query}" if query else "")
    return await client.request(method, url, json=json, headers={"Authorization": header})


async def test_the_driver_covers_the_contract_scenario(client: httpx.AsyncClient, clock: FakeClock) -> None:
    driver = Driver(client)
    seller = await driver.create_seller()
    assert set(seller) == {"access_key", "secret_key", "vendor_id", "seller_id"}
    product = (await client.post("/coupang/admin/products", json={"vendor_id": seller["vendor_id"]})).json()
    product_id = str(product["sellerProductId"])
    line = await driver.create_order(seller, product_id, quantity=2)
    box_id, item_id = (int(part) for part in line.split("-"))
    await driver.create_orders_bulk(seller, product_id, 30)
    vendor = seller["vendor_id"]
    await signed(
        client,
        seller,
        clock,
        "PATCH",
        f"{OPENAPI}/v4/vendors/{vendor}/ordersheets/acknowledgement",
        {"vendorId": vendor, "shipmentBoxIds": [box_id]},
    )
    box = (await client.get(f"/coupang/admin/ordersheets/{box_id}")).json()["detail"]
    await signed(
        client,
        seller,
        clock,
        "POST",
        f"{OPENAPI}/v4/vendors/{vendor}/orders/invoices",
        {
            "vendorId": vendor,
            "orderSheetInvoiceApplyDtos": [
                {
                    "shipmentBoxId": box_id,
                    "orderId": box["orderId"],
                    "vendorItemId": item_id,
                    "deliveryCompanyCode": "CJGLS",
                    "invoiceNumber": "123456789012",
                    "splitShipping": False,
                    "preSplitShipped": False,
                    "estimatedShippingDate": "",
                }
            ],
        },
    )
    assert await driver.dispatches(seller) == [
        {"order_line_id": line, "courier_code": "CJGLS", "tracking_number": "123456789012"}
    ]
    assert await driver.create_claim(seller, line, "return")
    inquiry = await driver.create_inquiry(seller, product_id, None)
    assert await driver.inquiry_answer(seller, inquiry) is None
    await signed(
        client,
        seller,
        clock,
        "POST",
        f"{OPENAPI}/v4/vendors/{vendor}/onlineInquiries/{inquiry}/replies",
        {"content": "답변입니다.", "vendorId": vendor, "replyBy": "wing"},
    )
    assert await driver.inquiry_answer(seller, inquiry) == "답변입니다."
    await driver.inject_fault("display-categories", "http_500", count=1)
    categories = f"{SELLER_API}/meta/display-categories"
    assert (await signed(client, seller, clock, "GET", categories)).status_code == 500
    await driver.inject_fault("display-categories", "http_500")
    await driver.clear_faults()
    assert (await signed(client, seller, clock, "GET", categories)).status_code == 200
    assert await driver.peak_rate(seller) >= 1.0
    await driver.revoke_credentials(seller)
    assert (await signed(client, seller, clock, "GET", categories)).status_code == 401
