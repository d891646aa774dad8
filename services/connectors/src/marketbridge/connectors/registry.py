"""Adapters per account: built from the account's sealed credentials, cached per worker process, and the
translation between our messages and the adapter ports (one place per concern)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import structlog
from marketbridge.connectors import accounts as account_store
from marketbridge.connectors.adapters.tables import accounts
from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.outbound import Outcome
from marketbridge.connectors.ports import (
    DispatchItem,
    Listing,
    ListingOption,
    MarketplaceAdapter,
    MarketplaceOrder,
    OrderStatus,
    SellerCancel,
    SellerCancelReason,
)
from marketbridge.connectors.secrets import SecretBox
from marketbridge.contracts import listing as listing_msgs
from marketbridge.contracts import orders as order_msgs
from marketbridge.contracts.marketplaces import MARKETPLACES
from marketbridge.runtime.db import Database
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class AdapterConfig:
    marketplace: str
    account_id: str
    seller_id: str
    credentials: dict[str, str]
    base_url: str
    rate_per_second: float
    timeout_seconds: float

    def http_timeout(self) -> httpx.Timeout:
        """Every factory's client timeout: the account's limit per call, connecting within 5 seconds at most."""
        return httpx.Timeout(self.timeout_seconds, connect=min(5.0, self.timeout_seconds))


AdapterFactory = Callable[[AdapterConfig], MarketplaceAdapter]


class AdapterPool:
    def __init__(
        self,
        db: Database,
        box: SecretBox,
        *,
        base_urls: dict[str, str],
        rates: dict[str, float],
        timeout_seconds: float,
        auth_failures_before_attention: int = 3,
        factories: dict[str, AdapterFactory] | None = None,
    ) -> None:
        self.db, self.box = db, box
        self.base_urls, self.rates, self.timeout = base_urls, rates, timeout_seconds
        self.attention_after = auth_failures_before_attention
        from marketbridge.connectors.factories import default_factories

        self.factories = factories or default_factories()
        self._adapters: dict[str, MarketplaceAdapter] = {}
        self._rows: dict[str, dict[str, Any]] = {}
        self._building: dict[str, asyncio.Lock] = {}

    async def _row(self, account_id: str, fresh: bool = False) -> dict[str, Any]:
        if fresh or account_id not in self._rows:
            async with self.db.read() as conn:
                self._rows[account_id] = await account_store.load(conn, None, account_id)
        return self._rows[account_id]

    async def get(self, account_id: str) -> MarketplaceAdapter:
        adapter = self._adapters.get(account_id)
        if adapter is not None:
            return adapter
        # one adapter per account even when a full prefetch of messages arrives at once: each adapter
        # holds the account's token cache and HTTP pool, and a second one would issue a second token
        async with self._building.setdefault(account_id, asyncio.Lock()):
            if account_id not in self._adapters:
                self._adapters[account_id] = await self._build(account_id)
        return self._adapters[account_id]

    async def _build(self, account_id: str) -> MarketplaceAdapter:
        row = await self._row(account_id, fresh=True)
        mp = row["marketplace"]
        config = AdapterConfig(
            marketplace=mp,
            account_id=account_id,
            seller_id=row["seller_id"],
            credentials=self.box.open(row["credentials"]),
            base_url=self.base_urls[mp],
            rate_per_second=self.rates.get(mp, 5.0),
            timeout_seconds=self.timeout,
        )
        return self.factories[mp](config)

    async def seller_id(self, account_id: str) -> str:
        return str((await self._row(account_id))["seller_id"])

    async def ensure_usable(self, account_id: str) -> None:
        """Stop hammering a marketplace that keeps rejecting the account's credentials."""
        row = await self._row(account_id)
        if row.get("needs_attention"):
            row = await self._row(account_id, fresh=True)  # the seller may have fixed the key meanwhile
            stale = self._adapters.pop(account_id, None)
            if stale is not None:
                await stale.aclose()
        if row.get("needs_attention"):
            raise PermanentMarketplaceError(row["marketplace"], "ACCOUNT_NEEDS_ATTENTION", row["needs_attention"])

    async def record_auth_failure(self, conn: AsyncConnection, account_id: str) -> int:
        row = await self._row(account_id, fresh=True)
        failures = int(row["auth_failures"]) + 1
        values: dict[str, Any] = {"auth_failures": failures}
        if failures >= self.attention_after:
            name = MARKETPLACES[row["marketplace"]].name_ko
            values["needs_attention"] = (
                f"{name} API 인증이 {failures}회 연속 거부되어 연동을 중지했습니다. "
                "제휴몰 Open API 센터에서 인증키를 확인한 뒤 계정 정보를 수정해 주세요."
            )
        await conn.execute(update(accounts).where(accounts.c.account_id == account_id).values(**values))
        self._rows[account_id] = row | values
        return failures

    async def auth_succeeded(self, account_id: str) -> None:
        row = await self._row(account_id)
        if row["auth_failures"]:
            async with self.db.transaction() as conn:
                await conn.execute(update(accounts).where(accounts.c.account_id == account_id).values(auth_failures=0))
            self._rows[account_id] = row | {"auth_failures": 0}

    async def close(self) -> None:
        for adapter in self._adapters.values():
            await adapter.aclose()
        self._adapters.clear()

    # -- translations between our messages and the ports ---------------------------------------------
    def order_line(self, account_id: str, o: MarketplaceOrder) -> order_msgs.OrderLine:
        return order_msgs.OrderLine(
            marketplace=o.marketplace,
            account_id=account_id,
            market_order_id=o.order_id,
            market_order_line_id=o.order_line_id,
            market_product_id=o.product_id,
            seller_product_code=o.seller_product_code,
            product_name=o.product_name,
            option_text=o.option_text,
            quantity=o.quantity,
            unit_price=o.unit_price,
            total_price=o.total_price,
            ordered_at=o.ordered_at,
            paid_at=o.paid_at,
            buyer_name=o.buyer_name,
            receiver_name=o.receiver_name,
            receiver_phone=o.receiver_phone,
            receiver_address=o.receiver_address,
            receiver_zip=o.receiver_zip,
            market_status=o.raw_status,
            status=str(o.status),
        )

    async def dispatch(self, adapter: MarketplaceAdapter, msg: order_msgs.InvoiceSendRequested) -> Outcome:
        item = DispatchItem(msg.market_order_line_id, msg.carrier, msg.tracking_number, datetime.now(UTC))
        return _single(await adapter.dispatch([item]), msg.market_order_line_id)

    async def resolve_dispatch(
        self, adapter: MarketplaceAdapter, msg: order_msgs.InvoiceSendRequested
    ) -> Outcome | None:
        """After an interruption: did our dispatch reach the marketplace? Ask it (None = not applied)."""
        state = (await adapter.get_order_states([msg.market_order_line_id])).get(msg.market_order_line_id)
        if state is None or state.status not in (
            OrderStatus.DISPATCHED,
            OrderStatus.DELIVERED,
            OrderStatus.PURCHASE_DECIDED,
        ):
            return None
        if state.tracking_number == msg.tracking_number:
            return Outcome(True, data={"resolved_by": "order_state"})
        return Outcome(
            False, "ALREADY_DISPATCHED", f"이미 다른 송장번호({state.tracking_number})로 발송처리된 주문입니다."
        )

    async def acknowledge(self, adapter: MarketplaceAdapter, msg: order_msgs.OrderAcknowledgeRequested) -> Outcome:
        return _single(await adapter.acknowledge([msg.market_order_line_id]), msg.market_order_line_id)

    async def resolve_acknowledge(
        self, adapter: MarketplaceAdapter, msg: order_msgs.OrderAcknowledgeRequested
    ) -> Outcome | None:
        state = (await adapter.get_order_states([msg.market_order_line_id])).get(msg.market_order_line_id)
        return Outcome(True, data={"resolved_by": "order_state"}) if state is not None and state.acknowledged else None

    async def cancel(self, adapter: MarketplaceAdapter, msg: order_msgs.SellerCancellationRequested) -> Outcome:
        reason = _CANCEL_REASONS.get(msg.reason, SellerCancelReason.OTHER)
        item = SellerCancel(msg.market_order_line_id, reason, msg.reason_detail or "")
        return _single(await adapter.cancel_by_seller([item]), msg.market_order_line_id)

    async def resolve_cancel(
        self, adapter: MarketplaceAdapter, msg: order_msgs.SellerCancellationRequested
    ) -> Outcome | None:
        state = (await adapter.get_order_states([msg.market_order_line_id])).get(msg.market_order_line_id)
        cancelled = state is not None and state.status == OrderStatus.CANCELLED
        return Outcome(True, data={"resolved_by": "order_state"}) if cancelled else None

    async def publish(self, adapter: MarketplaceAdapter, msg: listing_msgs.ListingPublishRequested) -> Outcome:
        result = await adapter.publish_listing(to_listing(msg))
        return Outcome(True, data={"market_product_id": result.market_product_id})

    async def resolve_publish(
        self, adapter: MarketplaceAdapter, msg: listing_msgs.ListingPublishRequested
    ) -> Outcome | None:
        """An interrupted registration: the product found under our code means it took effect."""
        code = to_listing(msg).seller_product_code
        try:
            found = await adapter.find_listing(code)
        except UnsupportedOperation:  # no product list to ask: registering again is the only way forward
            log.warning("publish_outcome_not_verifiable", marketplace=adapter.marketplace, listing_id=msg.listing_id)
            return None
        if found is None:
            return None
        return Outcome(True, data={"market_product_id": found.market_product_id, "resolved_by": "listing_lookup"})


