"""The 11번가 (11st) seller Open API adapter: one instance per seller API key.

Speaks `https://api.11st.co.kr/rest`: GET with path parameters, EUC-KR XML, header `openapikey`,
`yyyyMMddHHmm` windows of at most 7 days without paging (longer windows are split here). 발주확인 is
per line (`reqpackaging`), 발송 per bundle (`reqdelivery`, or its partial variant when only some lines of
a bundle ship). Each action is its own call, so bulk operations answer per-line `BulkResult`s.
11번가 publishes no rate limit; 5 calls/s per account is our default (modelled).

Modelled (not in the public record; see each module): the claim keys read from `orderlistall`
(`ordPrdCnSeq`, `ordCnStatCd`, `clmReqSeq`, `clmStat`, `clmTyp`), the product search body
(`<SearchProduct>`), the stock-row body (`<ProductStock>`), the 긴급알리미 answer body and list filter
`00`, refusal/hold reason code `99` when none is given, and the reading of `bndlDlvYN`.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import datetime
from typing import Any, ClassVar

import httpx
from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.ports import (
    BulkResult,
    Category,
    ClaimDecision,
    ClaimType,
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
from marketbridge.connectors.st11 import catalog, claims, contents, shipping, xmlcodec
from marketbridge.connectors.st11.dates import split_minutes
from marketbridge.connectors.st11.http import DEFAULT_TIMEOUT, MARKETPLACE, St11Http, path
from marketbridge.connectors.st11.orders import (
    line_id,
    parse_cancel,
    parse_claim,
    parse_order,
    parse_state,
    split_line_id,
)

DEFAULT_RATE_LIMIT = RateLimit(rate=5, burst=5)
ORDER_LISTS = ("complete", "packaging", "shipping", "dlvcompleted")
CLAIM_LISTS = (
    ("cancelorders", None),
    ("canceledorders", None),
    ("returnorders", ClaimType.RETURN),
    ("returnedorders", ClaimType.RETURN),
    ("exchangeorders", ClaimType.EXCHANGE),
    ("exchangedorders", ClaimType.EXCHANGE),
)
PAGE = 500


def _pages(items: list[Any], size: int = PAGE) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class St11Adapter(MarketplaceAdapter):
    marketplace: ClassVar[str] = MARKETPLACE

    def __init__(
        self,
        api_key: str,
        base_url: str = "https://api.11st.co.kr/rest",
        rate_limit: RateLimit = DEFAULT_RATE_LIMIT,
        *,
        limiter: RateLimiter | None = None,
        account_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 8,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._account = account_key or f"st11:{hashlib.sha256(api_key.encode()).hexdigest()[:10]}"
        shared = for_account(limiter, rate_limit, self._account)
        self.http = St11Http(
            base_url,
            api_key,
            shared,
            self._account,
            timeout=timeout,
            max_connections=min(max_connections, 16),
            transport=transport,
        )

    @property
    def account_id(self) -> str:
        return self._account

    async def aclose(self) -> None:
        await self.http.aclose()

    # -- listings -----------------------------------------------------------------------------------
    async def publish_listing(self, listing: Listing) -> PublishResult:
        root = await self.http.call(
            "POST", "/prodservices/product", "publish_listing", body=catalog.product_xml(listing), idempotent=False
        )
        return PublishResult(market_product_id=xmlcodec.child_text(root, "productNo") or "")

    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult:
        await self.http.call(
            "PUT",
            path("prodservices", "product", market_product_id),
            "update_listing",
            body=catalog.product_xml(listing),
            idempotent=True,
        )
        return PublishResult(market_product_id=market_product_id)

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        prd_no = update.market_product_id
        if update.sale_price is not None:
            await self.http.call(
                "GET",
                path("prodservices", "product", "price", prd_no, update.sale_price),
                "update_price_stock",
                idempotent=True,
            )
        if update.stock_quantity is None and not update.options:
            return
        stock_root = await self.http.call(
            "GET", path("prodmarketservice", "prodmarket", "stck", prd_no), "update_price_stock"
        )
        rows = xmlcodec.rows(stock_root, "ProductStock")
        changes: list[tuple[str, int]] = []
        if update.stock_quantity is not None and len(rows) == 1 and not update.options:
            changes.append((rows[0]["prdStckNo"], update.stock_quantity))
        for option in update.options:
            row = catalog.match_stock_row(rows, option)
            if row is None:
                raise PermanentMarketplaceError(
                    MARKETPLACE,
                    "OPTION_NOT_FOUND",
                    f"11번가 상품 {prd_no}에서 옵션을 찾을 수 없습니다: {option.values}",
                    operation="update_price_stock",
                )
            changes.append((row["prdStckNo"], option.stock_quantity))
        for stck_no, qty in changes:
            await self.http.call(
                "PUT",
                path("prodservices", "stockqty", stck_no),
                "update_price_stock",
                body=catalog.stock_body(prd_no, stck_no, qty),
                idempotent=True,
            )

    async def end_sale(self, market_product_id: str) -> None:
        await self.http.call(
            "PUT", path("prodstatservice", "stat", "stopdisplay", market_product_id), "end_sale", idempotent=True
        )

    async def fetch_categories(self) -> list[Category]:
        root = await self.http.call("GET", "/cateservice/category", "fetch_categories")
        return catalog.parse_categories(xmlcodec.rows(root, "category"))

    async def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        """Pages of the seller's products (multi-product search; its body is modelled)."""
        start = 0
        while True:
            body = catalog.search_body(start, 100)
            root = await self.http.call(
                "POST", "/prodmarketservice/prodmarket", "import_listings", body=body, idempotent=True
            )
            rows = xmlcodec.rows(root, "product")
            if rows:
                yield [catalog.parse_product(r) for r in rows]
            if len(rows) < 100:
                return
            start += 100

    # -- orders -------------------------------------------------------------------------------------
    async def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        """Lines paid, confirmed, shipped or delivered in the window (one list call per status and 7 days)."""
        for lo, hi in split_minutes(window_from, window_to):
            for kind in ORDER_LISTS:
                root = await self.http.call("GET", path("ordservices", kind, lo, hi), "fetch_orders")
                rows = xmlcodec.rows(root, "order")
                for page in _pages(rows):
                    yield [parse_order(row, self._account) for row in page]

    async def lookup(self, ord_no: str, operation: str) -> dict[str, dict[str, str]]:
        """Every line of one order as 11번가 has it now (`orderlistall`), keyed by our line id."""
        root = await self.http.call("GET", path("claimservice", "orderlistall", ord_no), operation)
        return {line_id(row): row for row in xmlcodec.rows(root, "order")}

    async def lookups(self, ids: Iterable[str], operation: str) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        for ord_no in dict.fromkeys(split_line_id(i)[0] for i in ids):
            found.update(await self.lookup(ord_no, operation))
        return found

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        rows = await self.lookups(order_line_ids, "get_order_states")
        return {i: parse_state(rows[i]) for i in dict.fromkeys(order_line_ids) if i in rows}

    async def confirm(self, row: dict[str, str], result: BulkResult) -> bool:
        url = path(
            "ordservices",
            "reqpackaging",
            row["ordNo"],
            row["ordPrdSeq"],
            row.get("addPrdYn") or "N",
            row.get("addPrdNo") or "null",
            row["dlvNo"],
        )
        try:
            await self.http.call("GET", url, "acknowledge", idempotent=True)
        except PermanentMarketplaceError as error:
            result.failed[line_id(row)] = ItemFailure(error.code, error.message)
            return False
        return True

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        result = BulkResult()
        rows = await self.lookups(order_line_ids, "acknowledge")
        for item in dict.fromkeys(order_line_ids):
            row = rows.get(item)
            if row is None:
                result.failed[item] = ItemFailure("NOT_FOUND", "11번가에서 주문을 찾을 수 없습니다.")
            elif row.get("ordPrdStat") != "202":
                result.succeeded.append(item)  # already confirmed (or further along): nothing to do
            elif await self.confirm(row, result):
                result.succeeded.append(item)
        return result

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        """Per bundle: the whole `dlvNo` when every open line of it ships with one invoice, else 부분발송."""
        return await shipping.dispatch(self, items)

    async def cancel_by_seller(self, items: Sequence[SellerCancel]) -> BulkResult:
        result = BulkResult()
        for item in {i.order_line_id: i for i in items}.values():
            ord_no, seq = split_line_id(item.order_line_id)
            try:
                await self.http.call(
                    "GET",
                    claims.cancel_path(ord_no, seq, item.reason, item.detail),
                    "cancel_by_seller",
                    idempotent=False,
                )
            except PermanentMarketplaceError as error:
                result.failed[item.order_line_id] = ItemFailure(error.code, error.message)
            else:
                result.succeeded.append(item.order_line_id)
        return result

    # -- claims -------------------------------------------------------------------------------------
    async def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        for lo, hi in split_minutes(window_from, window_to):
            for kind, claim_type in CLAIM_LISTS:
                root = await self.http.call("GET", path("claimservice", kind, lo, hi), "fetch_claims")
                rows = xmlcodec.rows(root, "order")
                for page in _pages(rows):
                    yield [
                        parse_cancel(r, self._account)
                        if claim_type is None
                        else parse_claim(r, self._account, claim_type)
                        for r in page
                    ]

    async def decide_claim(self, decision: ClaimDecision) -> None:
        url = await claims.decision_path(self, decision)
        await self.http.call("GET", url, "decide_claim", idempotent=False)

    # -- questions and notices ----------------------------------------------------------------------
    def fetch_inquiries(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        return contents.fetch_inquiries(self, window_from, window_to)

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        await contents.answer(self, answer)

    def fetch_notices(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceNotice]]:
        return contents.fetch_notices(self, window_from, window_to)
