"""The contract-suite path: credentials from the sandbox driver, the adapter from the factory."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from marketbridge.connectors.errors import AuthenticationRejected, UnsupportedOperation
from marketbridge.connectors.lotteon.factory import build
from marketbridge.connectors.ports import (
    ClaimAction,
    ClaimDecision,
    ClaimType,
    DispatchItem,
    InquiryAnswer,
    Listing,
    SellerCancel,
    SellerCancelReason,
)
from marketbridge.connectors.registry import AdapterConfig
from marketbridge.sandbox.lotteon.driver import Driver
from marketbridge.sandbox.testing import FakeClock

from .conftest import now


async def test_publish_order_collect_ack_dispatch_claims_answer_and_revoke(sandbox_url: str, clock: FakeClock) -> None:
    async with httpx.AsyncClient(base_url=sandbox_url) as client:
        driver = Driver(client)
        seller = await driver.create_seller()
        config = AdapterConfig(
            "lotteon", "acct-lo", seller["seller_id"], seller, f"{sandbox_url}/lotteon/external", 50.0, 5.0
        )
        async with build(config) as adapter:
            published = await adapter.publish_listing(
                Listing("SKU-2", "울 코트", "LE1211030101", 159000, 10, "<p>코트</p>", ("https://img.example/c.jpg",))
            )
            lines = [await driver.create_order(seller, published.market_product_id) for _ in range(2)]
            await driver.create_orders_bulk(seller, published.market_product_id, 10)
            end = now(clock)
            orders = [o async for page in adapter.fetch_orders(end - timedelta(hours=1), end) for o in page]
            assert len(orders) == 12 and orders[0].order_line_id == lines[0]
            assert (await adapter.acknowledge(lines)).all_succeeded
            with pytest.raises(UnsupportedOperation):
                await adapter.cancel_by_seller([SellerCancel(lines[1], SellerCancelReason.SOLD_OUT)])
            cancel = await driver.create_claim(seller, lines[1], "cancel")
            await adapter.decide_claim(ClaimDecision(lines[1], ClaimType.CANCEL, ClaimAction.APPROVE, claim_id=cancel))
            assert (await adapter.dispatch([DispatchItem(lines[0], "LOTTE", "223344556677", end)])).all_succeeded
            assert await driver.dispatches(seller) == [
                {
                    "order_line_id": lines[0],
                    "courier_code": "LOTTE",
                    "raw_courier_code": "0001",
                    "tracking_number": "223344556677",
                }
            ]
            returned = await driver.create_claim(seller, lines[0], "return")
            claims = [c async for page in adapter.fetch_claims(end - timedelta(hours=1), end) for c in page]
            assert {c.claim_id for c in claims} == {cancel, returned}
            await adapter.decide_claim(ClaimDecision(lines[0], ClaimType.RETURN, ClaimAction.APPROVE))
            inquiry = await driver.create_inquiry(seller, None, lines[0])
            found = [i async for page in adapter.fetch_inquiries(end - timedelta(hours=1), end) for i in page]
            await adapter.answer_inquiry(InquiryAnswer(inquiry, found[0].kind, "확인 후 연락드리겠습니다."))
            assert await driver.inquiry_answer(seller, inquiry) == "확인 후 연락드리겠습니다."
            assert await driver.peak_rate(seller) >= 1
            await driver.revoke_credentials(seller)
            with pytest.raises(AuthenticationRejected):
                await adapter.get_order_states(lines)