# fulfillment's reasons (SEED-SPEC ORD-CANCEL-1) → the ports' reasons
_CANCEL_REASONS = {
    "SOLD_OUT": SellerCancelReason.SOLD_OUT,
    "DELAYED_DELIVERY": SellerCancelReason.DELAYED_DELIVERY,
    "INCORRECT_INFO": SellerCancelReason.WRONG_PRODUCT_INFO,
    "ETC": SellerCancelReason.OTHER,
}


def _single(result: Any, line_id: str) -> Outcome:
    if line_id in result.succeeded:
        return Outcome(True)
    failure = result.failed.get(line_id)
    if failure is None:
        return Outcome(False, "NO_RESULT", "제휴몰이 이 주문에 대한 처리 결과를 돌려주지 않았습니다.")
    return Outcome(False, failure.code, failure.message)


def to_listing(msg: listing_msgs.ListingPublishRequested) -> Listing:
    p = msg.product
    options = tuple(
        ListingOption(values=tuple(o.values), stock_quantity=o.stock, price_delta=o.add_price, usable=o.sellable)
        for o in p.options
    )
    stock = sum(o.stock for o in p.options) if p.options else p.stock
    return Listing(
        seller_product_code=p.seller_product_code or p.product_code,
        name=p.name,
        category_id=msg.market_category_id or p.category_id,
        sale_price=msg.sale_price,
        stock_quantity=max(stock, 0),
        description_html=msg.detail_html or "",
        image_urls=tuple(msg.image_urls),
        option_group_names=tuple(p.option_names),
        options=options,
        brand=p.brand,
        manufacturer=p.manufacturer,
        after_service_phone=msg.after_service_phone or "",
        after_service_guide=msg.after_service_guide or "",
    )
