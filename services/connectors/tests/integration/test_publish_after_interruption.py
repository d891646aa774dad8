"""A registration cut off after the worker recorded it (killed, timed out) has an unknown outcome: the
redelivered command first looks the product up by our code, and registers it only if it is not there."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from marketbridge.connectors.adapters.tables import outbound_calls
from marketbridge.connectors.registry import to_listing
from marketbridge.contracts import listing as listing_msgs
from marketbridge.contracts.catalog import ProductSnapshot
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime.bus.base import OutgoingMessage, Subscription
from marketbridge.runtime.messages import envelope
from sqlalchemy import insert, select

from .conftest import TENANT, headers

RESULTS = [listing_msgs.ListingPublished.TYPE, listing_msgs.ListingPublishFailed.TYPE]


def publish_request(account_id: str, code: str) -> listing_msgs.ListingPublishRequested:
    product = ProductSnapshot(
        product_id=str(uuid.uuid4()), product_code=code, name="복구 테스트 티셔츠", category_id="01010101",
        price=19000, tax_type="taxable", manufacturer="데모", brand="데모", status="sellable", stock=10)
    return listing_msgs.ListingPublishRequested(
        listing_id=str(uuid.uuid4()), account_id=account_id, marketplace="naver", product=product,
        sale_price=19900, market_category_id="50000804", attempt_key=f"{code}:1",
        image_urls=["https://img.example/t.jpg"], detail_html="<p>면</p>", after_service_phone="0212345678",
        after_service_guide="판매자에게 문의")


async def interrupted_publish(world: Any, *, applied: bool) -> tuple[Envelope, str, list[dict[str, Any]]]:
    """Record the call as the worker does before calling, optionally let the marketplace apply it (the
    worker died before writing the answer down), then deliver the command again."""
    svc, bus, client, driver, _ = world
    seller = await driver.create_seller()
    r = await client.post("/api/v1/marketplace-accounts", headers=headers(), json={
        "marketplace": "naver", "seller_id": seller["seller_id"], "display_name": "스토어",
        "credentials": {"client_id": seller["client_id"], "client_secret": seller["client_secret"]}})
    msg = publish_request(r.json()["account_id"], f"R{uuid.uuid4().hex[:9]}")
    async with svc.runtime.db.transaction() as conn:
        await conn.execute(insert(outbound_calls).values(
            marketplace="naver", operation="publish", call_key=msg.attempt_key, tenant_id=TENANT,
            state="pending", attempts=1))
    if applied:
        await (await svc.pool.get(msg.account_id)).publish_listing(to_listing(msg))
    results: list[Envelope] = []

    async def record(env: Envelope) -> None:
        results.append(env)

    await bus.subscribe(Subscription(f"test.{uuid.uuid4().hex}", RESULTS, record, 1))
    await bus.publish([OutgoingMessage.of(envelope(msg, tenant_id=TENANT, correlation_id="c", producer="test",
                                                   marketplace="naver"))])
    for _ in range(200):
        if results:
            break
        await asyncio.sleep(0.05)
    products = (await driver.client.get("/naver/admin/products", params={"account_id": seller["seller_id"]})).json()
    async with svc.runtime.db.read() as conn:
        row = (await conn.execute(select(outbound_calls.c.state, outbound_calls.c.result).where(
            outbound_calls.c.call_key == msg.attempt_key))).one()
    assert row.state == "succeeded", results[0].payload["message"] if results else row
    return results[0], str(row.result.get("resolved_by")), products


async def test_a_registration_the_marketplace_applied_is_found_not_registered_twice(world: Any) -> None:
    result, resolved_by, products = await interrupted_publish(world, applied=True)
    assert len(products) == 1, "the product must not be registered a second time"
    assert result.type.startswith(listing_msgs.ListingPublished.TYPE)
    assert result.payload["market_product_id"] == str(products[0]["originProductNo"])
    assert resolved_by == "listing_lookup"


async def test_a_registration_that_never_arrived_is_made_once(world: Any) -> None:
    result, resolved_by, products = await interrupted_publish(world, applied=False)
    assert len(products) == 1 and result.type.startswith(listing_msgs.ListingPublished.TYPE)
    assert resolved_by == "None"
