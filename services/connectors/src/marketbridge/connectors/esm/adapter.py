"""The ESM Trading API adapter (G마켓 / 옥션): one instance per site seller account.

One dialect, two marketplaces: `GmarketAdapter` (siteType 2; 취소조회 SiteType 3) and `AuctionAdapter`
(siteType 1). RequestOrders is paced to 1 call per 5 s per site seller id (`ResultCode 3000` otherwise);
every other call goes through the per-account token bucket. (modelled): the order-list page size (500; no
documented maximum) and the pieces listed in claims.py, catalog.py and inquiries.py.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, ClassVar

import httpx
from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.esm import catalog, claims
from marketbridge.connectors.esm.auth import EsmCredentials
from marketbridge.connectors.esm.couriers import CourierDirectory, unmapped
from marketbridge.connectors.esm.dates import fmt_minute, fmt_second, minute_slices
from marketbridge.connectors.esm.http import DEFAULT_TIMEOUT, ORDER_LIST_INTERVAL, EsmHttp, OrderListPacer
from marketbridge.connectors.esm.inquiries import Board, fetch_notices
from marketbridge.connectors.esm.orders import parse_order, parse_state
from marketbridge.connectors.ports import (
    BulkResult,
    Category,
    ClaimDecision,
    DispatchItem,
    ImportedListing,
    InquiryAnswer,
    ItemFailure,
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

SHIPPING = "/shipping/v1"
ORDER_PAGE_SIZE = 500  # (modelled) the public record gives no maximum page size
# 1 결제완료 (new) and 2 배송준비중 (acknowledged, also in ESM+ by hand): each costs one paced call (5 s) per
# window slice; later statuses (3 배송중 ... 5 구매결정) are read per order with get_order_states, or by passing
# order_statuses=(1, 2, 3, 4, 5)
ORDER_STATUSES = (1, 2)
DEFAULT_RATE_LIMIT = RateLimit(rate=5, burst=5)
SEARCH_RATE_LIMIT = RateLimit(rate=0.4, burst=5)  # goods/search: 20-30 calls a minute


class EsmAdapter(MarketplaceAdapter):
    marketplace: ClassVar[str] = "esm"
    site: ClassVar[str] = "G"

    def __init__(
        self,
        credentials: EsmCredentials,
        base_url: str = "https://sa2.esmplus.com",
        rate_limit: RateLimit = DEFAULT_RATE_LIMIT,
        *,
        limiter: RateLimiter | None = None,
        account_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 8,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
        pacer: OrderListPacer | None = None,
        order_statuses: Sequence[int] = ORDER_STATUSES,
        order_page_size: int = ORDER_PAGE_SIZE,
    ) -> None:
        if credentials.site != self.site:
            raise ValueError(f"{type(self).__name__} needs credentials for site {self.site}")
        self._account = account_key or f"{credentials.site}:{credentials.site_seller_id}"
        shared = for_account(limiter, rate_limit, self._account)
        shared.configure(f"{self._account}:search", SEARCH_RATE_LIMIT)
        self._limiter = shared
        self.http = EsmHttp(
            self.marketplace,
            base_url,
            credentials,
            shared,
            self._account,
            timeout=timeout,
            max_connections=min(max_connections, 16),
            transport=transport,
            clock=clock,
        )
        self.pacer = pacer or OrderListPacer(ORDER_LIST_INTERVAL)
        self.order_statuses, self.order_page_size = tuple(order_statuses), order_page_size
        self.board = Board(self.http, self._account)
        self.couriers = CourierDirectory(self.http)
        self._goods_nos: dict[str, str] = {}

    @property
    def account_id(self) -> str:
        return self._account

    @property
    def site_type(self) -> int:
        return 2 if self.site == "G" else 1

    async def aclose(self) -> None:
        await self.http.aclose()

    # -- listings -----------------------------------------------------------------------------------
    async def publish_listing(self, listing: Listing) -> PublishResult:
        return await catalog.publish(self.http, listing)

    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult:
        return await catalog.update(self.http, market_product_id, listing)

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        await catalog.update_price_stock(self.http, update)

    async def end_sale(self, market_product_id: str) -> None:
        await catalog.end_sale(self.http, market_product_id)

    async def fetch_categories(self) -> list[Category]:
        return await catalog.categories(self.http)

    def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        return catalog.import_listings(self.http, self._limiter, f"{self._account}:search")

    # -- orders -------------------------------------------------------------------------------------
    async def _goods_no(self, site_goods_no: str) -> str:
        """Orders carry the site goods number; listings are known by the ESM goods number."""
        if site_goods_no not in self._goods_nos:
            try:
                body = await self.http.raw(
                    "GET", f"/item/v1/site-goods/{site_goods_no}/goods-no", "fetch_orders", idempotent=True
                )
                self._goods_nos[site_goods_no] = str(self.http.goods_result(body, "fetch_orders")["goodsNo"])
            except PermanentMarketplaceError:
                self._goods_nos[site_goods_no] = site_goods_no
        return self._goods_nos[site_goods_no]

    async def order_rows(
        self, status: int, window_from: datetime, window_to: datetime
    ) -> AsyncIterator[list[dict[str, Any]]]:
        key = f"{self.site}:{self.http.credentials.site_seller_id}"
        for start, end in minute_slices(window_from, window_to):
            page = 1
            while True:
                body = {
                    "siteType": self.site_type,
                    "orderStatus": status,
                    "requestDateType": 2,
                    "requestDateFrom": fmt_minute(start),
                    "requestDateTo": fmt_minute(end),
                    "pageIndex": page,
                    "pageSize": self.order_page_size,
                }
                await self.pacer.wait(key)
                try:
                    data = (
                        await self.http.call(
                            "POST",
                            f"{SHIPPING}/Order/RequestOrders",
                            "fetch_orders",
                            json=body,
                            idempotent=True,
                            empty_on_no_data=True,
                        )
                        or {}
                    )
                finally:
                    self.pacer.done(key)
                rows = data.get("RequestOrders") or [] if isinstance(data, dict) else []
                if rows:
                    yield rows
                if not rows or page * self.order_page_size >= int(data.get("TotalCount") or 0):
                    break
                page += 1

    async def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        """Orders paid in the window, status by status (claim orders are not in these lists)."""
        for status in self.order_statuses:
            async for rows in self.order_rows(status, window_from, window_to):
                products = {str(r.get("SiteGoodsNo")) for r in rows}
                resolved = {p: await self._goods_no(p) for p in products}
                yield [
                    parse_order(r, self.marketplace, self._account, resolved[str(r.get("SiteGoodsNo"))]) for r in rows
                ]

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        """Order-number lookups (orderStatus 0), exempt from the 5-second limit; unknown numbers are left out."""
        states: dict[str, MarketplaceOrderState] = {}
        for order_no in dict.fromkeys(order_line_ids):
            try:
                data = await self.http.call(
                    "POST",
                    f"{SHIPPING}/Order/RequestOrders",
                    "get_order_states",
                    json={"siteType": self.site_type, "orderStatus": 0, "orderNo": order_no},
                    idempotent=True,
                    empty_on_no_data=True,
                )
            except PermanentMarketplaceError as error:
                if error.code == "99999":
                    continue
                raise
            for row in (data or {}).get("RequestOrders") or ():
                states[str(row["OrderNo"])] = parse_state(row)
        return states

    async def _each(self, ids: Sequence[str], send: Callable[[str], Awaitable[Any]]) -> BulkResult:
        result = BulkResult()
        for order_no in dict.fromkeys(ids):
            try:
                await send(order_no)
            except PermanentMarketplaceError as error:
                result.failed[order_no] = ItemFailure(error.code, error.message)
            else:
                result.succeeded.append(order_no)
        return result

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        async def check(order_no: str) -> Any:
            return await self.http.call(
                "POST",
                f"{SHIPPING}/Order/OrderCheck/{order_no}",
                "acknowledge",
                json={"siteType": self.site_type},
                idempotent=True,
            )

        return await self._each(order_line_ids, check)

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        by_id = {i.order_line_id: i for i in items}
        companies = {i.order_line_id: await self.couriers.code(i.courier_code) for i in by_id.values()}
        malformed = [order_no for order_no in by_id if not order_no.isdigit()]

        async def ship(order_no: str) -> Any:
            item = by_id[order_no]
            body = {
                "OrderNo": int(order_no),
                "ShippingDate": fmt_second(item.dispatched_at),
                "DeliveryCompanyCode": companies[order_no],
                "InvoiceNo": item.tracking_number,
            }
            return await self.http.call(
                "POST", f"{SHIPPING}/Delivery/ShippingInfo", "dispatch", json=body, idempotent=False
            )

        result = await self._each([i for i in by_id if companies[i] is not None and i not in malformed], ship)
        for order_no in malformed:
            result.failed[order_no] = ItemFailure("INVALID_ORDER_NO", f"ESM 주문번호 형식이 아닙니다: {order_no}")
        for order_no in (i for i in by_id if companies[i] is None and i not in malformed):
            error = unmapped(self.marketplace, by_id[order_no].courier_code, "dispatch")
            result.failed[order_no] = ItemFailure(error.code, error.message)
        return result

    async def cancel_by_seller(self, items: Sequence[SellerCancel]) -> BulkResult:
        return await claims.cancel_by_seller(self.http, items)

    # -- claims -------------------------------------------------------------------------------------
    def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        return claims.fetch_claims(self.http, self._account, window_from, window_to)

    async def decide_claim(self, decision: ClaimDecision) -> None:
        await claims.decide(self.http, self.couriers, decision)

    # -- questions and notices ----------------------------------------------------------------------
    def fetch_inquiries(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        return self.board.fetch(window_from, window_to)

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        await self.board.answer(answer)

    def fetch_notices(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceNotice]]:
        return fetch_notices(self.http, self._account, window_from, window_to)


class GmarketAdapter(EsmAdapter):
    marketplace: ClassVar[str] = "gmarket"
    site: ClassVar[str] = "G"


class AuctionAdapter(EsmAdapter):
    marketplace: ClassVar[str] = "auction"
    site: ClassVar[str] = "A"


__all__ = ["AuctionAdapter", "EsmAdapter", "GmarketAdapter"]
