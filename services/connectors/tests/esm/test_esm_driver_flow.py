"""The contract-suite path for both ESM sites: credentials from the sandbox driver, the adapter from the factory."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from marketbridge.connectors.errors import AuthenticationRejected
from marketbridge.connectors.esm import EsmAdapter, OrderListPacer
from marketbridge.connectors.esm.factory import build
from marketbridge.connectors.ports import DispatchItem, InquiryAnswer, Listing
from marketbridge.connectors.registry import AdapterConfig
from marketbridge.sandbox.esm.driver import Driver
from marketbridge.sandbox.testing import FakeClock

from .conftest import FakeSleep
from .test_esm_orders import now

CATEGORY = {"gmarket": "200000101", "auction": "01010000"}


@pytest.mark.parametrize("marketplace", ["gmarket", "auction"])
async def test_publish_order_collect_ack_dispatch_answer_and_revoke(
    sandbox_url: str, clock: FakeClock, marketplace: str
) -> None:
    async with httpx.AsyncClient(base_url=sandbox_url) as client:
        driver = Driver(client, site=marketplace)
        seller = await driver.create_seller()
        config = AdapterConfig(
            marketplace, f"acct-{marketplace}", seller["seller_id"], seller, f"{sandbox_url}/esm/external", 20.0, 5.0
        )
        adapter = build(config)
        assert isinstance(adapter, EsmAdapter)
        adapter.pacer = OrderListPacer(5.1, clock=clock, sleep=FakeSleep(clock))
        async with adapter:
            published = await adapter.publish_listing(
                Listing(
                    "SKU-1",
                    "데일리 양말",
                    CATEGORY[marketplace],
                    4900,
                    100,
                    "<p>양말</p>",
                    ("https://img.example/s.jpg",),
                )
            )
            line = await driver.create_order(seller, published.market_product_id)
            await driver.create_orders_bulk(seller, published.market_product_id, 20)
            orders = [
                o async for page in adapter.fetch_orders(now(clock) - timedelta(hours=1), now(clock)) for o in page
            ]
            assert len(orders) == 21 and orders[0].order_line_id == line
            assert orders[0].product_id == published.market_product_id
            assert (await adapter.acknowledge([line])).all_succeeded
            assert (
                await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "123412341234", now(clock))])
            ).all_succeeded
            assert await driver.dispatches(seller) == [
                {
                    "order_line_id": line,
                    "courier_code": "CJ_LOGISTICS",
                    "raw_courier_code": "10013",
                    "tracking_number": "123412341234",
                }
            ]
            inquiry = await driver.create_inquiry(seller, published.market_product_id, None)
            found = [
                i async for page in adapter.fetch_inquiries(now(clock) - timedelta(hours=1), now(clock)) for i in page
            ]
            assert [i.inquiry_id for i in found] == [inquiry]
            await adapter.answer_inquiry(InquiryAnswer(inquiry, found[0].kind, "감사합니다."))
            assert await driver.inquiry_answer(seller, inquiry) == "감사합니다."
            assert await driver.peak_rate(seller) >= 1
            await driver.revoke_credentials(seller)
            with pytest.raises(AuthenticationRejected):
                await adapter.fetch_categories()
