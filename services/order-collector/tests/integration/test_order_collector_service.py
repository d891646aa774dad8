"""The order collector on real PostgreSQL: manual and scheduled collection requests routed to the marketplace
worker, batched de-duplication of fetched pages, run results and the collection status (ORD-COL-1/4/5)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from marketbridge.contracts import accounts, orders
from marketbridge.contracts.envelope import Envelope
from marketbridge.order_collector.bootstrap import OrderCollectorService, Settings, build
from marketbridge.order_collector.entrypoints.scheduler import trigger
from marketbridge.runtime.bus.base import OutgoingMessage, Subscription
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.runtime.messages import envelope
from prometheus_client import REGISTRY

TENANT, OTHER = "tenant-a", "tenant-b"
Service = tuple[OrderCollectorService, InMemoryBus, httpx.AsyncClient, dict[str, list[Envelope]]]


def headers(tenant: str = TENANT, role: str = "operator") -> dict[str, str]:
    return {
        "x-mb-tenant-id": tenant,
        "x-mb-user-id": "u1",
        "x-mb-user-role": role,
        "x-mb-internal-token": "dev-internal-token",
    }


def settings(pg_url: str) -> Settings:
    return Settings(database_url=pg_url, database_schema="order_collector", scheduler_enabled=False)


@pytest.fixture
async def service(pg_url: str) -> AsyncIterator[Service]:
    bus = InMemoryBus()
    seen: dict[str, list[Envelope]] = {"requested": [], "collected": [], "finished": [], "statuses": []}

    def recorder(name: str) -> Any:
        async def record(env: Envelope) -> None:
            seen[name].append(env)

        return record

    await bus.subscribe(
        Subscription("test.worker", ["order_collector.collection_requested.v1.*"], recorder("requested"), 1)
    )
    await bus.subscribe(Subscription("test.fulfillment", [orders.OrdersCollected.TYPE], recorder("collected"), 1))
    await bus.subscribe(Subscription("test.finished", [orders.CollectionRunFinished.TYPE], recorder("finished"), 1))
    await bus.subscribe(Subscription("test.statuses", [orders.OrderStatusesChanged.TYPE], recorder("statuses"), 1))
    svc = build(settings(pg_url), bus=bus)
    await svc.start()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=svc.app), base_url="http://oc") as client:
        yield svc, bus, client, seen
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


async def register(
    bus: InMemoryBus, account_id: str = "acc1", tenant: str = TENANT, marketplace: str = "naver"
) -> None:
    await publish(
        bus,
        accounts.MarketplaceAccountRegistered(
            account_id=account_id, marketplace=marketplace, seller_id="s1", display_name="스토어"
        ),
        tenant,
    )


def line(n: int, account_id: str = "acc1") -> orders.OrderLine:
    return orders.OrderLine(
        marketplace="naver",
        account_id=account_id,
        market_order_id=f"O{n // 2}",
        market_order_line_id=f"L{n}",
        product_name="면 티셔츠",
        quantity=1,
        unit_price=10000,
        total_price=10000,
        ordered_at=datetime(2026, 11, 27, 10, tzinfo=UTC),
        market_status="PAYED",
        status="new",
    )


async def start_run(bus: InMemoryBus, client: httpx.AsyncClient, seen: dict[str, list[Envelope]]) -> str:
    await register(bus)
    await eventually(lambda: _status_items(client))
    r = await client.post("/api/v1/collections", json={}, headers=headers())
    assert r.status_code == 202, r.text
    [run] = r.json()["runs"]
    await eventually(lambda: asyncio.sleep(0, seen["requested"]))
    return str(run["run_id"])


async def _status_items(client: httpx.AsyncClient, tenant: str = TENANT) -> list[dict[str, Any]]:
    r = await client.get("/api/v1/collections/status", headers=headers(tenant, "viewer"))
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def test_manual_collection_is_routed_to_the_marketplace_worker(service: Service) -> None:
    _svc, bus, client, seen = service
    run_id = await start_run(bus, client, seen)
    [request] = seen["requested"]
    assert request.type == "order_collector.collection_requested.v1.naver"
    assert request.payload["run_id"] == run_id and request.payload["account_id"] == "acc1"
    window = datetime.fromisoformat(request.payload["window_to"]) - datetime.fromisoformat(
        request.payload["window_from"]
    )
    assert window == timedelta(hours=24)
    run = (await client.get(f"/api/v1/collections/runs/{run_id}", headers=headers(role="viewer"))).json()
    assert run["status"] == "REQUESTED" and run["trigger"] == "MANUAL"


async def test_fetched_pages_publish_only_new_lines_and_the_run_reports_success(service: Service) -> None:
    _svc, bus, client, seen = service
    run_id = await start_run(bus, client, seen)
    page = {"run_id": run_id, "account_id": "acc1", "marketplace": "naver"}
    await publish(bus, orders.OrdersFetched(**page, page=1, orders=[line(i) for i in range(5)]))
    # page 2 overlaps page 1 (L3, L4) and repeats a line inside the page (L5)
    await publish(bus, orders.OrdersFetched(**page, page=2, orders=[line(3), line(4), line(5), line(5), line(6)]))
    await publish(bus, orders.CollectionFetchCompleted(**page, pages=2, fetched=10))
    await eventually(lambda: asyncio.sleep(0, seen["finished"]))
    ids = [[o["market_order_line_id"] for o in e.payload["orders"]] for e in seen["collected"]]
    assert ids == [["L0", "L1", "L2", "L3", "L4"], ["L5", "L6"]]
    assert {"succeeded": True, "fetched": 10, "new": 7, "duplicates": 3}.items() <= seen["finished"][0].payload.items()
    [status] = await _status_items(client)
    assert (status["status_label"], status["fetched"], status["new"], status["duplicates"]) == ("성공", 10, 7, 3)
    assert status["kinds"]["NEW_ORDERS"]["status_label"] == "성공"

    # a later run starts where this one ended and sees every line as known
    r = await client.post("/api/v1/collections", json={"account_ids": ["acc1"]}, headers=headers())
    [run2] = r.json()["runs"]
    assert run2["window_from"] == seen["requested"][0].payload["window_to"]
    page2 = page | {"run_id": run2["run_id"]}
    await publish(bus, orders.OrdersFetched(**page2, page=1, orders=[line(1), line(6)]))
    await publish(bus, orders.CollectionFetchCompleted(**page2, pages=1, fetched=2))
    await eventually(lambda: asyncio.sleep(0, len(seen["finished"]) == 2))
    assert len(seen["collected"]) == 2  # nothing new: no OrdersCollected
    assert seen["finished"][1].payload["duplicates"] == 2


async def test_ord_col_6_status_changes_of_known_lines_and_ord_col_3_lines_handled_on_the_marketplace(
    service: Service,
) -> None:
    _svc, bus, client, seen = service
    before = counters()
    run_id = await start_run(bus, client, seen)
    page = {"run_id": run_id, "account_id": "acc1", "marketplace": "naver"}
    handled_elsewhere = line(9).model_copy(update={"status": "acknowledged", "market_status": "PAYED"})
    await publish(bus, orders.OrdersFetched(**page, page=1, orders=[line(1), line(2), handled_elsewhere]))
    delivered = line(1).model_copy(update={"status": "delivered", "market_status": "DELIVERED"})
    await publish(bus, orders.OrdersFetched(**page, page=2, orders=[delivered, line(2)]))
    await publish(bus, orders.CollectionFetchCompleted(**page, pages=2, fetched=5))
    await eventually(lambda: asyncio.sleep(0, seen["finished"]))
    assert [[o["market_order_line_id"] for o in e.payload["orders"]] for e in seen["collected"]] == [["L1", "L2"]]
    [changed] = seen["statuses"]
    assert changed.payload["lines"] == [
        {"market_order_line_id": "L1", "status": "delivered", "market_status": "DELIVERED"}
    ]
    # what operations see on /metrics: counted once each, after the commit
    after = counters()
    assert {k: after[k] - before[k] for k in after} == {
        "runs succeeded": 1, "runs failed": 0, "collected": 2, "not collected": 1, "delivered": 1,
    }  # fmt: skip
    exposed = (await client.get("/metrics")).text
    assert 'mb_orders_collected_total{marketplace="naver"}' in exposed
    assert 'mb_collection_last_success_timestamp_seconds{marketplace="naver"}' in exposed


def counters() -> dict[str, float]:
    def value(name: str, **labels: str) -> float:
        return REGISTRY.get_sample_value(name, {"marketplace": "naver", **labels}) or 0.0

    return {
        "runs succeeded": value("mb_collection_runs_total", outcome="succeeded"),
        "runs failed": value("mb_collection_runs_total", outcome="failed"),
        "collected": value("mb_orders_collected_total"),
        "not collected": value("mb_orders_not_collected_total"),
        "delivered": value("mb_order_status_changes_total", status="delivered"),
    }


async def test_failed_fetch_reports_failure_with_the_reason(service: Service) -> None:
    _svc, bus, client, seen = service
    run_id = await start_run(bus, client, seen)
    ids = {"run_id": run_id, "account_id": "acc1", "marketplace": "naver"}
    failed = orders.CollectionFetchFailed(
        **ids, pages=0, fetched=0, code="AUTH", message="API 인증키가 만료되었습니다."
    )
    await publish(bus, failed)
    await publish(bus, failed)  # redelivered with a new message id: harmless
    await eventually(lambda: asyncio.sleep(0, seen["finished"]))
    await asyncio.sleep(0.2)
    assert len(seen["finished"]) == 1 and seen["finished"][0].payload["succeeded"] is False
    [status] = await _status_items(client)
    assert status["status_label"] == "실패" and status["failure_reason"] == "API 인증키가 만료되었습니다."
    assert "고객센터" in status["guidance"]
    run = (await client.get(f"/api/v1/collections/runs/{run_id}", headers=headers())).json()
    assert run["status"] == "FAILED" and run["failure_reason"] == "API 인증키가 만료되었습니다."


async def test_ord_col_1_scheduler_and_trigger_request_only_due_accounts(service: Service, pg_url: str) -> None:
    svc, bus, client, seen = service
    await register(bus, "acc1")
    await register(bus, "acc2")
    await register(bus, "acc3", OTHER)
    await eventually(lambda: _status_items(client, OTHER))
    await eventually(lambda: _two(client))
    r = await client.post("/api/v1/collections", json={"account_ids": ["acc1"]}, headers=headers())
    assert r.status_code == 202  # acc1 has a run in flight: not due
    run_ids = await svc.handlers.request_due(tenant_id=TENANT)
    assert len(run_ids) == 1
    await eventually(lambda: asyncio.sleep(0, len(seen["requested"]) == 2))
    assert seen["requested"][1].payload["account_id"] == "acc2"
    assert await svc.handlers.request_due(tenant_id=TENANT) == []  # both in flight now

    # the CronJob's one-shot trigger: its own process (service instance), same database and bus
    cron = build(settings(pg_url), bus=bus)
    triggered = await trigger(cron)
    assert len(triggered) == 1  # only tenant-b's acc3 is still due
    await eventually(lambda: asyncio.sleep(0, len(seen["requested"]) == 3))
    assert (seen["requested"][2].tenant_id, seen["requested"][2].payload["account_id"]) == (OTHER, "acc3")
    runs = (await client.get("/api/v1/collections/runs?account_id=acc2", headers=headers())).json()
    assert runs["total"] == 1 and runs["items"][0]["trigger"] == "SCHEDULED"


async def _two(client: httpx.AsyncClient) -> bool:
    return len(await _status_items(client)) == 2


async def test_tenant_isolation_and_roles(service: Service) -> None:
    _svc, bus, client, seen = service
    run_id = await start_run(bus, client, seen)
    assert (await client.get(f"/api/v1/collections/runs/{run_id}", headers=headers(OTHER))).status_code == 404
    assert (await client.get("/api/v1/collections/runs", headers=headers(OTHER))).json()["total"] == 0
    assert await _status_items(client, OTHER) == []
    other = await client.post("/api/v1/collections", json={"account_ids": ["acc1"]}, headers=headers(OTHER))
    assert other.status_code == 404 and other.json()["errors"][0]["code"] == "ACCOUNT_NOT_FOUND"
    # a result addressed to another tenant's run is ignored
    ids = {"run_id": run_id, "account_id": "acc1", "marketplace": "naver"}
    await publish(bus, orders.OrdersFetched(**ids, page=1, orders=[line(1)]), OTHER)
    viewer = await client.post("/api/v1/collections", json={}, headers=headers(role="viewer"))
    assert viewer.status_code == 403
    await asyncio.sleep(0.2)
    assert seen["collected"] == []


async def test_twenty_thousand_orders_are_collected_in_batches(service: Service) -> None:
    _svc, bus, client, seen = service
    run_id = await start_run(bus, client, seen)
    ids = {"run_id": run_id, "account_id": "acc1", "marketplace": "naver"}
    started = asyncio.get_running_loop().time()
    for page in range(100):  # 100 pages of 200; every page repeats the previous page's last 10 lines
        first = max(0, page * 200 - 10)
        await publish(
            bus, orders.OrdersFetched(**ids, page=page + 1, orders=[line(i) for i in range(first, page * 200 + 200)])
        )
    await publish(bus, orders.CollectionFetchCompleted(**ids, pages=100, fetched=20990))
    await eventually(lambda: asyncio.sleep(0, seen["finished"]), timeout=60)
    elapsed = asyncio.get_running_loop().time() - started
    assert sum(len(e.payload["orders"]) for e in seen["collected"]) == 20_000
    assert {"new": 20_000, "duplicates": 990}.items() <= seen["finished"][0].payload.items()
    assert elapsed < 30, elapsed
