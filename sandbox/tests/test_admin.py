from __future__ import annotations

from typing import Any

import httpx
from marketbridge.sandbox.core.timefmt import fmt_kst
from marketbridge.sandbox.testing import FakeClock


async def test_bulk_creates_20000_orders_readable_through_the_feed(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                                  clock: FakeClock, product: dict[str, Any]) -> None:
    await client.put("/naver/admin/rate-limit", json={"enabled": False})
    made = await client.post("/naver/admin/orders", json={"product_no": product["originProductNo"], "count": 20_000})
    assert made.status_code == 201
    body = made.json()
    assert body["product_order_count"] == 20_000 and len(set(body["product_order_ids"])) == 20_000
    now = int(clock() * 1000)
    params: dict[str, Any] = {"lastChangedFrom": fmt_kst(now - 60_000), "lastChangedTo": fmt_kst(now)}
    total = 0
    while True:
        data = (await api.get("/v1/pay-order/seller/product-orders/last-changed-statuses", params=params)).json()["data"]
        total += data["count"]
        if "more" not in data:
            break
        params.update(lastChangedFrom=data["more"]["moreFrom"], moreSequence=data["more"]["moreSequence"])
    assert total == 20_000


async def test_apps_are_created_with_a_canonical_bcrypt_salt(client: httpx.AsyncClient) -> None:
    made = (await client.post("/naver/admin/apps", json={"account_id": "ncp_new"})).json()
    assert made["client_secret"].startswith("$2b$04$") and made["account_id"] == "ncp_new"
    bad = await client.post("/naver/admin/apps", json={"client_secret": "$2a$10$abcdefghijklmnopqrstuv"})
    assert bad.status_code == 400
    listed = (await client.get("/naver/admin/apps")).json()
    assert [a["account_id"] for a in listed] == ["ncp_new"]


async def test_reset_keeps_apps_and_clears_orders(client: httpx.AsyncClient, api: httpx.AsyncClient,
                                                  product: dict[str, Any]) -> None:
    await client.post("/naver/admin/orders", json={"product_no": product["originProductNo"]})
    assert (await client.post("/naver/admin/reset", json={})).status_code == 204
    assert (await client.get("/naver/admin/product-orders")).json()["count"] == 0
    assert len((await client.get("/naver/admin/apps")).json()) == 1


async def test_orders_for_an_unknown_product_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.post("/naver/admin/orders", json={"product_no": 1})
    assert response.status_code == 404 and response.json()["code"] == "ADMIN_ERROR"


async def test_healthz(client: httpx.AsyncClient) -> None:
    body = (await client.get("/healthz")).json()
    assert body["status"] == "ok" and body["dialects"][0] == "naver"
