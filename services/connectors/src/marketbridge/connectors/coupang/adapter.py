"""The Coupang WING Open API adapter: one instance per vendor (seller) account.

Capabilities: listings (seller-products create/update, per-option price/stock, stop sale per vendor
item, display categories, import), order sheets, acknowledgement (상품준비중), invoices, seller cancel,
cancels/returns/exchanges and their decisions, product inquiries and call-center inquiries (as urgent
notices). Not offered by Coupang: dispatch delay (no API), return rejection/hold (see claims.py).

Order line id = `<shipmentBoxId>-<vendorItemId>`; market product id = sellerProductId; option id =
vendorItemId. Rate limit: ~10 calls/s per vendorId (documented), enforced client-side per account.
Modelled (not in the public record): error bodies, the call-center window (7 days), seller-cancel reason
codes for reasons other than stock/price, invoice batch size (50), `userId`/`replyBy` defaulting to the vendor id.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime
from typing import ClassVar

import httpx
from marketbridge.connectors.coupang.catalog import CatalogOps
from marketbridge.connectors.coupang.claims import ClaimOps
from marketbridge.connectors.coupang.http import DEFAULT_TIMEOUT, MARKETPLACE, CoupangHttp
from marketbridge.connectors.coupang.inquiries import InquiryOps
from marketbridge.connectors.coupang.orderops import OrderOps
from marketbridge.connectors.coupang.signing import CoupangCredentials
from marketbridge.connectors.errors import UnsupportedOperation
from marketbridge.connectors.ports import (
    BulkResult,
    Category,
    ClaimDecision,
    DispatchDelay,
    DispatchItem,
    ImportedListing,
    InquiryAnswer,
    Listing,
    MarketplaceAdapter,
    MarketplaceClaim,
    MarketplaceInquiry,
    MarketplaceNotice,
    MarketplaceOrder,
    MarketplaceOrderState,
    PriceStockUpdate,
    PublishResult,
    SellerCancel,
)
from marketbridge.connectors.ratelimit import RateLimit, RateLimiter, for_account

# ~10 calls/s per vendor is documented; stay under it (burst + rate <= 10) so jitter never trips a 429.
DEFAULT_RATE_LIMIT = RateLimit(rate=8.0, burst=2)  # at most 10 calls in any one-second span
BASE_URL = "https://api-gateway.coupang.com"


class CoupangAdapter(MarketplaceAdapter):
    marketplace: ClassVar[str] = MARKETPLACE

    def __init__(
        self,
        credentials: CoupangCredentials,
        base_url: str = BASE_URL,
        rate_limit: RateLimit = DEFAULT_RATE_LIMIT,
        *,
        limiter: RateLimiter | None = None,
        account_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 8,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._account = account_key or credentials.vendor_id
        shared = for_account(limiter, rate_limit, self._account)
        self.http = CoupangHttp(
            base_url,
            credentials,
            shared,
            self._account,
            timeout=timeout,
            max_connections=min(max_connections, 16),
            transport=transport,
            clock=clock,
        )
        self.orders = OrderOps(self.http, self._account)
        self.claims = ClaimOps(self.http, self.orders, self._account)
        self.inquiries = InquiryOps(self.http, self._account)
        self.catalog = CatalogOps(self.http)

    @property
    def account_id(self) -> str:
        return self._account

    async def aclose(self) -> None:
        await self.http.aclose()

    # -- listings -----------------------------------------------------------------------------------
    async def publish_listing(self, listing: Listing) -> PublishResult:
        return await self.catalog.publish(listing)

    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult:
        return await self.catalog.update(market_product_id, listing)

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        await self.catalog.update_price_stock(update)

    async def end_sale(self, market_product_id: str) -> None:
        await self.catalog.end_sale(market_product_id)

    async def fetch_categories(self) -> list[Category]:
        return await self.catalog.categories()

    def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        return self.catalog.import_listings()

    # -- orders -------------------------------------------------------------------------------------
    def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        """Order lines of the order sheets *ordered* in the window (Coupang has no change feed): windows up
        to 24 h use `searchType=timeFrame`, longer ones day paging in slices of at most 31 days. Then the
        boxes delivered among those ordered in the seven days before the window (ORD-COL-6)."""
        return self.orders.fetch_orders(window_from, window_to)

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        return await self.orders.get_order_states(order_line_ids)

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        return await self.orders.acknowledge(order_line_ids)

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        return await self.orders.dispatch(items)

    async def delay_dispatch(self, delay: DispatchDelay) -> None:
        raise UnsupportedOperation(
            MARKETPLACE,
            "delay_dispatch",
            "쿠팡 WING API에는 발송 지연 안내 기능이 없습니다. 출고 예정일은 상품 등록 시 정하며, "
            "지연 시 WING에서 고객에게 안내해 주세요.",
        )

    async def cancel_by_seller(self, items: Sequence[SellerCancel]) -> BulkResult:
        return await self.orders.cancel_by_seller(items)

    # -- claims -------------------------------------------------------------------------------------
    def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        return self.claims.fetch_claims(window_from, window_to)

    async def decide_claim(self, decision: ClaimDecision) -> None:
        await self.claims.decide(decision)

    # -- questions and notices ----------------------------------------------------------------------
    def fetch_inquiries(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        return self.inquiries.fetch_inquiries(window_from, window_to)

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        """PRODUCT_QNA answers an online inquiry; ORDER_INQUIRY answers a call-center inquiry (a notice id)."""
        await self.inquiries.answer(answer)

    def fetch_notices(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceNotice]]:
        """Coupang call-center inquiries (escalations the seller must answer), as urgent notices."""
        return self.inquiries.fetch_notices(window_from, window_to)
