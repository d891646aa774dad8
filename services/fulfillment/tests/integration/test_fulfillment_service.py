"""The fulfillment service on real PostgreSQL: collected orders become Order aggregates (batched), the
acknowledgement and invoice requests go to the marketplace worker through the outbox, and the worker's
results come back (idempotently)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from marketbridge.contracts import orders
from marketbridge.contracts.envelope import Envelope
from marketbridge.fulfillment.bootstrap import FulfillmentService, Settings, build
from marketbridge.runtime.bus.base import OutgoingMessage, Subscription
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.runtime.messages import envelope
from prometheus_client import REGISTRY

TENANT, OTHER = "tenant-a", "tenant-b"
Service = tuple[FulfillmentService, InMemoryBus, httpx.AsyncClient, list[Envelope]]


def headers(tenant: str = TENANT, role: str = "operator") -> dict[str, str]:
    return {
        "x-mb-tenant-id": tenant,
        "x-mb-user-id": "u1",
        "x-mb-user-role": role,
        "x-mb-internal-token": "dev-internal-token",
    }


@pytest.fixture
async def service(pg_url: str) -> AsyncIterator[Service]:
    bus = InMemoryBus()
    requests: list[Envelope] = []

    async def worker(env: Envelope) -> None:
        requests.append(env)

    await bus.subscribe(Subscription("test.naver_worker", ["fulfillment.*.v1.naver"], worker, 1))
    svc = build(Settings(database_url=pg_url, database_schema="fulfillment"), bus=bus)
    await svc.start()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=svc.app), base_url="http://fulfillment") as client:
        yield svc, bus, client, requests
    await svc.stop()
    await bus.close()


async def publish(bus: InMemoryBus, msg: Any, tenant: str = TENANT) -> None:
    await bus.publish([OutgoingMessage.of(envelope(msg, tenant_id=tenant, correlation_id="c", producer="test"))])


async def eventually(check: Any, timeout: float = 30) -> Any:
    for _ in range(int(timeout / 0.05)):
        result = await check()
        if result:
            return result
        await asyncio.sleep(0.05)
    raise AssertionError("not reached in time")


def line(n: int, account_id: str = "acc1", marketplace: str = "naver", day: int = 27) -> orders.OrderLine:
    return orders.OrderLine(
        marketplace=marketplace,
        account_id=account_id,
        market_order_id=f"2026112{n // 2:04d}",
        market_order_line_id=f"L{n}",
        market_product_id="900001",
        product_name="면 티셔츠",
        option_text="블랙/L",
        quantity=1,
        unit_price=10000,
        total_price=10000,
        ordered_at=datetime(2026, 11, day, 10, tzinfo=UTC),
        buyer_name="김구매",
        receiver_name="이수령",
        receiver_address="서울시 강남구",
        market_status="PAYED",
        status="new",
    )


async def collect(bus: InMemoryBus, lines: list[orders.OrderLine], tenant: str = TENANT) -> None:
    first = lines[0]
    msg = orders.OrdersCollected(run_id="r1", account_id=first.account_id, marketplace=first.marketplace, orders=lines)
    await publish(bus, msg, tenant)


async def listed(client: httpx.AsyncClient, query: str = "", tenant: str = TENANT) -> dict[str, Any]:
    r = await client.get(f"/api/v1/orders{query}", headers=headers(tenant, "viewer"))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def wait_total(client: httpx.AsyncClient, total: int) -> dict[str, Any]:
    async def check() -> dict[str, Any] | None:
        body = await listed(client)
        return body if body["total"] == total else None

    result: dict[str, Any] = await eventually(check)
    return result


async def one_order(bus: InMemoryBus, client: httpx.AsyncClient) -> str:
    await collect(bus, [line(1)])
    body = await wait_total(client, 1)
    return str(body["items"][0]["order_id"])


async def order(client: httpx.AsyncClient, order_id: str) -> dict[str, Any]:
    body: dict[str, Any] = (await client.get(f"/api/v1/orders/{order_id}", headers=headers())).json()
    return body


async def test_collected_orders_are_listed_filterable_and_not_duplicated(service: Service) -> None:
    _svc, bus, client, _ = service
    await collect(bus, [line(i, day=26 + i % 2) for i in range(6)])
    overlap = [line(4, day=26), line(5), line(6, day=26), line(6, day=26)]
    await collect(bus, overlap)  # overlapping page (handled concurrently): only L6 is new
    await collect(bus, [line(1, account_id="acc2", marketplace="lotteon")])
    body = await wait_total(client, 8)
    assert {i["status"] for i in body["items"]} == {"NEW"}
    assert (await listed(client, "?marketplace=lotteon"))["total"] == 1
    assert (await listed(client, "?account_id=acc1"))["total"] == 7
    assert (await listed(client, "?status=NEW&limit=2"))["total"] == 8
    assert len((await listed(client, "?limit=2&offset=6"))["items"]) == 2
    day = (await listed(client, "?from=2026-11-27T00:00:00Z&to=2026-11-27T23:59:59Z&account_id=acc1"))["total"]
    assert day == 3  # L1, L3 and L5 were ordered on the 27th
    by_number = await listed(client, f"?q={line(4).market_order_id}")
    assert {i["market_order_line_id"] for i in by_number["items"]} == {"L4", "L5"}
    counts = (await client.get("/api/v1/orders/counts", headers=headers(role="viewer"))).json()
    assert counts["counts"]["NEW"] == 8 and counts["counts"]["INVOICE_SENT"] == 0
    r = await client.get("/api/v1/orders?limit=501", headers=headers())
    assert r.status_code == 400


async def test_ord_ack_3_delay_reason_required_then_acknowledged_by_the_marketplace(service: Service) -> None:
    _svc, bus, client, requests = service
    order_id = await one_order(bus, client)
    late = (datetime.now(UTC) + timedelta(days=5)).isoformat()
    r = await client.post(
        f"/api/v1/orders/{order_id}/acknowledge", json={"planned_dispatch_at": late}, headers=headers()
    )
    assert r.status_code == 400
    assert [(e["code"], e["rule"]) for e in r.json()["errors"]] == [("DELAY_REASON_REQUIRED", "ORD-ACK-3")]
    r = await client.post(
        f"/api/v1/orders/{order_id}/acknowledge",
        json={"planned_dispatch_at": late, "delay_reason": "PRODUCT_PREPARE"},
        headers=headers(),
    )
    assert r.status_code == 202, r.text
    await eventually(lambda: asyncio.sleep(0, requests))
    [request] = requests
    assert request.type == "fulfillment.order_acknowledge_requested.v1.naver"
    assert request.payload["attempt_key"] == f"{order_id}:acknowledge:1"
    assert request.payload["delay_reason"] == "PRODUCT_PREPARE" and request.payload["market_order_line_id"] == "L1"
    result = {
        k: request.payload[k] for k in ("order_id", "account_id", "marketplace", "market_order_line_id", "attempt_key")
    }
    await publish(bus, orders.OrderAcknowledgementSynced(**result))
    await publish(bus, orders.OrderAcknowledgementSynced(**result))  # duplicate result: harmless

    async def acknowledged() -> dict[str, Any] | None:
        body = await order(client, order_id)
        return body if body["status"] == "ACKNOWLEDGED" else None

    body = await acknowledged() or await eventually(acknowledged)
    await asyncio.sleep(0.2)
    body = await order(client, order_id)
    assert [h["type"] for h in body["history"]] == [
        "OrderCollected",
        "OrderAcknowledgementRequested",
        "OrderAcknowledged",
    ]


async def _acknowledge(bus: InMemoryBus, client: httpx.AsyncClient, requests: list[Envelope], order_id: str) -> None:
    r = await client.post("/api/v1/orders/acknowledge", json={"order_ids": [order_id, "missing"]}, headers=headers())
    results = r.json()["results"]
    assert results[0]["ok"] is True and results[1]["error"]["code"] == "ORDER_NOT_FOUND"
    await eventually(lambda: asyncio.sleep(0, requests))
    p = requests[-1].payload
    await publish(
        bus,
        orders.OrderAcknowledgementSynced(
            order_id=order_id,
            account_id=p["account_id"],
            marketplace="naver",
            market_order_line_id="L1",
            attempt_key=p["attempt_key"],
        ),
    )

    async def acknowledged() -> bool:
        return bool((await order(client, order_id))["status"] == "ACKNOWLEDGED")

    await eventually(acknowledged)


async def test_invoice_register_send_sent(service: Service) -> None:
    _svc, bus, client, requests = service
    order_id = await one_order(bus, client)
    await _acknowledge(bus, client, requests, order_id)
    bad = await client.post(
        f"/api/v1/orders/{order_id}/invoice", json={"carrier": "EPOST", "tracking_number": "12345"}, headers=headers()
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["code"] == "TRACKING_NUMBER_INVALID"
    assert (await order(client, order_id))["tracking_number"] is None
    r = await client.post(
        f"/api/v1/orders/{order_id}/invoice",
        json={"carrier": "CJ_LOGISTICS", "tracking_number": "6300-1234-5678"},
        headers=headers(),
    )
    assert r.status_code == 200 and r.json()["status"] == "INVOICE_REGISTERED"
    r = await client.post(f"/api/v1/orders/{order_id}/invoice/send", headers=headers())
    assert r.status_code == 202
    await eventually(lambda: asyncio.sleep(0, len(requests) == 2))
    send = requests[1]
    assert send.type == "fulfillment.invoice_send_requested.v1.naver"
    assert (
        send.payload["tracking_number"] == "630012345678"
        and send.payload["attempt_key"] == f"{order_id}:send_invoice:2"
    )
    ids = {k: send.payload[k] for k in ("order_id", "account_id", "marketplace", "market_order_line_id", "attempt_key")}
    await publish(bus, orders.InvoiceSent(**ids, carrier="CJ_LOGISTICS", tracking_number="630012345678"))

    async def sent() -> bool:
        return bool((await order(client, order_id))["status"] == "INVOICE_SENT")

    await eventually(sent)
    body = await order(client, order_id)
    assert body["invoice_sent_at"] is not None and body["carrier"] == "CJ_LOGISTICS"


async def test_invoice_send_failure_keeps_the_reason_and_can_be_resent(service: Service) -> None:
    _svc, bus, client, requests = service
    before = {e: order_events(e) for e in ("OrderCollected", "InvoiceSendFailed", "InvoiceSendRequested")}
    order_id = await one_order(bus, client)
    await _acknowledge(bus, client, requests, order_id)
    await client.post(
        f"/api/v1/orders/{order_id}/invoice",
        json={"carrier": "CJ_LOGISTICS", "tracking_number": "630012345678"},
        headers=headers(),
    )
    r = await client.post("/api/v1/orders/invoices/send", json={"order_ids": [order_id]}, headers=headers())
    assert r.json()["results"][0]["ok"] is True
    await eventually(lambda: asyncio.sleep(0, len(requests) == 2))
    ids = {
        k: requests[1].payload[k]
        for k in ("order_id", "account_id", "marketplace", "market_order_line_id", "attempt_key")
    }
    failed = orders.InvoiceSendFailed(**ids, code="104122", message="유효하지 않은 송장번호입니다.")
    await publish(bus, failed)
    await publish(bus, failed)  # duplicate

    async def failed_shown() -> dict[str, Any] | None:
        body = await order(client, order_id)
        return body if body["last_error_code"] == "104122" else None

    body = await eventually(failed_shown)
    assert body["status"] == "INVOICE_REGISTERED" and body["last_error_message"] == "유효하지 않은 송장번호입니다."
    assert body["pending_operation"] is None
    r = await client.post(f"/api/v1/orders/{order_id}/invoice/send", headers=headers())
    assert r.status_code == 202
    await eventually(lambda: asyncio.sleep(0, len(requests) == 3))
    assert requests[2].payload["attempt_key"] == f"{order_id}:send_invoice:3"
    await asyncio.sleep(0.2)
    history = [h["type"] for h in (await order(client, order_id))["history"]]
    assert history.count("InvoiceSendFailed") == 1
    # operations see the failure per marketplace on /metrics, once although the result came twice
    assert {e: order_events(e) - n for e, n in before.items()} == {
        "OrderCollected": 1, "InvoiceSendFailed": 1, "InvoiceSendRequested": 2,
    }  # fmt: skip
    assert 'mb_order_events_total{event="InvoiceSendFailed",marketplace="naver"}' in (await client.get("/metrics")).text


def order_events(event: str) -> float:
    return REGISTRY.get_sample_value("mb_order_events_total", {"marketplace": "naver", "event": event}) or 0.0


async def test_ord_col_6_delivered_on_the_marketplace_completes_a_sent_order(service: Service) -> None:
    _svc, bus, client, requests = service
    order_id = await one_order(bus, client)
    await _acknowledge(bus, client, requests, order_id)
    await client.post(
        f"/api/v1/orders/{order_id}/invoice",
        json={"carrier": "CJ_LOGISTICS", "tracking_number": "630012345678"},
        headers=headers(),
    )
    await client.post(f"/api/v1/orders/{order_id}/invoice/send", headers=headers())
    await eventually(lambda: asyncio.sleep(0, len(requests) == 2))
    ids = {
        k: requests[1].payload[k]
        for k in ("order_id", "account_id", "marketplace", "market_order_line_id", "attempt_key")
    }
    await publish(bus, orders.InvoiceSent(**ids, carrier="CJ_LOGISTICS", tracking_number="630012345678"))

    async def status_is(status: str) -> bool:
        return bool((await order(client, order_id))["status"] == status)

    await eventually(lambda: status_is("INVOICE_SENT"))
    delivered = orders.OrderStatusesChanged(
        run_id="r2",
        account_id=ids["account_id"],
        marketplace="naver",
        lines=[
            orders.OrderLineStatus(
                market_order_line_id=ids["market_order_line_id"], status="delivered", market_status="DELIVERED"
            )
        ],
    )
    await publish(bus, delivered)
    await publish(bus, delivered, tenant="someone-else")  # another tenant's message never touches this order
    await eventually(lambda: status_is("COMPLETED"))


async def test_seller_cancel_is_sent_to_the_marketplace_and_recorded(service: Service) -> None:
    _svc, bus, client, requests = service
    order_id = await one_order(bus, client)
    r = await client.post(f"/api/v1/orders/{order_id}/cancel", json={"reason": "SOLD_OUT"}, headers=headers())
    assert r.status_code in (200, 202), r.text
    await eventually(lambda: asyncio.sleep(0, len(requests) == 1))
    request = requests[0]
    assert (
        request.type == "fulfillment.seller_cancellation_requested.v1.naver" and request.payload["reason"] == "SOLD_OUT"
    )
    ids = {
        k: request.payload[k] for k in ("order_id", "account_id", "marketplace", "market_order_line_id", "attempt_key")
    }
    await publish(bus, orders.SellerCancellationSynced(**ids))

    async def cancelled() -> bool:
        return bool((await order(client, order_id))["status"] == "SELLER_CANCELLED")

    await eventually(cancelled)


async def test_ord_cancel_2_general_malls_refuse_seller_cancel(service: Service) -> None:
    _svc, bus, client, _ = service
    await collect(bus, [line(1, account_id="acc2", marketplace="lotteon")])
    order_id = (await wait_total(client, 1))["items"][0]["order_id"]
    r = await client.post(f"/api/v1/orders/{order_id}/cancel", json={"reason": "SOLD_OUT"}, headers=headers())
    assert r.status_code == 409 and r.json()["errors"][0]["rule"] == "ORD-CANCEL-2"


async def test_inv_2_an_invoice_names_a_courier_the_orders_marketplace_takes(service: Service) -> None:
    _svc, bus, client, _naver_requests = service
    requests: list[Envelope] = []

    async def cjmall_worker(env: Envelope) -> None:
        requests.append(env)

    await bus.subscribe(Subscription("test.cjmall_worker", ["fulfillment.*.v1.cjmall"], cjmall_worker, 1))
    await collect(bus, [line(1, account_id="acc2", marketplace="cjmall")])
    order_id = (await wait_total(client, 1))["items"][0]["order_id"]
    await client.post("/api/v1/orders/acknowledge", json={"order_ids": [order_id]}, headers=headers())
    await eventually(lambda: asyncio.sleep(0, requests))
    synced = orders.OrderAcknowledgementSynced(
        order_id=order_id, account_id="acc2", marketplace="cjmall", market_order_line_id="L1",
        attempt_key=requests[-1].payload["attempt_key"],
    )  # fmt: skip
    await publish(bus, synced)
    await eventually(lambda: _status_is(client, order_id, "ACKNOWLEDGED"))
    refused = await client.post(
        f"/api/v1/orders/{order_id}/invoice", json={"carrier": "YONGMA", "tracking_number": "1234567890"},
        headers=headers(),
    )  # fmt: skip
    assert refused.status_code == 400
    [error] = refused.json()["errors"]
    assert (error["code"], error["field"], error["rule"]) == ("CARRIER_NOT_SUPPORTED_BY_MARKETPLACE", "carrier", "INV-2")
    assert error["message"].startswith("CJ온스타일에서 지원하지 않는 택배사입니다: 용마로지스")
    assert (await order(client, order_id))["status"] == "ACKNOWLEDGED"  # nothing stored
    accepted = await client.post(
        f"/api/v1/orders/{order_id}/invoice", json={"carrier": "HANJIN", "tracking_number": "123456789012"},
        headers=headers(),
    )  # fmt: skip
    assert accepted.status_code == 200, accepted.text
    # the invoice form offers each marketplace's couriers
    offered = await client.get("/api/v1/orders/carriers", params={"marketplace": "cjmall"}, headers=headers(role="viewer"))
    carriers = {c["code"]: c for c in offered.json()["items"]}
    assert "HANJIN" in carriers and "YONGMA" not in carriers and carriers["HANJIN"]["name"] == "한진택배"
    assert carriers["HANJIN"]["tracking_number_format"]
    esm = (await client.get("/api/v1/orders/carriers", params={"marketplace": "gmarket"}, headers=headers())).json()
    assert esm["checked_by_name_when_sending"] is True and len(esm["items"]) > len(carriers)
    unknown = await client.get("/api/v1/orders/carriers", params={"marketplace": "nowhere"}, headers=headers())
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "marketplace"


async def _status_is(client: httpx.AsyncClient, order_id: str, status: str) -> bool:
    return bool((await order(client, order_id))["status"] == status)


async def test_tenant_isolation_and_roles(service: Service) -> None:
    _svc, bus, client, requests = service
    order_id = await one_order(bus, client)
    assert (await client.get(f"/api/v1/orders/{order_id}", headers=headers(OTHER))).status_code == 404
    assert (await listed(client, tenant=OTHER))["total"] == 0
    r = await client.post(f"/api/v1/orders/{order_id}/acknowledge", json={}, headers=headers(OTHER))
    assert r.status_code == 404
    r = await client.post(f"/api/v1/orders/{order_id}/force-complete", headers=headers(OTHER))
    assert r.status_code == 404
    for path in ("acknowledge", "invoice/send", "force-complete", "cancel"):
        r = await client.post(f"/api/v1/orders/{order_id}/{path}", json={}, headers=headers(role="viewer"))
        assert r.status_code == 403, path
    # a marketplace result published under another tenant does not touch this tenant's order
    await publish(
        bus,
        orders.OrderAcknowledgementSynced(
            order_id=order_id, account_id="acc1", marketplace="naver", market_order_line_id="L1", attempt_key="x"
        ),
        OTHER,
    )
    await asyncio.sleep(0.2)
    assert (await order(client, order_id))["status"] == "NEW" and requests == []


async def test_twenty_thousand_collected_orders_are_ingested_in_batches(service: Service) -> None:
    _svc, bus, client, _ = service
    started = asyncio.get_running_loop().time()
    for page in range(100):
        await collect(bus, [line(i) for i in range(page * 200, page * 200 + 200)])

    async def all_in() -> bool:
        return bool((await client.get("/api/v1/orders/counts", headers=headers())).json()["total"] == 20_000)

    await eventually(all_in, timeout=60)
    assert asyncio.get_running_loop().time() - started < 30
