"""The connector worker of every paired marketplace on the real broker (RabbitMQ) and PostgreSQL: commands
in, results out, through the same queues and outbox as production — publish, collect, acknowledge, send
an invoice (a redelivered command never dispatches twice), seller cancellation."""

from __future__ import annotations

import asyncio
import importlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from marketbridge.connectors.accounts import Accounts
from marketbridge.connectors.bootstrap import ConnectorsService, build_worker
from marketbridge.connectors.config import Settings
from marketbridge.connectors.factories import PACKAGES
from marketbridge.connectors.gsshop import store as gsshop_store
from marketbridge.connectors.gsshop.store import InMemoryPushedOrderStore
from marketbridge.contracts import listing as listing_msgs
from marketbridge.contracts import orders as order_msgs
from marketbridge.contracts.catalog import OptionRow, ProductSnapshot
from marketbridge.contracts.envelope import Envelope
from marketbridge.contracts.marketplaces import MARKETPLACES
from marketbridge.runtime.bus.base import OutgoingMessage, Subscription
from marketbridge.runtime.bus.rabbitmq import RabbitMQBus
from marketbridge.runtime.http import RequestContext
from marketbridge.runtime.messages import envelope
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.testing import serve_in_loop

from .conftest import paired_marketplaces

TENANT = "tenant-contract"


class Harness:
    def __init__(self, worker: ConnectorsService, bus: RabbitMQBus, account_id: str, marketplace: str) -> None:
        self.worker, self.bus, self.account_id, self.marketplace = worker, bus, account_id, marketplace
        self.results: list[Envelope] = []

    async def send(self, message: Any) -> None:
        env = envelope(
            message, tenant_id=TENANT, correlation_id=str(uuid.uuid4()), producer="test", marketplace=self.marketplace
        )
        await self.bus.publish([OutgoingMessage.of(env)])

    async def result(self, type_: str, **match: Any) -> Envelope:
        for _ in range(300):
            for env in self.results:
                if env.type == type_ and all(env.payload.get(k) == v for k, v in match.items()):
                    return env
            await asyncio.sleep(0.05)
        raise AssertionError(f"no {type_} {match}; got {[e.type for e in self.results]}")


@pytest.fixture(params=paired_marketplaces())
async def harness(request: pytest.FixtureRequest, pg_url: str, amqp_url: str, namespace: str) -> AsyncIterator[Any]:
    marketplace = request.param
    package = PACKAGES[marketplace]
    driver_module = importlib.import_module(f"marketbridge.sandbox.{package}.driver")
    async with (
        serve_in_loop(create_app()) as sandbox_url,
        httpx.AsyncClient(base_url=sandbox_url, timeout=30) as client,
    ):
        driver = driver_module.Driver(client, site=marketplace) if package == "esm" else driver_module.Driver(client)
        settings = Settings(
            database_url=pg_url,
            bus="rabbitmq",
            amqp_url=amqp_url,
            namespace=namespace,
            marketplace_base_urls={marketplace: f"{sandbox_url}/{package}/external"},
            retry_delays_ms=(200, 500),
            max_attempts=3,
        )
        worker = build_worker(marketplace, settings)  # installs the service's stores (GS SHOP's pushed orders)
        seller = await driver.create_seller()
        await worker.start()
        test_bus = RabbitMQBus(amqp_url, namespace=namespace, service="contract-test")
        await test_bus.start()
        ctx = RequestContext(TENANT, "u1", "owner", "c1", "계약상점")
        credentials = {k: v for k, v in seller.items() if k != "seller_id"}
        account = await Accounts(worker.runtime, worker.pool.box).register(
            ctx,
            marketplace=marketplace,
            seller_id=seller["seller_id"],
            display_name="계약",
            credentials=credentials,
            key_expires_at=None,
        )
        h = Harness(worker, test_bus, account["account_id"], marketplace)

        async def record(env: Envelope) -> None:
            h.results.append(env)

        await test_bus.subscribe(Subscription("contract.results", ["connectors.#", "listing.#"], record, 16))
        try:
            yield h, driver, seller
        finally:
            gsshop_store.configure(InMemoryPushedOrderStore())  # what other tests in this process expect
            await test_bus.delete_topology()
            await test_bus.close()
            await worker.stop()


