"""Fault tests on the real broker: a connector worker killed with SIGKILL mid-flight, and a marketplace
answering 429/5xx at random. Nothing is lost, nothing is dispatched twice, every failure is visible."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from marketbridge.embedded.distributed import Stack

from .conftest import Seller, eventually, onboard, start_stack, stop_stack

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
CARRIER = "CJ_LOGISTICS"


def tracking(i: int) -> str:
    return f"5{i:011d}"


async def registered_orders(seller: Seller, count: int) -> list[dict[str, Any]]:
    """`count` acknowledged orders with invoices registered, ready to send."""
    api, sandbox = seller.client, seller.sandbox
    product = (await sandbox.post("/naver/admin/products", json={"account_id": seller.naver_seller})).json()
    await sandbox.post("/naver/admin/orders", json={"product_no": product["originProductNo"], "count": count})
    assert (await api.post("/api/v1/collections", json={"account_ids": [seller.account_id]})).status_code == 202

    async def all_collected() -> list[dict[str, Any]] | None:
        body = (await api.get("/api/v1/orders", params={"limit": 500})).json()
        return body["items"] if body["total"] >= count else None

    orders = await eventually(all_collected, timeout=120)
    ids = [o["order_id"] for o in orders]
    r = await api.post("/api/v1/orders/acknowledge", json={"order_ids": ids})
    assert r.status_code in (200, 202), r.text

    async def all_acknowledged() -> bool:
        body = (await api.get("/api/v1/orders", params={"status": "ACKNOWLEDGED", "limit": 1})).json()
        return bool(body["total"] == count)

    await eventually(all_acknowledged, timeout=120)
    for i, order in enumerate(sorted(orders, key=lambda o: o["market_order_line_id"])):
        r = await api.post(f"/api/v1/orders/{order['order_id']}/invoice",
                           json={"carrier": CARRIER, "tracking_number": tracking(i)})
        assert r.status_code in (200, 201, 202), r.text
        order["tracking"] = tracking(i)
    return orders


async def dispatch_ledger(seller: Seller) -> dict[str, Any]:
    return (await seller.sandbox.get("/naver/admin/dispatches", params={"account_id": seller.naver_seller})).json()


async def test_sigkill_of_the_naver_worker_with_200_invoice_sends_in_flight(tmp_path: Path, session_prefix: str) -> None:
    stack = await start_stack(tmp_path, session_prefix, extra_env={"MB_WORKER_PREFETCH": "32"})
    failed = True
    try:
        seller = await onboard(stack)
        orders = await registered_orders(seller, 200)
        # half of the dispatches are slowed before the marketplace applies them (cut off: sent again), and
        # every dispatch answers 1.5 s *after* it was applied, so at 10 calls/s about fifteen are always
        # applied but unanswered when the worker dies: those must be settled by asking, never sent twice
        for phase, probability, latency_ms in (("before", 0.5, 400), ("after", 1.0, 1500)):
            await seller.sandbox.post("/naver/admin/faults", json={
                "path_pattern": "product-orders/dispatch", "kind": "latency", "latency_ms": latency_ms,
                "probability": probability, "phase": phase})
        r = await seller.client.post("/api/v1/orders/invoices/send", json={"order_ids": [o["order_id"] for o in orders]})
        assert r.status_code in (200, 202), r.text

        await eventually(lambda: _dispatched_at_least(seller, 20), timeout=60, interval=0.05)
        stack.kill("connector-naver")  # SIGKILL: no graceful shutdown, in-flight calls cut off
        killed_at = (await dispatch_ledger(seller))["count"]
        assert killed_at < 200, "the kill must happen while sends are still in flight"
        await seller.sandbox.delete("/naver/admin/faults")
        await stack.restart("connector-naver")

        async def all_sent() -> bool:
            body = (await seller.client.get("/api/v1/orders", params={"status": "INVOICE_SENT", "limit": 1})).json()
            return bool(body["total"] == 200)

        await eventually(all_sent, timeout=240, interval=1)
        ledger = await dispatch_ledger(seller)
        assert ledger["count"] == 200 and ledger["duplicates"] == []
        by_line = {d["productOrderId"]: d for d in ledger["dispatches"]}
        for order in orders:
            d = by_line[order["market_order_line_id"]]
            assert d["trackingNumber"] == order["tracking"] and d["deliveryCompanyCode"] == "CJGLS"
        # calls cut off after the marketplace applied them were settled by asking it, not by sending again
        assert await _resolved_by_order_state(stack) >= 1
        failed = False
    finally:
        await stop_stack(stack, failed)


async def test_marketplace_answering_429_and_5xx_at_random_every_send_ends_sent_or_dead_lettered(
    tmp_path: Path, session_prefix: str
) -> None:
    stack = await start_stack(tmp_path, session_prefix, extra_env={"MB_MAX_ATTEMPTS": "3"})
    failed = True
    try:
        seller = await onboard(stack)
        orders = await registered_orders(seller, 60)
        for kind in ("http_429", "http_500", "http_503"):
            await seller.sandbox.post("/naver/admin/faults", json={
                "path_pattern": "product-orders/(dispatch|query)", "kind": kind, "probability": 0.2})
        await seller.sandbox.post("/naver/admin/faults", json={
            "path_pattern": "product-orders/dispatch", "kind": "http_500", "probability": 0.1, "phase": "after"})
        r = await seller.client.post("/api/v1/orders/invoices/send", json={"order_ids": [o["order_id"] for o in orders]})
        assert r.status_code in (200, 202), r.text

        async def settled() -> tuple[int, list[dict[str, Any]]] | None:
            sent = (await seller.client.get("/api/v1/orders", params={"status": "INVOICE_SENT", "limit": 1})).json()
            dead = _dead_letters(stack, "connectors.naver.orders")
            return (sent["total"], dead) if sent["total"] + len(dead) >= 60 else None

        sent, dead = await eventually(settled, timeout=240, interval=1)
        assert sent + len(dead) == 60
        for letter in dead:
            assert letter["error"], "a dead letter keeps its reason"
        ledger = await dispatch_ledger(seller)
        assert ledger["duplicates"] == []
        assert ledger["count"] >= sent
        failed = False
    finally:
        await stop_stack(stack, failed)


async def _dispatched_at_least(seller: Seller, n: int) -> bool:
    return bool((await dispatch_ledger(seller))["count"] >= n)


async def _resolved_by_order_state(stack: Stack) -> int:
    import asyncpg  # type: ignore[import-untyped]

    conn = await asyncpg.connect(stack.database_url.replace("+asyncpg", ""))
    try:
        return int(await conn.fetchval(
            "SELECT count(*) FROM connectors.outbound_calls WHERE result->>'resolved_by' = 'order_state'"))
    finally:
        await conn.close()


def _dead_letters(stack: Stack, queue: str) -> list[dict[str, Any]]:
    spec = next(s for s in stack.specs() if s.name == "connectors")
    out = subprocess.run(
        [sys.executable, "-m", "marketbridge.runtime.dlq", "list", "--queue", queue, "--json", "--limit", "500"],
        env=stack.env_for(spec), capture_output=True, text=True, timeout=60, check=True,
    )
    return list(json.loads(out.stdout))


_ = asyncio
