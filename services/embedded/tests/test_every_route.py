"""Every public route, through the gateway of the embedded product: a user of one tenant can never see or
change another tenant's data, and bad input always gets a 4xx with a machine-readable code, the field
and a Korean message, with nothing stored changed. The route tables below must name every route of the
merged OpenAPI document, so a new route cannot be added without being covered here."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from marketbridge.contracts.orders import OrderLine, OrdersCollected
from marketbridge.embedded.host import EmbeddedHost
from marketbridge.gateway.bootstrap import create_owner
from marketbridge.runtime.bus.base import OutgoingMessage
from marketbridge.runtime.messages import envelope

WEAR_NOTICE = {
    "group": "wear",
    "fields": {
        c: "상세페이지 참조"
        for c in ("material", "color", "size", "maker", "country", "washing", "made_month", "warranty", "as_contact")
    },
}
SELF_SCOPED = {
    ("post", "/api/v1/auth/token"),
    ("get", "/api/v1/me"),
    ("post", "/api/v1/me/password"),
    ("get", "/api/v1/tenant"),
    ("patch", "/api/v1/tenant"),
}
CREATES_OWN = {
    ("post", "/api/v1/products"),
    ("post", "/api/v1/marketplace-accounts"),
    ("post", "/api/v1/users"),
    ("post", "/api/v1/products/excel/imports"),
    ("post", "/api/v1/products/option-rows"),
}
LISTS = {
    "/api/v1/collections/runs",
    "/api/v1/collections/status",
    "/api/v1/listings",
    "/api/v1/marketplace-accounts",
    "/api/v1/marketplaces",
    "/api/v1/orders",
    "/api/v1/orders/counts",
    "/api/v1/products",
    "/api/v1/sync-logs",
    "/api/v1/users",
    "/api/v1/products/deleted",
    "/api/v1/products/excel/export",
    "/api/v1/products/seller-code-check",
    # reference data shared by every tenant: readable, and it must not show tenant data either
    "/api/v1/categories",
    "/api/v1/categories/search",
    "/api/v1/categories/{category_id}",
    "/api/v1/products/reference",
    "/api/v1/products/notice-groups/{code}",
    "/api/v1/products/excel/template",
    "/api/v1/orders/carriers",
}
QUERY = {
    "/api/v1/categories/search": {"q": "티셔츠"},
    "/api/v1/products/seller-code-check": {"code": "A-1"},
    "/api/v1/orders/carriers": {"marketplace": "naver"},
}
SHARED_IDS = {
    "category_id": "01010101",
    "code": "wear",
    "index": "0",
    "name": "main.jpg",
    "job_id": "00000000-0000-0000-0000-000000000000",
}
NOT_AN_IMAGE = {"file": ("photo 1.png", b"not an image", "image/png")}


def _valid_jpeg() -> bytes:
    """A main image that passes CAT-IMG-1 (1000×1000 JPEG), so only the owner is wrong."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (1000, 1000), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


A_VALID_IMAGE = {"file": ("main1.jpg", _valid_jpeg(), "image/jpeg")}


