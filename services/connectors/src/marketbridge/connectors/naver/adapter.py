"""The Naver Commerce API adapter (스마트스토어): one instance per seller account."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, ClassVar

import httpx
from marketbridge.connectors.errors import UnsupportedOperation
from marketbridge.connectors.naver import catalog, claims, inquiries
from marketbridge.connectors.naver.auth import NaverCredentials
from marketbridge.connectors.naver.couriers import to_naver
from marketbridge.connectors.naver.dates import fmt, split_window
from marketbridge.connectors.naver.http import DEFAULT_TIMEOUT, MARKETPLACE, NaverHttp
from marketbridge.connectors.naver.orders import NOT_COLLECTED, parse_order, parse_state
from marketbridge.connectors.ports import (
    BulkResult,
    Category,
    ClaimDecision,
    DispatchDelay,
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
    first_live_listing,
)
from marketbridge.connectors.ratelimit import RateLimit, RateLimiter, for_account

ORDERS = "/v1/pay-order/seller/product-orders"
FEED_PAGE = 300
QUERY_BATCH = 300
ACTION_BATCH = 30
DEFAULT_RATE_LIMIT = RateLimit(rate=10, burst=10)


def chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _failures(data: dict[str, Any]) -> dict[str, ItemFailure]:
    return {str(f["productOrderId"]): ItemFailure(str(f.get("code")), str(f.get("message") or ""))
            for f in data.get("failProductOrderInfos") or ()}


class NaverAdapter(MarketplaceAdapter):
    """Speaks the Naver Commerce API for one application (and seller account).

    `rate_limit` applies per account (pass a shared `limiter` to share buckets between adapters);
    `account_key` overrides the account id written into collected records (default: the Naver seller
    account id, else the client id). The adapter never retries, except one token re-issue on 401.
    """

    marketplace: ClassVar[str] = MARKETPLACE

    def __init__(self, credentials: NaverCredentials, base_url: str = "https://api.commerce.naver.com/external",
                 rate_limit: RateLimit = DEFAULT_RATE_LIMIT, *, limiter: RateLimiter | None = None,
                 account_key: str | None = None, timeout: httpx.Timeout = DEFAULT_TIMEOUT,
                 max_connections: int = 16, transport: httpx.AsyncBaseTransport | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self._account = account_key or credentials.account_id or credentials.client_id
        shared = for_account(limiter, rate_limit, self._account)
        self.http = NaverHttp(base_url, credentials, shared, self._account, timeout=timeout,
                              max_connections=min(max_connections, 16), transport=transport, clock=clock)

    @property
    def account_id(self) -> str:
        return self._account

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
        await self.http.call("PUT", f"/v1/products/origin-products/{market_product_id}/change-status", "end_sale",
                             json={"statusType": "SUSPENSION"}, idempotent=True)

    async def fetch_categories(self) -> list[Category]:
        return await catalog.categories(self.http)

    def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        return catalog.import_listings(self.http)

    async def find_listing(self, seller_product_code: str) -> ImportedListing | None:
        """One search by 판매자 관리코드 instead of paging through every product."""
        pages = catalog.import_listings(self.http, searchKeywordType="SELLER_CODE",
                                        sellerManagementCode=seller_product_code)
        return await first_live_listing(pages, seller_product_code)

    # -- orders -------------------------------------------------------------------------------------
    async def changed_rows(self, window_from: datetime, window_to: datetime,
                           change_type: str | None = None) -> AsyncIterator[list[dict[str, Any]]]:
        """Pages of last-changed-statuses rows over any window (24-hour slices, `more` continuation)."""
        for start, end in split_window(window_from, window_to):
            params: dict[str, Any] = {"lastChangedFrom": fmt(start), "lastChangedTo": fmt(end),
                                      "limitCount": FEED_PAGE}
            if change_type:
                params["lastChangedType"] = change_type
            while True:
                data = (await self.http.call("GET", f"{ORDERS}/last-changed-statuses", "fetch_orders",
                                             params=params))["data"]
                rows = data.get("lastChangeStatuses") or []
                if rows:
                    yield rows
                more = data.get("more")
                if not more:
                    break
                params["lastChangedFrom"], params["moreSequence"] = more["moreFrom"], more["moreSequence"]

    async def query(self, ids: Sequence[str], operation: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for batch in chunks(unique(ids), QUERY_BATCH):
            body = await self.http.call("POST", f"{ORDERS}/query", operation, idempotent=True,
                                        json={"productOrderIds": list(batch), "quantityClaimCompatibility": True})
            items.extend(body["data"] or ())
        return items

    async def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        """Every collectable order line changed in the window (unpaid ones are left out), with details."""
        account = self._account
        async for rows in self.changed_rows(window_from, window_to):
            changes = {r["productOrderId"]: r for r in rows if r.get("productOrderStatus") not in NOT_COLLECTED}
            if not changes:
                continue
            items = await self.query(list(changes), "fetch_orders")
            yield [parse_order(item, account, changes.get(item["productOrder"]["productOrderId"])) for item in items]

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        states = (parse_state(item) for item in await self.query(order_line_ids, "get_order_states"))
        return {state.order_line_id: state for state in states}

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        result = BulkResult()
        for batch in chunks(unique(order_line_ids), ACTION_BATCH):
            data = (await self.http.call("POST", f"{ORDERS}/confirm", "acknowledge", idempotent=True,
                                         json={"productOrderIds": list(batch)}))["data"]
            result.succeeded += [str(s["productOrderId"]) for s in data.get("successProductOrderInfos") or ()]
            result.failed.update(_failures(data))
        return result

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        result = BulkResult()
        payload: list[dict[str, str]] = []
        for item in {i.order_line_id: i for i in items}.values():
            company = to_naver(item.courier_code)
            if company is None:
                result.failed[item.order_line_id] = ItemFailure(
                    "UNMAPPED_COURIER", f"네이버에 등록되지 않은 택배사 코드입니다: {item.courier_code}")
                continue
            payload.append({"productOrderId": item.order_line_id, "deliveryMethod": "DELIVERY",
                            "deliveryCompanyCode": company, "trackingNumber": item.tracking_number,
                            "dispatchDate": fmt(item.dispatched_at)})
        for batch in chunks(payload, ACTION_BATCH):
            data = (await self.http.call("POST", f"{ORDERS}/dispatch", "dispatch", idempotent=False,
                                         json={"dispatchProductOrders": list(batch)}))["data"]
            result.succeeded += [str(i) for i in data.get("successProductOrderIds") or ()]
            result.failed.update(_failures(data))
        return result

    async def delay_dispatch(self, delay: DispatchDelay) -> None:
        await claims.delay_dispatch(self.http, delay)

    async def cancel_by_seller(self, items: Sequence[SellerCancel]) -> BulkResult:
        return await claims.cancel_by_seller(self.http, items)

    # -- claims -------------------------------------------------------------------------------------
    def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        return claims.fetch_claims(self, window_from, window_to)

    async def decide_claim(self, decision: ClaimDecision) -> None:
        await claims.decide(self.http, decision)

    # -- questions and notices ----------------------------------------------------------------------
    def fetch_inquiries(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        return inquiries.fetch_inquiries(self.http, self._account, window_from, window_to)

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        await inquiries.answer_inquiry(self.http, answer)

    def fetch_notices(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceNotice]]:
        raise UnsupportedOperation(MARKETPLACE, "fetch_notices",
                                   "네이버 커머스 API에는 판매자용 긴급 알림(긴급알리미) API가 없습니다.")

