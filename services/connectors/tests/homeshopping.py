"""The scenarios every home-shopping mall (종합몰) adapter shares, written once.

Each mall folder describes its mall with a `Mall` (the `mall` fixture of its conftest) and runs the shared
scenarios by subclassing the classes below in its test module; conftest.py builds `seller`, `product`,
`connect` and `adapter` from the `mall`. What only one mall does stays in that mall's own tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from types import ModuleType
from typing import Any

import httpx
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
    InquiryKind,
    ListingOption,
    MarketplaceAdapter,
    OrderStatus,
    PriceStockUpdate,
    SellerCancel,
    SellerCancelReason,
)
from marketbridge.connectors.registry import AdapterConfig

from .support import AdminCall, transient_after_fault

Connect = Callable[..., MarketplaceAdapter]
"""`connect(seller, **adapter_kwargs)`: an adapter for the seller the emulator's admin API answered."""

CS_CALLS = ("fetch_inquiries", "answer_inquiry", "fetch_notices")


@dataclass(frozen=True)
class Mall:
    """One home-shopping mall as the shared scenarios see it."""

    code: str  # marketplace code and the emulator's path segment
    seller_id: str
    product_name: str  # the product the `product` fixture registers
    sale_price: int
    listing: Any  # the Listing the listing scenarios publish
    adapter_type: Callable[..., MarketplaceAdapter]  # (credentials, base url, **adapter kwargs)
    credentials_type: Callable[..., Any]  # built from credential_fields' values, in that order
    credential_fields: tuple[str, ...]  # the factory's CREDENTIAL_FIELDS
    read_path: str  # fault pattern matching the order-list call
    write_path: str  # fault pattern matching the dispatch call
    wrong_credential: tuple[str, str]  # (credential field, a wrong value)
    rejected_code: str | None  # the mall's code for refused credentials, when checked
    duplicate_dispatch: tuple[str, str]  # (code, text in the message) refusing a second invoice
    unknown_line: str  # an order line id the mall does not know
    any_line: str  # a line id of the mall's shape, for the calls refused before any request
    unknown_product: tuple[str, str | None, str]  # end_sale(id) -> (code or None, text in the message)
    category: str | None  # a category fetch_categories answers; None: fetching categories is unsupported
    unsupported_cs: tuple[str, ...]  # the calls of CS_CALLS the mall does not offer
    unmapped_courier: str  # a carrier the mall cannot take
    courier: tuple[str, str] = ("CJ_LOGISTICS", "612345678901")  # an ordinary dispatch
    faulted_dispatch: tuple[str, str] = ("HANJIN", "412345678901")  # the dispatch answered with a malformed body
    ended_status: str = "suspended"  # the listing status after end_sale
    acknowledges_by_lookup: bool = False  # no 발주확인 call: acknowledging looks the lines up
    pushes_orders: bool = False  # orders reach us by the mall's push (collected before anything else)
    factory: ModuleType | None = None  # marketbridge.connectors.<code>.factory
    driver: Any = None  # marketbridge.sandbox.<code>.driver.Driver
    driver_dispatch: tuple[str, str, str] = ("", "", "")  # (courier, tracking, the mall's courier code)


def now() -> datetime:
    """Read at use: the module may be imported minutes before a test runs (pytest-xdist)."""
    return datetime.now(UTC)


async def collect(adapter: MarketplaceAdapter, start: datetime | None = None, end: datetime | None = None) -> list[Any]:
    start, end = start or now() - timedelta(hours=1), end or now()
    return [o async for page in adapter.fetch_orders(start, end) for o in page]


async def new_lines(admin: AdminCall, product: dict[str, Any], count: int = 1, **extra: Any) -> list[str]:
    body = await admin("POST", "/orders", json={"product_id": product["product_id"], "count": count, **extra})
    ids: list[str] = body["order_line_ids"]
    return ids


