"""The same scenario against every marketplace adapter paired with its emulator: publish, buyer order,
collect, acknowledge, dispatch (never twice), cancel request, return request and decision, inquiry and
answer; then authentication failure, 429, 5xx, timeouts, malformed bodies and partial success."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
    UnsupportedOperation,
)
from marketbridge.connectors.ports import (
    ClaimAction,
    ClaimDecision,
    ClaimType,
    DispatchItem,
    InquiryAnswer,
    Listing,
    ListingOption,
    MarketplaceAdapter,
    OrderStatus,
    SellerCancel,
    SellerCancelReason,
)
from marketbridge.contracts.marketplaces import MARKETPLACES

from .conftest import Pair

T = TypeVar("T")
TRACKING = "630012345678"


def listing(code: str, category_id: str = "50000804") -> Listing:
    return Listing(
        seller_product_code=code,
        name="계약 테스트 티셔츠",
        category_id=category_id,
        sale_price=19900,
        stock_quantity=30,
        description_html="<p>면 100%</p>",
        image_urls=("https://img.example/t.jpg",),
        option_group_names=("색상",),
        options=(
            ListingOption(values=("화이트",), stock_quantity=10),
            ListingOption(values=("블랙",), stock_quantity=20),
        ),
        brand="데모",
        manufacturer="데모",
        after_service_phone="0212345678",
        after_service_guide="판매자에게 문의",
    )


def window() -> tuple[datetime, datetime]:
    now = datetime.now(UTC)
    return now - timedelta(days=1), now + timedelta(minutes=5)


async def collect(it: Any) -> list[Any]:
    return [item async for page in it for item in page]


async def supported(call: Callable[[], Awaitable[T]]) -> T | None:
    """None when the marketplace does not offer the operation (it must say so with UnsupportedOperation)."""
    try:
        return await call()
    except UnsupportedOperation as exc:
        assert exc.reason_ko, "an unsupported operation explains why, in Korean"
        return None


async def published_product(adapter: MarketplaceAdapter, code: str, pair: Pair) -> str:
    category = getattr(pair.driver, "category_id", "50000804")  # each emulator's own category tree
    return (await adapter.publish_listing(listing(code, category))).market_product_id


async def test_scenario_publish_order_collect_acknowledge_dispatch(pair: Pair) -> None:
    async with pair.adapter() as adapter:
        product = await published_product(adapter, "C-ORDER", pair)
        line = await pair.driver.create_order(pair.seller, product, 2)
        orders = {o.order_line_id: o for o in await collect(adapter.fetch_orders(*window()))}
        assert line in orders and orders[line].status == OrderStatus.NEW and orders[line].quantity == 2

        ack = await adapter.acknowledge([line])
        assert ack.succeeded == [line] and not ack.failed
        assert (await adapter.get_order_states([line]))[line].acknowledged

        item = DispatchItem(line, "CJ_LOGISTICS", TRACKING, datetime.now(UTC))
        sent = await adapter.dispatch([item])
        assert sent.succeeded == [line], sent.failed
        state = (await adapter.get_order_states([line]))[line]
        assert state.status == OrderStatus.DISPATCHED and state.tracking_number == TRACKING
        again = await adapter.dispatch([item])  # the marketplace refuses a second dispatch
        assert line in again.failed and not again.succeeded
        mine = [d for d in await pair.driver.dispatches(pair.seller) if d["order_line_id"] == line]
        assert len(mine) == 1 and mine[0]["tracking_number"] == TRACKING


async def test_a_registration_is_found_again_by_our_code(pair: Pair) -> None:
    """How a registration cut off by a crash or a timeout is settled: never registered twice."""
    async with pair.adapter() as adapter:
        product = await published_product(adapter, "C-FIND", pair)
        found = await supported(lambda: adapter.find_listing("C-FIND"))
        if found is None:  # no product list to ask (the worker then registers again, and says so)
            assert not MARKETPLACES[pair.marketplace].supports("import_listings"), pair.marketplace
            return
        assert found.market_product_id == product and found.seller_product_code == "C-FIND"
        assert await adapter.find_listing("C-NEVER-REGISTERED") is None


async def test_scenario_cancel_request_and_seller_cancel(pair: Pair) -> None:
    async with pair.adapter() as adapter:
        product = await published_product(adapter, "C-CANCEL", pair)
        line = await pair.driver.create_order(pair.seller, product)
        await adapter.acknowledge([line])  # after 발주확인 a buyer's cancel request waits for the seller
        await pair.driver.create_claim(pair.seller, line, "cancel")
        claims = [c for c in await collect(adapter.fetch_claims(*window())) if c.order_line_id == line]
        assert claims and claims[0].claim_type == ClaimType.CANCEL
        decision = ClaimDecision(line, ClaimType.CANCEL, ClaimAction.APPROVE, claim_id=claims[0].claim_id)
        await supported(lambda: adapter.decide_claim(decision))

        other = await pair.driver.create_order(pair.seller, product)
        result = await supported(lambda: adapter.cancel_by_seller([SellerCancel(other, SellerCancelReason.SOLD_OUT)]))
        if pair.general_mall:
            assert result is None, "종합몰 do not allow seller cancellation (ORD-CANCEL-2)"
        elif result is not None:
            assert result.succeeded == [other], result.failed


async def test_scenario_return_request_and_decision(pair: Pair) -> None:
    async with pair.adapter() as adapter:
        product = await published_product(adapter, "C-RETURN", pair)
        line = await pair.driver.create_order(pair.seller, product)
        await adapter.acknowledge([line])
        await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "630012345679", datetime.now(UTC))])
        await pair.driver.create_claim(pair.seller, line, "return")
        claims = [c for c in await collect(adapter.fetch_claims(*window())) if c.order_line_id == line]
        assert claims and claims[0].claim_type == ClaimType.RETURN
        decision = ClaimDecision(line, ClaimType.RETURN, ClaimAction.APPROVE, claim_id=claims[0].claim_id)
        await supported(lambda: adapter.decide_claim(decision))


async def test_scenario_inquiry_and_answer(pair: Pair) -> None:
    async with pair.adapter() as adapter:
        product = await published_product(adapter, "C-QNA", pair)
        inquiries = await supported(lambda: collect(adapter.fetch_inquiries(*window())))
        if inquiries is None:
            return
        inquiry_id = await pair.driver.create_inquiry(pair.seller, product, None)
        found = [i for i in await collect(adapter.fetch_inquiries(*window())) if i.inquiry_id == inquiry_id]
        assert found and not found[0].answered
        await adapter.answer_inquiry(InquiryAnswer(inquiry_id, found[0].kind, "문의 감사합니다. 내일 발송됩니다."))
        assert await pair.driver.inquiry_answer(pair.seller, inquiry_id) == "문의 감사합니다. 내일 발송됩니다."


async def test_partial_success_keeps_each_items_outcome(pair: Pair) -> None:
    async with pair.adapter() as adapter:
        product = await published_product(adapter, "C-PARTIAL", pair)
        good = await pair.driver.create_order(pair.seller, product)
        bad = await pair.driver.create_order(pair.seller, product)
        await adapter.acknowledge([good])  # `bad` stays unacknowledged: some marketplaces refuse to ship it
        result = await adapter.dispatch(
            [
                DispatchItem(good, "CJ_LOGISTICS", "630012345670", datetime.now(UTC)),
                DispatchItem(bad, "CJ_LOGISTICS", "12", datetime.now(UTC)),  # malformed tracking number
            ]
        )
        assert good in result.succeeded
        assert bad in result.failed and result.failed[bad].message


@pytest.mark.parametrize("kind", ["http_429", "http_500", "http_503", "malformed"])
async def test_transient_failures_are_reported_as_transient(pair: Pair, kind: str) -> None:
    async with pair.adapter() as adapter:
        await pair.driver.inject_fault(".", kind, count=50)
        with pytest.raises(TransientMarketplaceError):
            await collect(adapter.fetch_orders(*window()))
    await pair.driver.clear_faults()


async def test_a_timeout_is_transient(pair: Pair) -> None:
    async with pair.adapter(timeout=0.5) as adapter:
        await pair.driver.inject_fault(".", "timeout", count=50)
        with pytest.raises(TransientMarketplaceError):
            await collect(adapter.fetch_orders(*window()))
    await pair.driver.clear_faults()


async def test_revoked_credentials_are_an_authentication_rejection(pair: Pair) -> None:
    await pair.driver.revoke_credentials(pair.seller)
    async with pair.adapter() as adapter:
        with pytest.raises(AuthenticationRejected):
            await collect(adapter.fetch_orders(*window()))


async def test_a_business_refusal_is_permanent_with_the_marketplaces_message(pair: Pair) -> None:
    async with pair.adapter() as adapter:
        bad = Listing(
            seller_product_code="C-BAD",
            name="",
            category_id="",
            sale_price=5,
            stock_quantity=-1,
            description_html="",
            image_urls=(),
        )
        with pytest.raises(PermanentMarketplaceError) as info:
            await adapter.publish_listing(bad)
        assert info.value.message


@pytest.mark.parametrize("operation", ["fetch_notices", "fetch_inquiries", "fetch_categories"])
async def test_the_capability_matrix_says_what_the_adapter_does(pair: Pair, operation: str) -> None:
    """GET /api/v1/marketplaces is the one source of truth: it must agree with the adapter."""
    info = MARKETPLACES[pair.marketplace]
    async with pair.adapter() as adapter:
        method = getattr(adapter, operation)
        call = (lambda: method()) if operation == "fetch_categories" else (lambda: collect(method(*window())))
        result = await supported(call)
    assert (result is not None) == info.supports(operation), (pair.marketplace, operation)