@dataclass
class World:
    base: str
    a: httpx.AsyncClient
    b: httpx.AsyncClient
    ids: dict[str, str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    port = _free_port()
    host = EmbeddedHost(data_dir=tmp_path, port=port)
    gateway = host.build()
    await host.start()
    server = uvicorn.Server(uvicorn.Config(gateway.app, host="127.0.0.1", port=port, lifespan="off", log_config=None))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    await create_owner(gateway, "다른상점", "owner@other.example", "passw0rd!", "다른 대표")
    a = await _login(base, "demo@marketbridge.local", "demo")
    b = await _login(base, "owner@other.example", "passw0rd!")
    try:
        yield World(base, a, b, await _tenant_a_resources(host, base, a))
    finally:
        await a.aclose()
        await b.aclose()
        server.should_exit = True
        await task
        await host.stop()


async def _login(base: str, email: str, password: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, timeout=30)
    r = await client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200, r.text
    client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    return client


async def _eventually(check: Any, timeout: float = 60.0) -> Any:
    for _ in range(int(timeout / 0.1)):
        if result := await check():
            return result
        await asyncio.sleep(0.1)
    raise AssertionError("not reached in time")


async def _tenant_a_resources(host: EmbeddedHost, base: str, a: httpx.AsyncClient) -> dict[str, str]:
    accounts = (await a.get("/api/v1/marketplace-accounts")).json()
    account_id = next(x["account_id"] for x in accounts if x["marketplace"] == "naver")
    product = await a.post(
        "/api/v1/products",
        json={"name": "반팔 티셔츠", "category_id": "01010101", "price": 9000, "stock": 5, "notice": WEAR_NOTICE},
    )
    product_id = product.json()["product_id"]

    async def listing() -> dict[str, Any] | None:
        r = await a.post(
            "/api/v1/listings",
            json={
                "product_id": product_id,
                "account_id": account_id,
                "sale_price": 9900,
                "market_category_id": "50000804",
                "image_urls": ["https://img.example/mug.jpg"],
                "detail_html": "<p>머그</p>",
                "after_service_phone": "0212345678",
            },
        )
        return r.json() if r.status_code == 202 else None

    listing_id = (await _eventually(listing))["listing_id"]
    run = (await a.post("/api/v1/collections", json={"account_ids": [account_id]})).json()["runs"][0]["run_id"]
    me = (await a.get("/api/v1/me")).json()
    tenant_id, user_id = me["tenant"]["id"], me["id"]
    line = OrderLine(
        marketplace="naver",
        account_id=account_id,
        market_order_id="9001",
        market_order_line_id="9001-1",
        product_name="머그컵",
        quantity=1,
        unit_price=9900,
        total_price=9900,
        ordered_at="2026-11-27T10:00:00+09:00",
        market_status="PAYED",
        status="new",
    )  # type: ignore[arg-type]
    msg = OrdersCollected(run_id=run, account_id=account_id, marketplace="naver", orders=[line])
    await host.bus.publish(
        [OutgoingMessage.of(envelope(msg, tenant_id=tenant_id, correlation_id="t", producer="test"))]
    )

    async def order() -> str | None:
        items = (await a.get("/api/v1/orders")).json()["items"]
        return items[0]["order_id"] if items else None

    order_id = await _eventually(order)

    async def sync_log() -> str | None:
        items = (await a.get("/api/v1/sync-logs")).json()["items"]
        return items[0]["log_id"] if items else None

    return {
        "product_id": product_id,
        "listing_id": listing_id,
        "account_id": account_id,
        "order_id": order_id,
        "run_id": run,
        "log_id": await _eventually(sync_log),
        "user_id": user_id,
    } | SHARED_IDS


async def _routes(client: httpx.AsyncClient) -> set[tuple[str, str]]:
    doc = (await client.get("/openapi.json")).json()
    return {(m, p) for p, methods in doc["paths"].items() if p.startswith("/api/v1") for m in methods}


def _path(path: str, ids: dict[str, str]) -> str:
    for name, value in ids.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"no id for {path}"
    return path


async def _snapshot(w: World) -> dict[str, Any]:
    """What tenant A can see of its own resources (compared before and after the foreign attempts)."""
    paths = [
        "/api/v1/products/{product_id}",
        "/api/v1/listings/{listing_id}",
        "/api/v1/orders/{order_id}",
        "/api/v1/marketplace-accounts/{account_id}",
        "/api/v1/collections/runs/{run_id}",
        "/api/v1/users",
    ]
    out = {}
    for p in paths:
        r = await w.a.get(_path(p, w.ids))
        assert r.status_code == 200, (p, r.text)
        out[p] = r.json()
    return out


def foreign_writes(ids: dict[str, str]) -> dict[tuple[str, str], dict[str, Any] | None]:
    """Writes another tenant attempts on tenant A's resources (valid bodies: only the owner is wrong)."""
    return {
        ("post", "/api/v1/collections"): {"account_ids": [ids["account_id"]]},
        ("post", "/api/v1/listings"): {
            "product_id": ids["product_id"],
            "account_id": ids["account_id"],
            "sale_price": 9900,
        },
        ("post", "/api/v1/listings/{listing_id}/publish"): None,
        ("patch", "/api/v1/marketplace-accounts/{account_id}"): {"display_name": "가로채기"},
        ("post", "/api/v1/orders/acknowledge"): {"order_ids": [ids["order_id"]]},
        ("post", "/api/v1/orders/invoices/send"): {"order_ids": [ids["order_id"]]},
        ("post", "/api/v1/orders/{order_id}/acknowledge"): {},
        ("post", "/api/v1/orders/{order_id}/cancel"): {"reason": "SOLD_OUT"},
        ("post", "/api/v1/orders/{order_id}/force-complete"): None,
        ("post", "/api/v1/orders/{order_id}/invoice"): {"carrier": "CJ_LOGISTICS", "tracking_number": "630012345678"},
        ("post", "/api/v1/orders/{order_id}/invoice/send"): None,
        ("patch", "/api/v1/products/{product_id}"): {"price": 1000},
        ("post", "/api/v1/products/{product_id}/status"): {"status": "unsellable"},
        ("patch", "/api/v1/users/{user_id}"): {"role": "viewer"},
        ("delete", "/api/v1/products/{product_id}"): None,
        ("post", "/api/v1/products/{product_id}/restore"): None,
        ("post", "/api/v1/products/{product_id}/stock-adjustments"): {"target": "product", "delta": -1, "reason": "x"},
        ("put", "/api/v1/products/{product_id}/images/main"): {"files": A_VALID_IMAGE},
        ("delete", "/api/v1/products/{product_id}/images/main"): None,
        ("post", "/api/v1/products/{product_id}/images/zoom"): {"files": A_VALID_IMAGE},
        ("delete", "/api/v1/products/{product_id}/images/zoom/{index}"): None,
    }


def bad_inputs(ids: dict[str, str]) -> dict[tuple[str, str], Any]:
    """One invalid request per write route, made by the resource's own tenant."""
    return {
        ("post", "/api/v1/auth/token"): {"form": {"username": "demo@marketbridge.local", "password": "wrong"}},
        ("post", "/api/v1/me/password"): {
            "current_password": "wrong",
            "new_password": "x",
            "new_password_confirm": "y",
        },
        ("patch", "/api/v1/tenant"): {"contact_phone": "전화번호아님"},
        ("post", "/api/v1/collections"): {"account_ids": "not-a-list"},
        ("post", "/api/v1/listings"): {
            "product_id": ids["product_id"],
            "account_id": ids["account_id"],
            "sale_price": 15,
        },
        ("post", "/api/v1/listings/{listing_id}/publish"): None,
        ("post", "/api/v1/marketplace-accounts"): {
            "marketplace": "naver",
            "seller_id": "",
            "display_name": "x",
            "credentials": {},
        },
        ("patch", "/api/v1/marketplace-accounts/{account_id}"): {"display_name": ""},
        ("post", "/api/v1/orders/acknowledge"): {"order_ids": "x"},
        ("post", "/api/v1/orders/invoices/send"): {"order_ids": 5},
        ("post", "/api/v1/orders/{order_id}/acknowledge"): {"planned_dispatch_at": "언젠가"},
        ("post", "/api/v1/orders/{order_id}/cancel"): {"reason": "BOGUS"},
        ("post", "/api/v1/orders/{order_id}/force-complete"): None,
        ("post", "/api/v1/orders/{order_id}/invoice"): {"carrier": "CJ_LOGISTICS", "tracking_number": "12"},
        ("post", "/api/v1/orders/{order_id}/invoice/send"): None,
        ("post", "/api/v1/products"): {"name": "특수문자!!!", "category_id": "", "price": -1},
        ("patch", "/api/v1/products/{product_id}"): {"price": "abc"},
        ("post", "/api/v1/products/{product_id}/status"): {"status": "gone"},
        ("post", "/api/v1/users"): {"email": "not-an-email", "display_name": "x", "role": "god", "password": "1"},
        ("patch", "/api/v1/users/{user_id}"): {"role": "god"},
        ("delete", "/api/v1/products/{product_id}"): {"path": "/api/v1/products/no-such-product"},
        ("post", "/api/v1/products/{product_id}/restore"): {"path": "/api/v1/products/no-such-product/restore"},
        ("post", "/api/v1/products/{product_id}/stock-adjustments"): {"target": "product", "delta": "x", "reason": ""},
        ("put", "/api/v1/products/{product_id}/images/main"): {"files": NOT_AN_IMAGE},
        ("delete", "/api/v1/products/{product_id}/images/main"): {
            "path": "/api/v1/products/no-such-product/images/main"
        },
        ("post", "/api/v1/products/{product_id}/images/zoom"): {"files": NOT_AN_IMAGE},
        ("delete", "/api/v1/products/{product_id}/images/zoom/{index}"): {
            "path": "/api/v1/products/{product_id}/images/zoom/7"
        },
        ("post", "/api/v1/products/excel/imports"): {"files": {"file": ("products.txt", b"hello", "text/plain")}},
        ("post", "/api/v1/products/option-rows"): {"names": "색상"},
    }


async def _send(client: httpx.AsyncClient, method: str, path: str, body: Any, ids: dict[str, str]) -> httpx.Response:
    """`body` is a JSON body, or {"form": …} / {"files": …} / {"path": …} for the other kinds of request."""
    if isinstance(body, dict) and "path" in body:
        return await client.request(method.upper(), _path(body["path"], ids))
    if isinstance(body, dict) and "form" in body:
        return await client.request(method.upper(), _path(path, ids), data=body["form"])
    if isinstance(body, dict) and "files" in body:
        return await client.request(method.upper(), _path(path, ids), files=body["files"])
    return await client.request(method.upper(), _path(path, ids), json=body)


async def test_a_tenant_never_sees_or_changes_another_tenants_data_on_any_route(world: World) -> None:
    w = world
    routes = await _routes(w.a)
    writes = foreign_writes(w.ids)
    reads = {(m, p) for m, p in routes if m == "get"}
    covered = set(writes) | reads | SELF_SCOPED | CREATES_OWN
    assert routes <= covered, f"routes not covered by the isolation test: {sorted(routes - covered)}"
    before = await _snapshot(w)
    secrets = {v for k, v in w.ids.items() if k not in SHARED_IDS}
    for _method, path in sorted(reads - SELF_SCOPED):
        r = await w.b.get(_path(path, w.ids), params=QUERY.get(path))
        if path in LISTS:
            assert r.status_code == 200, (path, r.text)
            leaked = {s for s in secrets if s in r.text}
            assert not leaked, f"GET {path} shows another tenant's ids {leaked}"
        else:
            assert r.status_code == 404, (path, r.status_code, r.text)
    for (method, path), body in sorted(writes.items()):
        r = await _send(w.b, method, path, body, w.ids)
        if r.status_code == 200:  # batch routes answer per item
            assert all(not item["ok"] for item in r.json()["results"]), (path, r.text)
        else:
            assert r.status_code in (403, 404), (method, path, r.status_code, r.text)
    await asyncio.sleep(0.5)  # anything wrongly accepted would have been applied by now
    assert await _snapshot(w) == before


async def test_bad_input_on_every_write_route_gets_a_4xx_naming_the_field_and_stores_nothing(world: World) -> None:
    w = world
    routes = await _routes(w.a)
    bad = bad_inputs(w.ids)
    writes = {(m, p) for m, p in routes if m != "get"}
    assert writes <= set(bad), f"write routes without a bad-input case: {sorted(writes - set(bad))}"
    before = await _snapshot(w)
    for (method, path), body in sorted(bad.items()):
        r = await _send(w.a, method, path, body, w.ids)
        assert 400 <= r.status_code < 500, (method, path, r.status_code, r.text)
        payload = r.json()
        assert payload["code"] and payload["message"], (path, payload)
        assert payload["errors"] and all(e["code"] and e["message"] for e in payload["errors"]), (path, payload)
        if r.status_code == 400:
            assert any(e.get("field") for e in payload["errors"]), (path, payload)
    await asyncio.sleep(0.5)
    assert await _snapshot(w) == before
