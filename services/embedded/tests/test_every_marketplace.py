"""The product, embedded, through its public API only: the demo seller publishes one product to every
sandbox marketplace, buyers order it, and the orders are collected, acknowledged, invoiced and sent."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from marketbridge.connectors.factories import connectable
from marketbridge.embedded.host import EmbeddedHost, sandbox_driver

WEAR_NOTICE = {
    "group": "wear",
    "fields": {
        c: "상세페이지 참조"
        for c in ("material", "color", "size", "maker", "country", "washing", "made_month", "warranty", "as_contact")
    },
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def product(tmp_path: Path) -> AsyncIterator[tuple[EmbeddedHost, httpx.AsyncClient, httpx.AsyncClient]]:
    port = _free_port()
    host = EmbeddedHost(data_dir=tmp_path, port=port)
    app = host.build().app
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_config=None))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    await host.start()  # after the server: GS SHOP's receiver must be reachable when its seller registers
    base = f"http://127.0.0.1:{port}"
    api = httpx.AsyncClient(base_url=base, timeout=60)
    r = await api.post("/api/v1/auth/token", data={"username": "demo@marketbridge.local", "password": "demo"})
    api.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    sandbox = httpx.AsyncClient(base_url=f"{base}/sandbox", timeout=60)
    try:
        yield host, api, sandbox
    finally:
        await api.aclose()
        await sandbox.aclose()
        server.should_exit = True
        await task
        await host.stop()


async def eventually(check: Any, timeout: float = 120.0) -> Any:
    for _ in range(int(timeout / 0.5)):
        if result := await check():
            return result
        await asyncio.sleep(0.5)
    raise AssertionError(f"not reached in {timeout}s: {await check()}")


async def test_publish_collect_acknowledge_and_dispatch_on_every_marketplace(product: Any) -> None:
    host, api, sandbox = product
    accounts = {a["marketplace"]: a["account_id"] for a in (await api.get("/api/v1/marketplace-accounts")).json()}
    assert set(accounts) == set(connectable()), "a demo account on every sandbox marketplace"
    created = await api.post(
        "/api/v1/products",
        json={
            "name": "데일리 면 티셔츠",
            "category_id": "01010101",
            "price": 19000,
            "stock": 500,
            "notice": WEAR_NOTICE,
        },
    )
    product_id = created.json()["product_id"]
    drivers = {m: sandbox_driver(m, sandbox, "") for m in accounts}
    listings = {}
    for marketplace, account_id in accounts.items():
        body = {
            "product_id": product_id,
            "account_id": account_id,
            "sale_price": 19900,
            "market_category_id": getattr(drivers[marketplace], "category_id", "50000804"),
            "image_urls": ["https://img.example/t.jpg"],
            "detail_html": "<p>면 100%</p>",
            "after_service_phone": "02-1234-5678",
        }

        async def listed(body: dict[str, Any] = body) -> dict[str, Any] | None:
            r = await api.post("/api/v1/listings", json=body)
            return r.json() if r.status_code == 202 else None

        listings[marketplace] = (await eventually(listed))["listing_id"]

    async def all_published() -> dict[str, str] | None:
        out = {}
        for marketplace, listing_id in listings.items():
            body = (await api.get(f"/api/v1/listings/{listing_id}")).json()
            assert body["status"] != "publish_failed", (marketplace, body)
            if body["status"] == "published":
                out[marketplace] = body["market_product_id"]
        return out if len(out) == len(listings) else None

    market_products = await eventually(all_published)
    lines = {m: await drivers[m].create_order(host.demo_sellers[m], market_products[m]) for m in accounts}
    assert (await api.post("/api/v1/collections", json={})).status_code == 202

    async def all_collected() -> list[dict[str, Any]] | None:
        items = (await api.get("/api/v1/orders", params={"limit": 100})).json()["items"]
        return items if {o["marketplace"] for o in items} == set(accounts) else None

    orders = await eventually(all_collected)
    assert {o["marketplace"]: o["market_order_line_id"] for o in orders} == lines
    ids = [o["order_id"] for o in orders]
    assert (await api.post("/api/v1/orders/acknowledge", json={"order_ids": ids})).status_code in (200, 202)

    async def count(status: str) -> bool:
        body = (await api.get("/api/v1/orders", params={"status": status, "limit": 1})).json()
        return bool(body["total"] == len(ids))

    await eventually(lambda: count("ACKNOWLEDGED"))
    for i, order_id in enumerate(ids):
        r = await api.post(
            f"/api/v1/orders/{order_id}/invoice",
            json={"carrier": "CJ_LOGISTICS", "tracking_number": f"6300123456{i:02d}"},
        )
        assert r.status_code in (200, 201), r.text
    assert (await api.post("/api/v1/orders/invoices/send", json={"order_ids": ids})).status_code in (200, 202)
    await eventually(lambda: count("INVOICE_SENT"))
    for marketplace, line in lines.items():
        dispatched = [
            d
            for d in await drivers[marketplace].dispatches(host.demo_sellers[marketplace])
            if d["order_line_id"] == line
        ]
        assert len(dispatched) == 1, marketplace
