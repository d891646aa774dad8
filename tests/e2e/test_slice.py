"""The first slice through the gateway only, every service its own process on PostgreSQL and RabbitMQ:
register → publish → buyer order → collect → acknowledge → invoice → send → the sandbox holds the dispatch."""

from __future__ import annotations

from typing import Any

import pytest
from marketbridge.embedded.distributed import Stack

from .conftest import eventually, onboard

pytestmark = pytest.mark.e2e
# 품목고시 (CAT-NOTICE-1): the clothing group, every field pointing at the detail page
WEAR_NOTICE = {
    "group": "wear",
    "fields": {
        c: "상세페이지 참조"
        for c in ("material", "color", "size", "maker", "country", "washing", "made_month", "warranty", "as_contact")
    },
}


async def test_register_publish_collect_acknowledge_invoice_send(stack: Stack) -> None:
    seller = await onboard(stack)
    api, sandbox = seller.client, seller.sandbox

    product = await api.post(
        "/api/v1/products",
        json={
            "name": "데일리 면 티셔츠",
            "category_id": "01010101",
            "price": 19000,
            "notice": WEAR_NOTICE,
            "options": {
                "type": "combination",
                "names": [{"name": "색상", "values": "화이트,블랙"}, {"name": "사이즈", "values": ["M", "L"]}],
                "row_stock": 10,
            },
        },
    )
    assert product.status_code == 201, product.text
    product_id = product.json()["product_id"]
    assert len(product.json()["options"]["rows"]) == 4

    listing = await api.post("/api/v1/listings", json=listing_body(product_id, seller.account_id))
    if listing.status_code == 404:  # the listing service may not have projected the product yet
        listing = await eventually(lambda: _retry_listing(api, product_id, seller.account_id))
    assert listing.status_code == 202, listing.text
    listing_id = listing.json()["listing_id"]

    async def published() -> dict[str, Any] | None:
        body = (await api.get(f"/api/v1/listings/{listing_id}")).json()
        assert body["status"] != "publish_failed", body
        return body if body["status"] == "published" else None

    market_product_id = (await eventually(published))["market_product_id"]
    received = (await sandbox.get("/naver/admin/products", params={"account_id": seller.naver_seller})).json()
    assert any(str(p["originProductNo"]) == market_product_id for p in received)

    order = await sandbox.post("/naver/admin/orders", json={"product_no": int(market_product_id), "quantity": 2})
    assert order.status_code == 201, order.text
    product_order_id = order.json()["product_order_ids"][0]

    run = await api.post("/api/v1/collections", json={"account_ids": [seller.account_id]})
    assert run.status_code == 202, run.text

    async def collected() -> dict[str, Any] | None:
        items = (await api.get("/api/v1/orders", params={"marketplace": "naver"})).json()["items"]
        return next((o for o in items if o["market_order_line_id"] == product_order_id), None)

    collected_order = await eventually(collected)
    order_id = collected_order["order_id"]
    assert collected_order["status"] == "NEW" and collected_order["quantity"] == 2

    status = (await api.get("/api/v1/collections/status")).json()
    assert status, "collection status per account is reported"

    ack = await api.post(f"/api/v1/orders/{order_id}/acknowledge", json={})
    assert ack.status_code in (200, 202), ack.text
    await eventually(lambda: _status_is(api, order_id, "ACKNOWLEDGED"))

    bad = await api.post(
        f"/api/v1/orders/{order_id}/invoice", json={"carrier": "CJ_LOGISTICS", "tracking_number": "12"}
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "tracking_number"
    invoice = await api.post(
        f"/api/v1/orders/{order_id}/invoice", json={"carrier": "CJ_LOGISTICS", "tracking_number": "6123-4567-8901"}
    )
    assert invoice.status_code in (200, 201, 202), invoice.text
    send = await api.post(f"/api/v1/orders/{order_id}/invoice/send")
    assert send.status_code in (200, 202), send.text
    await eventually(lambda: _status_is(api, order_id, "INVOICE_SENT"))

    po = (await sandbox.get(f"/naver/admin/product-orders/{product_order_id}")).json()
    dispatches = (await sandbox.get("/naver/admin/dispatches", params={"account_id": seller.naver_seller})).json()
    mine = [d for d in dispatches["dispatches"] if d["productOrderId"] == product_order_id]
    assert len(mine) == 1
    assert mine[0]["deliveryCompanyCode"] == "CJGLS" and mine[0]["trackingNumber"] == "612345678901"
    assert po is not None

    logs = (await api.get("/api/v1/sync-logs", params={"account_id": seller.account_id})).json()
    assert {item["job"] for item in logs["items"]} >= {"collect", "acknowledge", "invoice", "publish"}


async def _status_is(api: Any, order_id: str, status: str) -> bool:
    body = (await api.get(f"/api/v1/orders/{order_id}")).json()
    return bool(body.get("status") == status)


async def _retry_listing(api: Any, product_id: str, account_id: str) -> Any:
    r = await api.post("/api/v1/listings", json=listing_body(product_id, account_id))
    return r if r.status_code != 404 else None


def listing_body(product_id: str, account_id: str) -> dict[str, Any]:
    return {
        "product_id": product_id,
        "account_id": account_id,
        "sale_price": 19900,
        "market_category_id": "50000804",
        "image_urls": ["https://shop-phinf.pstatic.net/e2e/tshirt.jpg"],
        "detail_html": "<p>면 100% 티셔츠</p>",
        "after_service_phone": "02-1234-5678",
    }
