"""The listing service on real PostgreSQL: migrations, projections from catalog and connectors events,
publish request through the outbox, results from the connector worker."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from marketbridge.contracts import accounts, catalog, listing
from marketbridge.contracts.catalog import OptionRow, ProductSnapshot
from marketbridge.contracts.envelope import Envelope
from marketbridge.listing.adapters import tables
from marketbridge.listing.bootstrap import ListingService, Settings, build
from marketbridge.runtime.bus.base import OutgoingMessage, Subscription
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.runtime.messages import envelope
from sqlalchemy import func, select

TENANT, OTHER = "tenant-a", "tenant-b"


def headers(tenant: str = TENANT, role: str = "manager") -> dict[str, str]:
    return {
        "x-mb-tenant-id": tenant,
        "x-mb-user-id": "u1",
        "x-mb-user-role": role,
        "x-mb-internal-token": "dev-internal-token",
    }


@pytest.fixture
async def service(pg_url: str) -> AsyncIterator[tuple[ListingService, InMemoryBus, httpx.AsyncClient]]:
    bus = InMemoryBus()
    svc = build(Settings(database_url=pg_url, database_schema="listing"), bus=bus)
    await svc.start()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=svc.app), base_url="http://listing") as client:
        yield svc, bus, client
    await svc.stop()
    await bus.close()


def product(price: int = 10000, status: str = "sellable", add_prices: tuple[int, ...] = (0, 2000)) -> ProductSnapshot:
    return ProductSnapshot(
        product_id="p1",
        product_code="202611280000001",
        name="면 티셔츠",
        category_id="c1",
        price=price,
        tax_type="taxable",
        manufacturer="데모상점",
        brand="데모상점",
        status=status,  # type: ignore[arg-type]
        option_type="combination",
        option_names=["색상"],
        options=[
            OptionRow(option_key=f"v{i}", values=[f"v{i}"], add_price=a, sellable=True, stock=5)
            for i, a in enumerate(add_prices)
        ],
    )


async def publish(bus: InMemoryBus, msg: Any, tenant: str = TENANT) -> None:
    await bus.publish([OutgoingMessage.of(envelope(msg, tenant_id=tenant, correlation_id="c", producer="test"))])


async def eventually(check: Any, timeout: float = 30) -> Any:
    for _ in range(int(timeout / 0.05)):
        result = await check()
        if result:
            return result
        await asyncio.sleep(0.05)
    raise AssertionError("not reached in time")


async def seed(svc: ListingService, bus: InMemoryBus, p: ProductSnapshot | None = None) -> None:
    await publish(bus, catalog.ProductRegistered(product=p or product(), actor_id="u1"))
    await publish(
        bus,
        accounts.MarketplaceAccountRegistered(
            account_id="acc1", marketplace="naver", seller_id="s1", display_name="스토어"
        ),
    )
    await eventually(lambda: projected(svc))


async def projected(svc: ListingService) -> bool:
    """Both projections the publish command reads hold the seeded rows (a fixed sleep was flaky on CI)."""
    async with svc.runtime.db.read() as conn:
        product_rows = (await conn.execute(select(func.count()).select_from(tables.products))).scalar_one()
        account_rows = (await conn.execute(select(func.count()).select_from(tables.accounts))).scalar_one()
    return bool(product_rows and account_rows)


async def test_publish_request_goes_to_the_marketplace_worker_and_the_result_comes_back(service: Any) -> None:
    svc, bus, client = service
    requests: list[Envelope] = []

    async def worker(env: Envelope) -> None:
        requests.append(env)

    await bus.subscribe(Subscription("test.naver_worker", ["listing.listing_publish_requested.v1.naver"], worker, 1))
    await seed(svc, bus)
    r = await client.post(
        "/api/v1/listings", json={"product_id": "p1", "account_id": "acc1", "sale_price": 12000}, headers=headers()
    )
    assert r.status_code == 202, r.text
    listing_id = r.json()["listing_id"]
    await eventually(lambda: asyncio.sleep(0, requests))
    assert requests[0].payload["listing_id"] == listing_id and requests[0].payload["sale_price"] == 12000

    await publish(
        bus,
        listing.ListingPublished(
            listing_id=listing_id, account_id="acc1", marketplace="naver", market_product_id="900001"
        ),
    )

    async def published() -> bool:
        body = (await client.get(f"/api/v1/listings/{listing_id}", headers=headers(role="viewer"))).json()
        return bool(body["status"] == "published" and body["market_product_id"] == "900001")

    await eventually(published)


async def test_failed_publish_keeps_the_marketplace_reason_and_can_be_retried(service: Any) -> None:
    svc, bus, client = service
    await seed(svc, bus)
    r = await client.post(
        "/api/v1/listings", json={"product_id": "p1", "account_id": "acc1", "sale_price": 12000}, headers=headers()
    )
    listing_id = r.json()["listing_id"]
    await publish(
        bus,
        listing.ListingPublishFailed(
            listing_id=listing_id,
            account_id="acc1",
            marketplace="naver",
            code="INVALID_CATEGORY",
            message="카테고리 정보가 올바르지 않습니다.",
        ),
    )

    async def failed() -> dict[str, Any] | None:
        body = (await client.get(f"/api/v1/listings/{listing_id}", headers=headers())).json()
        return body if body["status"] == "publish_failed" else None

    body = await eventually(failed)
    assert body["last_error_message"] == "카테고리 정보가 올바르지 않습니다."
    retry = await client.post(f"/api/v1/listings/{listing_id}/publish", headers=headers())
    assert retry.status_code == 202 and retry.json()["attempt"] == 2


async def test_rejects_bad_prices_with_rule_ids_and_stores_nothing(service: Any) -> None:
    svc, bus, client = service
    await seed(svc, bus)
    r = await client.post(
        "/api/v1/listings",
        json={"product_id": "p1", "account_id": "acc1", "sale_price": 3005, "list_price": 100},
        headers=headers(),
    )
    assert r.status_code == 400
    rules = {e["rule"] for e in r.json()["errors"]}
    assert {"LST-PRICE-2", "LST-PRICE-1", "OPT-3"} <= rules
    assert (await client.get("/api/v1/listings", headers=headers())).json()["total"] == 0


async def test_tenant_isolation_and_roles(service: Any) -> None:
    svc, bus, client = service
    await seed(svc, bus)
    r = await client.post(
        "/api/v1/listings", json={"product_id": "p1", "account_id": "acc1", "sale_price": 12000}, headers=headers()
    )
    listing_id = r.json()["listing_id"]
    assert (await client.get(f"/api/v1/listings/{listing_id}", headers=headers(OTHER))).status_code == 404
    assert (await client.get("/api/v1/listings", headers=headers(OTHER))).json()["total"] == 0
    assert (await client.post(f"/api/v1/listings/{listing_id}/publish", headers=headers(OTHER))).status_code == 404
    other = await client.post(
        "/api/v1/listings", json={"product_id": "p1", "account_id": "acc1", "sale_price": 12000}, headers=headers(OTHER)
    )
    assert other.status_code == 404 and other.json()["errors"][0]["code"] == "PRODUCT_NOT_FOUND"
    viewer = await client.post(
        "/api/v1/listings",
        json={"product_id": "p1", "account_id": "acc1", "sale_price": 12000},
        headers=headers(role="viewer"),
    )
    assert viewer.status_code == 403
    no_token = await client.get("/api/v1/listings", headers={"x-mb-tenant-id": TENANT})
    assert no_token.status_code == 401


async def test_listing_content_reaches_the_publish_request_and_is_validated(service: Any) -> None:
    svc, bus, client = service
    requests: list[Envelope] = []

    async def worker(env: Envelope) -> None:
        requests.append(env)

    await bus.subscribe(Subscription("test.content_worker", ["listing.listing_publish_requested.v1.naver"], worker, 1))
    await seed(svc, bus)
    body = {
        "product_id": "p1",
        "account_id": "acc1",
        "sale_price": 12000,
        "image_urls": ["https://img.example/a.jpg"],
        "detail_html": "<p>상세</p>",
        "after_service_phone": "02-123-4567",
    }
    assert (await client.post("/api/v1/listings", json=body, headers=headers())).status_code == 202
    await eventually(lambda: asyncio.sleep(0, requests))
    payload = requests[0].payload
    assert (
        payload["image_urls"] == ["https://img.example/a.jpg"] and payload["after_service_guide"] == "판매자에게 문의"
    )
    bad = await client.post(
        "/api/v1/listings", json=body | {"after_service_guide": " ", "image_urls": ["ftp://x"]}, headers=headers()
    )
    assert bad.status_code == 400
    assert {(e["rule"], e["field"]) for e in bad.json()["errors"]} >= {
        ("AS-2", "after_service_guide"),
        (None, "image_urls[0]"),
    }


async def test_cat_stat_1_a_product_made_unsellable_in_the_catalog_can_no_longer_be_listed(service: Any) -> None:
    svc, bus, client = service
    await seed(svc, bus)
    await publish(bus, catalog.ProductStatusChanged(product_id="p1", status="unsellable", actor_id="u1"))
    body = {"product_id": "p1", "account_id": "acc1", "sale_price": 12000}

    async def refused() -> bool:
        r = await client.post("/api/v1/listings", json=body, headers=headers())
        return r.status_code == 400 and r.json()["errors"][0]["rule"] == "CAT-STAT-1"

    await eventually(refused)
