"""현대Hmall supplier API adapter: one instance per supplier (협력사) account.

Documented (10x10's production integration, see the spec's homeshopping.md): host, headers `oauserId`
(6-digit 협력사코드) + `oauseKey`, POST `text/xml` Nexacro datasets, `selectOshpDtlList.do` (input venCd,
fromDate/toDate yyyyMMdd, prgrGb P0–P3) and its row fields, `multiItem.do`, `updateItemByVen.do`,
`updateItemPrcHist.do`, `selectItem.do`, `selectSectMstList.do`, courier codes.
(modelled) the confirm/ship call `/front/sc/scb/scbd/updateOshpPrgrByVen.do` (fields DlvstNo, DlvstPtcSeq,
OrdNo, OrdPtcSeq, ProcGb P1 주문확인 / P2 출고완료 / P3 배송완료, DsrvDlvcoCd, InvcNo; per-row resultCd);
the `Parameters` ErrorCode/ErrorMsg envelope; the 7-day window (we ask one KST day per call); the `ordNo`
filter used by get_order_states (Hmall order numbers begin with the order date); claims shown on order
rows (`clmGbcd`); item field names of product registration.
Unsupported: seller cancel (ORD-CANCEL-2), claim decisions and Q&A (no supplier API in the record),
notices, per-option prices (OPT-1), add-ons (ADD-3).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

import httpx
from marketbridge.connectors.errors import (
    PermanentMarketplaceError,
    UnsupportedOperation,
)
from marketbridge.connectors.hmall import dataset
from marketbridge.connectors.hmall.couriers import to_hmall
from marketbridge.connectors.hmall.orders import MARKETPLACE, parse_claim, parse_order, parse_state
from marketbridge.connectors.homeshopping_common import rules
from marketbridge.connectors.homeshopping_common.adapter import HomeShoppingAdapter, ListingFields, category_tree
from marketbridge.connectors.homeshopping_common.dates import KST, kst_days, order_day_window, ymd
from marketbridge.connectors.homeshopping_common.http import DEFAULT_TIMEOUT, reads_errors
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
from marketbridge.connectors.ratelimit import RateLimit, RateLimiter

ORDERS = "/front/sc/scb/scbd/selectOshpDtlList.do"
PROGRESS = "/front/sc/scb/scbd/updateOshpPrgrByVen.do"  # (modelled)
REGISTER = "/front/pd/pdb/multiItem.do"
UPDATE = "/front/pd/pdb/updateItemByVen.do"
PRICE = "/front/pd/pdh/updateItemPrcHist.do"
ITEMS = "/front/pd/pdb/selectItem.do"
SECTIONS = "/front/om/oma/selectSectMstList.do"
ACTION_BATCH = 100  # (modelled)
PAGE = 1000
DEFAULT_RATE_LIMIT = RateLimit(rate=5, burst=5)  # (modelled) no published limit
AUTH_CODES = frozenset({"-100"})
STATUS = {"10": ListingStatus.ON_SALE, "11": ListingStatus.SUSPENDED, "19": ListingStatus.ENDED}
LISTING = ListingFields("slitmCd", "slitmNm", "venItemCd", "sellPrc", "stockQty", "sellStatCd", "sectId", STATUS)
Rows = list[dict[str, str]]


@dataclass(frozen=True)
class HmallCredentials:
    oauser_id: str
    oause_key: str = field(repr=False)


class HmallAdapter(HomeShoppingAdapter):
    marketplace: ClassVar[str] = MARKETPLACE

    def __init__(
        self,
        credentials: HmallCredentials,
        base_url: str = "https://openapi.hmall.com",
        rate_limit: RateLimit = DEFAULT_RATE_LIMIT,
        *,
        limiter: RateLimiter | None = None,
        account_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._creds = credentials
        headers = {
            "oauserId": credentials.oauser_id,
            "oauseKey": credentials.oause_key,
            "Content-Type": "text/xml; charset=utf-8",
            "Accept": "text/xml",
        }
        self._connect(
            account_key or credentials.oauser_id,
            base_url,
            rate_limit,
            limiter,
            timeout=timeout,
            transport=transport,
            headers=headers,
            error_reader=reads_errors(dataset.read, lambda answer: (answer[0], answer[1])),
        )

    async def call(
        self, path: str, operation: str, *, safe: bool, **sets: Iterable[Mapping[str, object]]
    ) -> dict[str, Rows]:
        response = await self.http.request("POST", path, operation, safe=safe, content=dataset.request_body(sets))
        code, message, answer = self.http.decode(dataset.read, response, operation, safe)
        if code in ("0", ""):
            return answer
        raise self.result_error(code, message, operation, auth=AUTH_CODES, rate_limited="-429")

    # -- listings -----------------------------------------------------------------------------------
    def _item(self, listing: Listing) -> dict[str, object]:
        images = {f"imgUrl{n}": url for n, url in enumerate(listing.image_urls[:10], start=1)}
        return {
            "venCd": self._creds.oauser_id,
            "venItemCd": listing.seller_product_code,
            "slitmNm": listing.name,
            "sellPrc": listing.sale_price,
            "stockQty": listing.stock_quantity,
            "sectId": listing.category_id,
            "brndNm": listing.brand or "",
            "mkcoNm": listing.manufacturer or "",
            "orgnNm": listing.origin_area,
            "itemDtlCntn": listing.description_html,
            "asTelNo": listing.after_service_phone,
            **images,
        }

    def _sets(self, listing: Listing, operation: str) -> dict[str, list[dict[str, object]]]:
        rules.check_listing(MARKETPLACE, listing, operation)
        notice: list[dict[str, object]] = [
            {"infNotfItemNm": k, "infNotfCntn": v} for k, v in rules.notice(listing).items()
        ]
        options: list[dict[str, object]] = [
            {
                "uitmNm": "/".join(o.values),
                "stockQty": o.stock_quantity,
                "addPrc": 0,
                "venUitmCd": o.seller_option_code or "",
            }
            for o in listing.options
        ]
        return {"dsItem": [self._item(listing)], "dsInfNotf": notice, "dsUitm": options}

    async def publish_listing(self, listing: Listing) -> PublishResult:
        out = await self.call(REGISTER, "publish_listing", safe=False, **self._sets(listing, "publish_listing"))
        return PublishResult(market_product_id=out["dsOutput"][0]["slitmCd"])

    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult:
        sets = self._sets(listing, "update_listing")
        sets["dsItem"][0]["slitmCd"] = market_product_id
        await self.call(UPDATE, "update_listing", safe=True, **sets)
        await self._price(market_product_id, listing.sale_price, "update_listing")
        return PublishResult(market_product_id=market_product_id)

    async def _price(self, product_id: str, price: int, operation: str) -> None:
        start = ymd(datetime.now(KST))
        await self.call(
            PRICE, operation, safe=True, dsInput=[{"slitmCd": product_id, "sellPrc": price, "aplyStrtDt": start}]
        )

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        rules.check_price_stock(MARKETPLACE, update)
        if update.sale_price is not None:
            await self._price(update.market_product_id, update.sale_price, "update_price_stock")
        stock = update.stock_quantity
        if update.options:
            stock = sum(o.stock_quantity for o in update.options)
        if stock is not None:
            await self.call(
                UPDATE,
                "update_price_stock",
                safe=True,
                dsItem=[{"slitmCd": update.market_product_id, "stockQty": stock}],
            )

    async def end_sale(self, market_product_id: str) -> None:
        await self.call(UPDATE, "end_sale", safe=True, dsItem=[{"slitmCd": market_product_id, "sellStatCd": "11"}])

    async def fetch_categories(self) -> list[Category]:
        rows = await self.call(SECTIONS, "fetch_categories", safe=True, dsInput=[{"venCd": self._creds.oauser_id}])
        return category_tree(rows.get("dsOutput", []), "sectId", "sectNm", "uprSectId", "leafYn", unique=True)

    async def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        rows = (await self.call(ITEMS, "import_listings", safe=True, dsInput=[{"venCd": self._creds.oauser_id}])).get(
            "dsOutput", []
        )
        for page in chunks(rows, PAGE):
            yield [LISTING.read(r) for r in page]

    # -- orders -------------------------------------------------------------------------------------
    async def order_rows(
        self, window_from: datetime, window_to: datetime, operation: str, order_no: str | None = None
    ) -> AsyncIterator[Rows]:
        for day in kst_days(window_from, window_to):
            params = {
                "venCd": self._creds.oauser_id,
                "fromDate": ymd(day),
                "toDate": ymd(day),
                "prgrGb": "",
                "ordNo": order_no,
            }
            rows = (await self.call(ORDERS, operation, safe=True, dsInput=[params])).get("dsOutput", [])
            for page in chunks(rows, PAGE):
                yield list(page)

    async def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        async for rows in self.order_rows(window_from, window_to, "fetch_orders"):
            yield [parse_order(row, self._account) for row in rows]

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        wanted = set(order_line_ids)
        states: dict[str, MarketplaceOrderState] = {}
        for order_no in dict.fromkeys(i.split(":", 1)[0] for i in order_line_ids):
            start, end = order_day_window(order_no)
            async for rows in self.order_rows(start, end, "get_order_states", order_no):
                for state in (parse_state(r) for r in rows):
                    if state.order_line_id in wanted:
                        states[state.order_line_id] = state
        return states

    async def _progress(self, rows: list[dict[str, object]], operation: str, safe: bool) -> BulkResult:
        result = BulkResult()
        for batch in chunks(rows, ACTION_BATCH):
            out = (await self.call(PROGRESS, operation, safe=safe, dsInput=batch)).get("dsOutput", [])
            for r in out:
                key = f"{r.get('OrdNo')}:{r.get('OrdPtcSeq')}:{r.get('DlvstNo')}:{r.get('DlvstPtcSeq')}"
                if r.get("resultCd") == "0000":
                    result.succeeded.append(key)
                else:
                    result.failed[key] = ItemFailure(r.get("resultCd", ""), r.get("resultMsg", ""))
        return result

    @staticmethod
    def _key(line_id: str) -> dict[str, object]:
        parts = line_id.split(":")
        if len(parts) != 4:
            raise PermanentMarketplaceError(
                MARKETPLACE, "INVALID_ORDER_LINE_ID", f"현대Hmall 주문 라인 번호 형식이 아닙니다: {line_id}"
            )
        return {"OrdNo": parts[0], "OrdPtcSeq": parts[1], "DlvstNo": parts[2], "DlvstPtcSeq": parts[3]}

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        rows = [{**self._key(i), "ProcGb": "P1"} for i in dict.fromkeys(order_line_ids)]
        return await self._progress(rows, "acknowledge", safe=True)

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        rows = [
            {
                **self._key(i.order_line_id),
                "ProcGb": "P2",
                "DsrvDlvcoCd": to_hmall(i.courier_code),
                "InvcNo": i.tracking_number,
            }
            for i in unique_lines(items)
        ]
        return await self._progress(rows, "dispatch", safe=False)

    # -- claims, questions, notices -----------------------------------------------------------------
    async def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        async for rows in self.order_rows(window_from, window_to, "fetch_claims"):
            claims = [c for c in (parse_claim(r, self._account) for r in rows) if c is not None]
            if claims:
                yield claims

    def fetch_inquiries(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        raise UnsupportedOperation(
            MARKETPLACE,
            "fetch_inquiries",
            "현대Hmall 협력사 API에는 고객 문의(Q&A) 조회 기능이 확인되지 않습니다. 협력사 시스템에서 확인해 주세요.",
        )

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        raise UnsupportedOperation(
            MARKETPLACE,
            "answer_inquiry",
            "현대Hmall 협력사 API에는 고객 문의(Q&A) 답변 기능이 확인되지 않습니다. 협력사 시스템에서 답변해 주세요.",
        )
