"""공영홈쇼핑 supplier API adapter — (modelled) in its entirety.

Nothing about 공영홈쇼핑's supplier interface is public (the spec found no documentation, client or guide), so the
dialect is our invention, modelled on the closest documented dialect, CJ온스타일's: one XML endpoint
(`POST /api/supplier.do`), the operation chosen by an interface id (`PH_04_01` 주문 조회, `PH_04_02` 클레임 조회,
`PH_04_03` 주문확인, `PH_04_04` 송장 등록, `PH_03_01/02/07` 상품 등록/수정/조회, `PH_01_02` 카테고리,
`PH_05_01/02` Q&A 조회/답변), vendor code + API key in the body, one order day per query, per-line results;
UTF-8 rather than EUC-KR; result code `0000` (9001 auth, 9429 rate limit); CJ온스타일's courier codes.
Unsupported (종합몰 rules): seller cancel (ORD-CANCEL-2), claim decisions, notices, per-option prices (OPT-1),
add-ons (ADD-3).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

import httpx
from marketbridge.connectors.homeshopping_common import rules
from marketbridge.connectors.homeshopping_common.adapter import HomeShoppingAdapter, ListingFields, category_tree
from marketbridge.connectors.homeshopping_common.dates import kst_days, order_day_window, ymd
from marketbridge.connectors.homeshopping_common.http import DEFAULT_TIMEOUT, reads_errors
from marketbridge.connectors.homeshopping_common.xml import fields
from marketbridge.connectors.parsing import chunks, unique_lines
from marketbridge.connectors.ports import (
    BulkResult,
    Category,
    DispatchItem,
    ImportedListing,
    InquiryAnswer,
    ItemFailure,
    Listing,
    ListingStatus,
    MarketplaceClaim,
    MarketplaceInquiry,
    MarketplaceOrder,
    MarketplaceOrderState,
    PriceStockUpdate,
    PublishResult,
)
from marketbridge.connectors.publichs import wire
from marketbridge.connectors.publichs.couriers import to_publichs
from marketbridge.connectors.publichs.wire import MARKETPLACE
from marketbridge.connectors.ratelimit import RateLimit, RateLimiter

PATH = "/api/supplier.do"
DEFAULT_RATE_LIMIT = RateLimit(rate=5, burst=5)  # (modelled)
ACTION_BATCH = 100  # (modelled)
PAGE = 1000
STATUS = {"Y": ListingStatus.ON_SALE, "N": ListingStatus.SUSPENDED, "E": ListingStatus.ENDED}
LISTING = ListingFields("goodsCd", "goodsNm", "vendorGoodsCd", "salePrc", "stockQty", "saleStat", "ctgrCd", STATUS)
Groups = Mapping[str, Iterable[Mapping[str, object]]]


@dataclass(frozen=True)
class PublicHsCredentials:
    vendor_cd: str
    api_key: str = field(repr=False)


class PublicHsAdapter(HomeShoppingAdapter):
    marketplace: ClassVar[str] = MARKETPLACE

    def __init__(
        self,
        credentials: PublicHsCredentials,
        base_url: str = "https://openapi.publichs.example",
        rate_limit: RateLimit = DEFAULT_RATE_LIMIT,
        *,
        limiter: RateLimiter | None = None,
        account_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._creds = credentials
        self._connect(
            account_key or credentials.vendor_cd,
            base_url,
            rate_limit,
            limiter,
            timeout=timeout,
            transport=transport,
            headers={"Content-Type": "text/xml; charset=utf-8", "Accept": "text/xml"},
            error_reader=reads_errors(wire.read, lambda answer: (answer[0], answer[1])),
        )

    async def call(
        self,
        if_id: str,
        operation: str,
        *,
        safe: bool,
        contents: Mapping[str, object] | None = None,
        groups: Groups | None = None,
    ) -> ET.Element:
        body = wire.request(if_id, self._creds.vendor_cd, self._creds.api_key, contents, groups)
        response = await self.http.request("POST", PATH, operation, safe=safe, content=body)
        code, message, root = self.http.decode(wire.read, response, operation, safe)
        if code == "0000":
            return root
        raise self.result_error(code, message, operation, auth={"9001"}, rate_limited="9429")

    @staticmethod
    def _rows(root: ET.Element, tag: str) -> list[dict[str, str]]:
        return [fields(e) for e in root.findall(tag)]

    # -- listings -------------------------------------------------------------------------------------
    def _goods(self, listing: Listing, operation: str) -> dict[str, list[dict[str, object]]]:
        rules.check_listing(MARKETPLACE, listing, operation)
        goods: dict[str, object] = {
            "vendorGoodsCd": listing.seller_product_code,
            "goodsNm": listing.name,
            "salePrc": listing.sale_price,
            "stockQty": listing.stock_quantity,
            "ctgrCd": listing.category_id,
            "brandNm": listing.brand or "",
            "makerNm": listing.manufacturer or "",
            "originNm": listing.origin_area,
            "detailHtml": listing.description_html,
            "imgUrl": ",".join(listing.image_urls),
            "asTel": listing.after_service_phone,
        }
        notice: list[dict[str, object]] = [{"itemNm": k, "itemCntn": v} for k, v in rules.notice(listing).items()]
        options: list[dict[str, object]] = [
            {"optNm": "/".join(o.values), "stockQty": o.stock_quantity, "addPrc": 0} for o in listing.options
        ]
        return {"goods": [goods], "notice": notice, "option": options}

    async def publish_listing(self, listing: Listing) -> PublishResult:
        root = await self.call(
            "PH_03_01", "publish_listing", safe=False, groups=self._goods(listing, "publish_listing")
        )
        return PublishResult(market_product_id=fields(root).get("goodsCd", ""))

    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult:
        groups = self._goods(listing, "update_listing")
        groups["goods"][0]["goodsCd"] = market_product_id
        await self.call("PH_03_02", "update_listing", safe=True, groups=groups)
        return PublishResult(market_product_id=market_product_id)

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        rules.check_price_stock(MARKETPLACE, update)
        goods: dict[str, object] = {"goodsCd": update.market_product_id}
        if update.sale_price is not None:
            goods["salePrc"] = update.sale_price
        stock = sum(o.stock_quantity for o in update.options) if update.options else update.stock_quantity
        if stock is not None:
            goods["stockQty"] = stock
        await self.call("PH_03_02", "update_price_stock", safe=True, groups={"goods": [goods]})

    async def end_sale(self, market_product_id: str) -> None:
        await self.call(
            "PH_03_02", "end_sale", safe=True, groups={"goods": [{"goodsCd": market_product_id, "saleStat": "N"}]}
        )

    async def fetch_categories(self) -> list[Category]:
        rows = self._rows(await self.call("PH_01_02", "fetch_categories", safe=True), "category")
        return category_tree(rows, "ctgrCd", "ctgrNm", "uprCtgrCd", "leafYn")

    async def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        rows = self._rows(await self.call("PH_03_07", "import_listings", safe=True), "goods")
        for page in chunks(rows, PAGE):
            yield [LISTING.read(r) for r in page]

    # -- orders ---------------------------------------------------------------------------------------
    async def _days(
        self, if_id: str, key: str, tag: str, operation: str, window_from: datetime, window_to: datetime, **extra: str
    ) -> AsyncIterator[list[dict[str, str]]]:
        for day in kst_days(window_from, window_to):
            root = await self.call(if_id, operation, safe=True, contents={key: ymd(day, "-"), **extra})
            for page in chunks(self._rows(root, tag), PAGE):
                yield list(page)

    async def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        async for rows in self._days("PH_04_01", "ordDt", "order", "fetch_orders", window_from, window_to):
            yield [wire.parse_order(r, self._account) for r in rows]

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        wanted, states = set(order_line_ids), {}
        for order_no in dict.fromkeys(i.split(":", 1)[0] for i in order_line_ids):
            start, end = order_day_window(order_no)
            async for rows in self._days("PH_04_01", "ordDt", "order", "get_order_states", start, end, ordNo=order_no):
                states.update({s.order_line_id: s for s in map(wire.parse_state, rows) if s.order_line_id in wanted})
        return states

    async def _per_line(
        self, if_id: str, tag: str, rows: list[dict[str, object]], operation: str, safe: bool
    ) -> BulkResult:
        result = BulkResult()
        for batch in chunks(rows, ACTION_BATCH):
            root = await self.call(if_id, operation, safe=safe, groups={tag: batch})
            for r in self._rows(root, "result"):
                key = f"{r.get('ordNo')}:{r.get('ordSeq')}"
                if r.get("resultCode") == "0000":
                    result.succeeded.append(key)
                else:
                    result.failed[key] = ItemFailure(r.get("resultCode", ""), r.get("resultMsg", ""))
        return result

    @staticmethod
    def _key(line_id: str) -> dict[str, object]:
        order_no, _, seq = line_id.partition(":")
        return {"ordNo": order_no, "ordSeq": seq}

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        rows = [self._key(i) for i in dict.fromkeys(order_line_ids)]
        return await self._per_line("PH_04_03", "confirm", rows, "acknowledge", safe=True)

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        rows = [
            {**self._key(i.order_line_id), "dlvCoCd": to_publichs(i.courier_code), "invNo": i.tracking_number}
            for i in unique_lines(items)
        ]
        return await self._per_line("PH_04_04", "invoice", rows, "dispatch", safe=False)

    # -- claims, questions, notices -------------------------------------------------------------------
    async def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        async for rows in self._days("PH_04_02", "clmDt", "claim", "fetch_claims", window_from, window_to):
            claims = [c for c in (wire.parse_claim(r, self._account) for r in rows) if c is not None]
            if claims:
                yield claims

    async def fetch_inquiries(
        self, window_from: datetime, window_to: datetime
    ) -> AsyncIterator[list[MarketplaceInquiry]]:
        async for rows in self._days("PH_05_01", "qnaDt", "qna", "fetch_inquiries", window_from, window_to):
            yield [wire.parse_qna(r, self._account) for r in rows]

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        await self.call(
            "PH_05_02",
            "answer_inquiry",
            safe=True,
            groups={"answer": [{"qnaNo": answer.inquiry_id, "answer": answer.content}]},
        )