def product() -> ProductSnapshot:
    return ProductSnapshot(
        product_id="p-contract",
        product_code="202611280000001",
        name="계약 테스트 티셔츠",
        category_id="50000804",
        price=19000,
        tax_type="taxable",
        manufacturer="데모",
        brand="데모",
        status="sellable",
        option_type="combination",
        option_names=["색상"],
        options=[OptionRow(option_key="화이트", values=["화이트"], add_price=0, sellable=True, stock=10)],
    )


async def test_worker_round_trip_on_the_broker(harness: Any) -> None:
    h, driver, seller = harness
    await h.send(
        listing_msgs.ListingPublishRequested(
            listing_id="L1",
            account_id=h.account_id,
            marketplace=h.marketplace,
            product=product(),
            sale_price=19900,
            market_category_id=getattr(driver, "category_id", "50000804"),
            attempt_key="L1:1",
            image_urls=["https://img.example/t.jpg"],
            detail_html="<p>면</p>",
            after_service_phone="0212345678",
            after_service_guide="판매자에게 문의",
        )
    )
    published = await h.result(listing_msgs.ListingPublished.TYPE, listing_id="L1")
    market_product_id = published.payload["market_product_id"]

    line = await driver.create_order(seller, market_product_id)
    now = datetime.now(UTC)
    await h.send(
        order_msgs.CollectionRequested(
            run_id="R1",
            account_id=h.account_id,
            marketplace=h.marketplace,
            window_from=now - timedelta(days=1),
            window_to=now + timedelta(minutes=5),
        )
    )
    await h.result(order_msgs.CollectionFetchCompleted.TYPE, run_id="R1")
    fetched = [o for e in h.results if e.type == order_msgs.OrdersFetched.TYPE for o in e.payload["orders"]]
    order = next(o for o in fetched if o["market_order_line_id"] == line)
    ids = {
        "order_id": "O1",
        "account_id": h.account_id,
        "marketplace": h.marketplace,
        "market_order_id": order["market_order_id"],
        "market_order_line_id": line,
    }

    await h.send(order_msgs.OrderAcknowledgeRequested(**ids, planned_dispatch_at=now, attempt_key="O1:ack:1"))
    await h.result(order_msgs.OrderAcknowledgementSynced.TYPE, attempt_key="O1:ack:1")

    send = order_msgs.InvoiceSendRequested(
        **ids, carrier="CJ_LOGISTICS", tracking_number="630012345678", attempt_key="O1:send:1"
    )
    await h.send(send)
    await h.send(send)  # a redelivered command: settled once, never dispatched twice
    await h.result(order_msgs.InvoiceSent.TYPE, attempt_key="O1:send:1")
    await asyncio.sleep(0.5)
    assert [d["order_line_id"] for d in await driver.dispatches(seller)].count(line) == 1

    other = await driver.create_order(seller, market_product_id)
    await h.send(
        order_msgs.SellerCancellationRequested(
            **(ids | {"order_id": "O2", "market_order_line_id": other}), reason="SOLD_OUT", attempt_key="O2:cancel:1"
        )
    )
    if MARKETPLACES[h.marketplace].seller_cancel:
        await h.result(order_msgs.SellerCancellationSynced.TYPE, attempt_key="O2:cancel:1")
    else:
        failed = await h.result(order_msgs.SellerCancellationFailed.TYPE, attempt_key="O2:cancel:1")
        assert failed.payload["code"] == "UNSUPPORTED_OPERATION" and failed.payload["message"]