class HomeShoppingScenarios:
    """Orders, listings, the 종합몰 rules and error mapping, for every mall."""

    async def test_collect_acknowledge_dispatch_once_and_state(
        self, mall: Mall, adapter: MarketplaceAdapter, admin: AdminCall, product: dict[str, Any]
    ) -> None:
        [line] = await new_lines(admin, product)
        order = next(o for o in await collect(adapter) if o.order_line_id == line)
        assert (order.status, order.product_name, order.unit_price) == (
            OrderStatus.NEW,
            mall.product_name,
            mall.sale_price,
        )
        assert order.receiver_phone.endswith("****")
        unknown = [mall.unknown_line] if mall.acknowledges_by_lookup else []
        acked = await adapter.acknowledge([line, *unknown])
        assert acked.succeeded == [line]
        if mall.acknowledges_by_lookup:  # no 발주확인 call: an unknown line is found missing
            assert acked.failed[mall.unknown_line].code == "NOT_FOUND"
        courier, tracking = mall.courier
        assert (await adapter.dispatch([DispatchItem(line, courier, tracking, now())])).succeeded == [line]
        again = await adapter.dispatch([DispatchItem(line, courier, f"{tracking[:-1]}2", now())])
        code, text = mall.duplicate_dispatch
        assert again.failed[line].code == code and text in again.failed[line].message
        state = await adapter.get_order_states([line, mall.unknown_line])
        assert list(state) == [line]
        assert (state[line].status, state[line].tracking_number, state[line].courier_code) == (
            OrderStatus.DISPATCHED,
            tracking,
            courier,
        )
        assert state[line].acknowledged
        assert (await admin("GET", "/dispatches"))["duplicates"] == []

    async def test_cancel_claim_is_collected(
        self, mall: Mall, adapter: MarketplaceAdapter, admin: AdminCall, product: dict[str, Any]
    ) -> None:
        [line] = await new_lines(admin, product)
        await admin("POST", "/claims", json={"order_line_id": line, "kind": "cancel"})
        claims = [c async for page in adapter.fetch_claims(now() - timedelta(hours=1), now()) for c in page]
        assert [(c.order_line_id, c.claim_type, c.status.value) for c in claims] == [
            (line, ClaimType.CANCEL, "completed")
        ]
        assert [(o.order_line_id, o.status) for o in await collect(adapter)] == [(line, OrderStatus.CANCELLED)]

    async def test_publish_update_price_stock_end_sale_and_import(
        self, mall: Mall, adapter: MarketplaceAdapter, admin: AdminCall
    ) -> None:
        published = await adapter.publish_listing(mall.listing)
        stored = next(p for p in await admin("GET", "/products") if p["product_id"] == published.market_product_id)
        assert stored["notice"] == mall.listing.attributes["notice"] and stored["name"] == mall.listing.name
        await adapter.update_listing(published.market_product_id, mall.listing)
        price = mall.listing.sale_price - 10000
        await adapter.update_price_stock(PriceStockUpdate(published.market_product_id, sale_price=price, stock_quantity=7))
        await adapter.end_sale(published.market_product_id)
        imported = [i async for page in adapter.import_listings() for i in page]
        row = next(i for i in imported if i.market_product_id == published.market_product_id)
        assert (row.sale_price, row.stock_quantity, row.status.value) == (price, 7, mall.ended_status)
        if mall.category is None:
            with pytest.raises(UnsupportedOperation):
                await adapter.fetch_categories()
        else:
            assert any(c.full_name == mall.category and c.is_leaf for c in await adapter.fetch_categories())

    async def test_dialect_error_is_permanent(self, mall: Mall, adapter: MarketplaceAdapter) -> None:
        product_id, code, text = mall.unknown_product
        with pytest.raises(PermanentMarketplaceError) as caught:
            await adapter.end_sale(product_id)
        if code is not None:
            assert caught.value.code == code
        assert text in caught.value.message

    async def test_opt_1_option_price_deltas_are_unsupported(self, mall: Mall, adapter: MarketplaceAdapter) -> None:
        priced = replace(
            mall.listing, option_group_names=("크기",), options=(ListingOption(("대",), 1, price_delta=1000),)
        )
        with pytest.raises(UnsupportedOperation, match="OPT-1"):
            await adapter.publish_listing(priced)

    async def test_ord_cancel_2_seller_cancel_is_unsupported(self, mall: Mall, adapter: MarketplaceAdapter) -> None:
        with pytest.raises(UnsupportedOperation) as caught:
            await adapter.cancel_by_seller([SellerCancel(mall.any_line, SellerCancelReason.SOLD_OUT)])
        assert "판매취소" in caught.value.reason_ko and "MD" in caught.value.reason_ko

    @pytest.mark.parametrize("claim_type", [ClaimType.CANCEL, ClaimType.RETURN])
    async def test_claim_decisions_are_unsupported(
        self, mall: Mall, adapter: MarketplaceAdapter, claim_type: ClaimType
    ) -> None:
        with pytest.raises(UnsupportedOperation):
            await adapter.decide_claim(ClaimDecision(mall.any_line, claim_type, ClaimAction.APPROVE))

    async def test_unoffered_inquiry_and_notice_calls_are_unsupported(
        self, mall: Mall, adapter: MarketplaceAdapter
    ) -> None:
        assert mall.unsupported_cs and set(mall.unsupported_cs) <= set(CS_CALLS)
        if "fetch_inquiries" in mall.unsupported_cs:
            with pytest.raises(UnsupportedOperation):
                adapter.fetch_inquiries(now(), now())
        if "answer_inquiry" in mall.unsupported_cs:
            with pytest.raises(UnsupportedOperation):
                await adapter.answer_inquiry(InquiryAnswer("1", InquiryKind.PRODUCT_QNA, "답변"))
        if "fetch_notices" in mall.unsupported_cs:
            with pytest.raises(UnsupportedOperation):
                adapter.fetch_notices(now(), now())

    async def test_unmapped_courier_is_permanent_and_names_the_carrier(
        self, mall: Mall, adapter: MarketplaceAdapter
    ) -> None:
        with pytest.raises(PermanentMarketplaceError, match=mall.unmapped_courier):
            await adapter.dispatch([DispatchItem(mall.any_line, mall.unmapped_courier, "123", now())])

    async def test_wrong_credentials_are_authentication_rejected(
        self, mall: Mall, connect: Connect, seller: dict[str, Any]
    ) -> None:
        field, value = mall.wrong_credential
        async with connect({**seller, "credentials": {**seller["credentials"], field: value}}) as wrong:
            with pytest.raises(AuthenticationRejected) as caught:
                await collect(wrong)
        if mall.rejected_code is not None:
            assert caught.value.code == mall.rejected_code

    @pytest.mark.parametrize(("kind", "status"), [("http_429", 429), ("http_500", 500), ("http_503", 503)])
    async def test_http_faults_are_transient(
        self, mall: Mall, adapter: MarketplaceAdapter, admin: AdminCall, kind: str, status: int
    ) -> None:
        error = await transient_after_fault(admin, mall.read_path, kind, lambda: collect(adapter))
        assert error.status == status
        assert (error.retry_after is not None) == (status == 429)

    async def test_malformed_and_timeout_are_transient_with_unknown_outcome_for_writes(
        self, mall: Mall, connect: Connect, seller: dict[str, Any], admin: AdminCall, product: dict[str, Any]
    ) -> None:
        [line] = await new_lines(admin, product)
        fault = {"path_pattern": mall.write_path, "kind": "malformed", "phase": "after", "count": 1}
        await admin("POST", "/faults", json=fault)
        courier, tracking = mall.faulted_dispatch
        async with connect(seller, timeout=httpx.Timeout(0.5)) as faulted:
            if mall.pushes_orders:
                await collect(faulted)
            with pytest.raises(TransientMarketplaceError) as caught:
                await faulted.dispatch([DispatchItem(line, courier, tracking, now())])
            assert caught.value.outcome_unknown
            state = (await faulted.get_order_states([line]))[line]
            assert state.tracking_number == tracking  # the write was applied: resolved by asking
            fault = {"path_pattern": mall.read_path, "kind": "timeout", "latency_ms": 2000, "count": 1}
            await admin("POST", "/faults", json=fault)
            with pytest.raises(TransientMarketplaceError, match="timed out"):
                await collect(faulted)


