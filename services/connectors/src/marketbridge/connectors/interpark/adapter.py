"""The 인터파크 (Interpark) supplier API adapter: one instance per supplier contract.

Orders and claims: `GET …/order/OrderClmAPI.do?_method=…` with the supplier ids (`sc.entrId`,
`sc.supplyEntrNo`, `sc.supplyCtrtSeq`) and `yyyyMMddHHmmss` windows of one day (split here). Listing
new orders is 주문확인 at 인터파크 (modelled), so `acknowledge` only makes sure a line has been listed.
Products: `POST …/openapi/product/ProductAPIService.do` with `citeKey`/`secretKey` and a `dataUrl` served
by our `ProductFeed`, which 인터파크 fetches during the call. No Q&A, notice or product-list API is
known: those operations raise UnsupportedOperation. No rate limit is published: 2 calls/s (modelled).

Modelled (nothing public shows them): result codes other than 000, lists filtered by order date and
ORD_NO starting with that date (used to find a line's lists), 주문확인 as a side effect of
`orderListForSingle`, the seller-cancel reason params, the per-line delivery fields, the claim status
values, the product feed document, and the response of the product API.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import date, datetime
from typing import ClassVar

import httpx
from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.interpark import catalog, claims, xmlcodec
from marketbridge.connectors.interpark.couriers import to_interpark
from marketbridge.connectors.interpark.dates import day, split_days, whole_day
from marketbridge.connectors.interpark.feed import ProductFeed, default_feed
from marketbridge.connectors.interpark.http import DEFAULT_TIMEOUT, MARKETPLACE, InterparkCredentials, InterparkHttp
from marketbridge.connectors.interpark.orders import lines, parse_order, parse_state, split_line_id
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
    SellerCancelReason,
)
from marketbridge.connectors.ratelimit import RateLimit, RateLimiter, for_account

DEFAULT_RATE_LIMIT = RateLimit(rate=2, burst=4)
ORDER_LISTS = ("orderListForSingle", "orderListDelvForSingle", "delvCompListForSingle", "orderCompListForSingle")
STATE_LISTS = ORDER_LISTS[1:]  # never orderListForSingle: listing new orders confirms them
CANCEL_REASONS = {
    SellerCancelReason.SOLD_OUT: "품절",
    SellerCancelReason.DELAYED_DELIVERY: "배송지연",
    SellerCancelReason.WRONG_PRODUCT_INFO: "상품정보 오류",
    SellerCancelReason.BUYER_REQUEST: "고객요청",
    SellerCancelReason.OTHER: "기타",
}
PAGE = 500
NO_QNA = "인터파크 공급업체 API에는 상품 문의(Q&A) 조회·답변 기능이 없습니다. 인터파크 판매자센터에서 처리해 주세요."


def _pages(items: list[MarketplaceOrder]) -> Iterable[list[MarketplaceOrder]]:
    for start in range(0, len(items), PAGE):
        yield items[start : start + PAGE]


class InterparkAdapter(MarketplaceAdapter):
    """One supplier contract. A `feed` passed in is owned (closed) by the adapter; without one,
    `feed.default_feed()` decides (see feed.py)."""

    marketplace: ClassVar[str] = MARKETPLACE

    def __init__(
        self,
        credentials: InterparkCredentials,
        order_url: str = "https://joinapi.interpark.com",
        product_url: str = "https://ipss1.interpark.com",
        rate_limit: RateLimit = DEFAULT_RATE_LIMIT,
        *,
        feed: ProductFeed | None = None,
        limiter: RateLimiter | None = None,
        account_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._account = account_key or credentials.entr_id
        shared = for_account(limiter, rate_limit, self._account)
        self.feed, self._owns_feed = (feed, True) if feed is not None else default_feed()
        self.http = InterparkHttp(
            order_url, product_url, credentials, shared, self._account, timeout=timeout, transport=transport
        )

    @property
    def account_id(self) -> str:
        return self._account

    async def aclose(self) -> None:
        await self.http.aclose()
        if self._owns_feed:
            await self.feed.aclose()

    # -- listings -----------------------------------------------------------------------------------
    async def _feed_call(self, method: str, operation: str, doc: ET.Element) -> str:
        url = await self.feed.publish(xmlcodec.encode(doc))
        try:
            root = await self.http.product_call(method, operation, {"dataUrl": url})
        finally:
            await self.feed.withdraw(url)
        return (root.findtext("PRD_NO") or "").strip()

    async def publish_listing(self, listing: Listing) -> PublishResult:
        prd_no = await self._feed_call("InsertProductAPIData", "publish_listing", catalog.product_document(listing))
        return PublishResult(market_product_id=prd_no)

    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult:
        await self._feed_call(
            "UpdateProductAPIData", "update_listing", catalog.product_document(listing, market_product_id)
        )
        return PublishResult(market_product_id=market_product_id)

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        prd_no = update.market_product_id
        if update.sale_price is not None:
            await self._feed_call(
                "UpdateProductAPIData",
                "update_price_stock",
                catalog.document([("prdNo", prd_no), ("saleUnitcost", update.sale_price)]),
            )
        if update.stock_quantity is not None or update.options:
            await self._feed_call(
                "UpdateProductAPIStatTpQty",
                "update_price_stock",
                catalog.stock_document(prd_no, update.stock_quantity, update.options),
            )

    async def end_sale(self, market_product_id: str) -> None:
        await self._feed_call(
            "UpdateProductAPIStatTpQty",
            "end_sale",
            catalog.stock_document(market_product_id, None, (), catalog.STOPPED),
        )

    async def fetch_categories(self) -> list[Category]:
        root = await self.http.product_call("GetBasicCategoryForAPI", "fetch_categories", {}, idempotent=True)
        return catalog.parse_categories(root)

    def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        raise UnsupportedOperation(
            MARKETPLACE,
            "import_listings",
            "인터파크 공급업체 API에는 판매자 상품 목록 조회 기능이 없습니다 (상품번호별 재고 조회만 제공).",
        )

    # -- orders -------------------------------------------------------------------------------------
    async def _list(self, method: str, lo: str, hi: str, operation: str) -> list[MarketplaceOrder]:
        root = await self.http.order_call(method, operation, {"sc.strDate": lo, "sc.endDate": hi})
        return [parse_order(head, prd, method, self._account) for head, prd in lines(root)]

    async def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        seen: set[str] = set()  # a line listed as new is listed again as 배송대기 right after
        for lo, hi in split_days(window_from, window_to):
            for method in ORDER_LISTS:
                fresh = [o for o in await self._list(method, lo, hi, "fetch_orders") if o.order_line_id not in seen]
                seen.update(o.order_line_id for o in fresh)
                for page in _pages(fresh):
                    yield page

    @staticmethod
    def _days(ids: Iterable[str]) -> dict[date, list[str]]:
        by_day: dict[date, list[str]] = {}
        for line in dict.fromkeys(ids):
            ord_no = split_line_id(line)[0]
            by_day.setdefault(datetime.strptime(ord_no[:8], "%Y%m%d").date(), []).append(line)
        return by_day

    async def _find(
        self, methods: Sequence[str], on: date, wanted: set[str], operation: str
    ) -> dict[str, MarketplaceOrder]:
        found: dict[str, MarketplaceOrder] = {}
        lo, hi = whole_day(on)
        for method in methods:
            if wanted <= set(found):
                break
            found.update(
                {o.order_line_id: o for o in await self._list(method, lo, hi, operation) if o.order_line_id in wanted}
            )
        return found

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        """Lines looked up in the lists of their order date; lines never listed yet are absent."""
        states: dict[str, MarketplaceOrderState] = {}
        for on, ids in self._days(order_line_ids).items():
            found = await self._find(STATE_LISTS, on, set(ids), "get_order_states")
            states.update({i: parse_state(o) for i, o in found.items()})
        return states

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        """A line is 주문확인 once 인터파크 has listed it as new; list the day's new orders if needed."""
        result = BulkResult()
        for on, ids in self._days(order_line_ids).items():
            found = await self._find(
                ("orderListDelvForSingle", "orderListForSingle", *STATE_LISTS[1:]), on, set(ids), "acknowledge"
            )
            for line in ids:
                if line in found:
                    result.succeeded.append(line)
                else:
                    result.failed[line] = ItemFailure("NOT_FOUND", "인터파크 주문 목록에서 찾을 수 없는 주문입니다.")
        return result

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        result = BulkResult()
        for item in {i.order_line_id: i for i in items}.values():
            courier = to_interpark(item.courier_code)
            if courier is None:
                result.failed[item.order_line_id] = ItemFailure(
                    "UNMAPPED_COURIER", f"인터파크에 등록되지 않은 택배사입니다: {item.courier_code}"
                )
                continue
            ord_no, seq = split_line_id(item.order_line_id)
            params = {
                "sc.ordclmNo": ord_no,
                "sc.ordSeq": seq,
                "sc.delvDt": day(item.dispatched_at),
                "sc.delvEntrNo": courier,
                "sc.invoNo": "".join(ch for ch in item.tracking_number if ch.isdigit()),
                "sc.optPrdTp": "01",
                "sc.optOrdSeqList": seq,
            }
            await self._action("delvCompForComm", "dispatch", params, item.order_line_id, result)
        return result

    async def _action(self, method: str, operation: str, params: dict[str, str], line: str, result: BulkResult) -> None:
        try:
            await self.http.order_call(method, operation, params, idempotent=False)
        except PermanentMarketplaceError as error:
            result.failed[line] = ItemFailure(error.code, error.message)
        else:
            result.succeeded.append(line)

    async def cancel_by_seller(self, items: Sequence[SellerCancel]) -> BulkResult:
        result = BulkResult()
        for item in {i.order_line_id: i for i in items}.values():
            ord_no, seq = split_line_id(item.order_line_id)
            params = {
                "sc.ordclmNo": ord_no,
                "sc.ordSeq": seq,
                "sc.clmReqRsnTp": CANCEL_REASONS[item.reason],
                "sc.clmReqRsn": item.detail or CANCEL_REASONS[item.reason],
            }
            await self._action("cnclOutOfStockReqForComm", "cancel_by_seller", params, item.order_line_id, result)
        return result

    # -- claims -------------------------------------------------------------------------------------
    def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        return claims.fetch_claims(self.http, self._account, window_from, window_to)

    async def decide_claim(self, decision: ClaimDecision) -> None:
        await claims.decide(self.http, self._account, decision)

    # -- questions and notices ----------------------------------------------------------------------
    def fetch_inquiries(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        raise UnsupportedOperation(MARKETPLACE, "fetch_inquiries", NO_QNA)

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        raise UnsupportedOperation(MARKETPLACE, "answer_inquiry", NO_QNA)

    def fetch_notices(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceNotice]]:
        raise UnsupportedOperation(
            MARKETPLACE, "fetch_notices", "인터파크 공급업체 API에는 판매자용 긴급 알림(긴급알리미) 기능이 없습니다."
        )
