"""Marketplace accounts: credentials sealed at rest and never returned; API-key expiry warned from 7 days
before (ACC-3); three consecutive authentication rejections stop the calls and say why in Korean."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from marketbridge.connectors.adapters.tables import accounts
from marketbridge.contracts import orders as order_msgs
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime.bus.base import OutgoingMessage, Subscription
from marketbridge.runtime.messages import envelope
from sqlalchemy import select

from .conftest import TENANT, headers


async def test_credentials_are_sealed_never_returned_and_expiry_is_warned(world: Any) -> None:
    svc, _bus, client, driver, _ = world
    seller = await driver.create_seller()
    body = {
        "marketplace": "naver",
        "seller_id": seller["seller_id"],
        "display_name": "스토어",
        "credentials": {"client_id": seller["client_id"], "client_secret": seller["client_secret"]},
        "key_expires_at": (datetime.now(UTC) + timedelta(days=5)).isoformat(),
    }
    r = await client.post("/api/v1/marketplace-accounts", json=body, headers=headers())
    assert r.status_code == 201, r.text
    assert "credentials" not in r.text and seller["client_secret"] not in r.text
    assert "만료" in r.json()["key_expiry_warning"]
    listed = (await client.get("/api/v1/marketplace-accounts", headers=headers("viewer"))).text
    assert seller["client_secret"] not in listed
    async with svc.runtime.db.read() as conn:
        sealed = await conn.scalar(select(accounts.c.credentials))
    assert seller["client_secret"].encode() not in sealed
    later = body | {"seller_id": "other", "key_expires_at": (datetime.now(UTC) + timedelta(days=30)).isoformat()}
    assert (await client.post("/api/v1/marketplace-accounts", json=later, headers=headers())).json()[
        "key_expiry_warning"
    ] is None
    missing = await client.post(
        "/api/v1/marketplace-accounts", json=body | {"seller_id": "x", "credentials": {}}, headers=headers()
    )
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"].startswith("credentials.")
    assert (
        await client.post("/api/v1/marketplace-accounts", json=body, headers=headers("operator"))
    ).status_code == 403


async def test_three_authentication_rejections_stop_the_calls_and_say_why(world: Any) -> None:
    _svc, bus, client, driver, _ = world
    seller = await driver.create_seller()
    r = await client.post(
        "/api/v1/marketplace-accounts",
        json={
            "marketplace": "naver",
            "seller_id": seller["seller_id"],
            "display_name": "스토어",
            "credentials": {"client_id": seller["client_id"], "client_secret": seller["client_secret"]},
        },
        headers=headers(),
    )
    account_id = r.json()["account_id"]
    await driver.revoke_credentials(seller)  # the seller deleted the application on Naver
    results: list[Envelope] = []

    async def record(env: Envelope) -> None:
        results.append(env)

    await bus.subscribe(Subscription("test.results", [order_msgs.InvoiceSendFailed.TYPE], record, 1))

    async def send(n: int) -> None:
        msg = order_msgs.InvoiceSendRequested(
            order_id=f"O{n}",
            account_id=account_id,
            marketplace="naver",
            market_order_id="1",
            market_order_line_id=f"20261128000000{n:02d}",
            carrier="CJ_LOGISTICS",
            tracking_number="630012345678",
            attempt_key=f"O{n}:send:{uuid.uuid4()}",
        )
        env = envelope(msg, tenant_id=TENANT, correlation_id="c", producer="test", marketplace="naver")
        await bus.publish([OutgoingMessage.of(env)])

    for n in range(3):
        await send(n)
        for _ in range(100):
            if len(results) > n:
                break
            await asyncio.sleep(0.05)
    assert [e.payload["code"] for e in results] == ["AUTHENTICATION_REJECTED"] * 3
    account = (await client.get(f"/api/v1/marketplace-accounts/{account_id}", headers=headers())).json()
    assert account["auth_failures"] == 3 and "연동을 중지" in account["needs_attention"]
    calls_before = (await driver.client.get("/naver/admin/calls")).json()["total"]
    await send(4)
    for _ in range(100):
        if len(results) == 4:
            break
        await asyncio.sleep(0.05)
    assert results[3].payload["code"] == "ACCOUNT_NEEDS_ATTENTION"
    assert (await driver.client.get("/naver/admin/calls")).json()["total"] == calls_before  # no more hammering

    fresh = await driver.create_seller()  # the seller issues a new key and updates the account
    r = await client.patch(
        f"/api/v1/marketplace-accounts/{account_id}",
        json={"credentials": {"client_id": fresh["client_id"], "client_secret": fresh["client_secret"]}},
        headers=headers(),
    )
    assert r.status_code == 200 and r.json()["needs_attention"] is None and r.json()["auth_failures"] == 0


async def test_a_burst_of_messages_for_one_account_shares_one_adapter(world: Any) -> None:
    """A full prefetch arriving at once must not build one adapter (and issue one token) per message."""
    svc, _bus, client, driver, _ = world
    seller = await driver.create_seller()
    r = await client.post("/api/v1/marketplace-accounts", headers=headers(), json={
        "marketplace": "naver", "seller_id": seller["seller_id"], "display_name": "스토어",
        "credentials": {"client_id": seller["client_id"], "client_secret": seller["client_secret"]}})
    account_id = r.json()["account_id"]
    adapters = await asyncio.gather(*(svc.pool.get(account_id) for _ in range(32)))
    assert len({id(a) for a in adapters}) == 1