class DriverScenarios:
    """The factory builds the adapter the worker uses; the emulator's driver sees what it sent."""

    async def test_factory_and_driver(self, mall: Mall, sandbox_url: str) -> None:
        assert mall.factory is not None and mall.driver is not None
        async with httpx.AsyncClient(base_url=sandbox_url) as client:
            driver = mall.driver(client)
            seller = await driver.create_seller()
            assert mall.factory.CREDENTIAL_FIELDS == mall.credential_fields
            base_url = f"{sandbox_url}/{mall.code}/external"
            config = AdapterConfig(mall.code, f"acc-{mall.code}", seller["seller_id"], seller, base_url, 50, 5)
            async with mall.factory.build(config) as adapter:
                assert adapter.account_id == f"acc-{mall.code}"
                product = await adapter.publish_listing(mall.listing)
                line = await driver.create_order(seller, product.market_product_id)
                courier, tracking, code = mall.driver_dispatch
                await adapter.dispatch([DispatchItem(line, courier, tracking, now())])
                assert await driver.dispatches(seller) == [
                    {"order_line_id": line, "courier_code": code, "tracking_number": tracking}
                ]
                await self.more_driver_checks(driver, seller, adapter, product.market_product_id, line)
                await driver.revoke_credentials(seller)
                with pytest.raises(AuthenticationRejected):
                    await (adapter.fetch_categories() if mall.category is not None else collect(adapter))

    async def more_driver_checks(
        self, driver: Any, seller: dict[str, str], adapter: MarketplaceAdapter, product_id: str, line: str
    ) -> None:
        """What one mall's driver offers beyond the rest (overridden there)."""


class ProductQnaScenarios:
    """For the malls that offer product Q&A."""

    async def test_product_qna_is_collected_and_answered(
        self, adapter: MarketplaceAdapter, admin: AdminCall, product: dict[str, Any]
    ) -> None:
        inquiry = (await admin("POST", "/inquiries", json={"product_id": product["product_id"]}))["inquiry_id"]
        found = [q async for page in adapter.fetch_inquiries(now() - timedelta(hours=1), now()) for q in page]
        assert [q.inquiry_id for q in found] == [inquiry] and not found[0].answered
        await adapter.answer_inquiry(InquiryAnswer(inquiry, InquiryKind.PRODUCT_QNA, "오늘 발송합니다."))
        assert (await admin("GET", f"/inquiries/{inquiry}"))["answer"] == "오늘 발송합니다."
