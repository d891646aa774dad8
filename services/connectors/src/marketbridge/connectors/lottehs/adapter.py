"""롯데홈쇼핑 (롯데아이몰) Open API adapter: one instance per supplier account.

Documented (see the spec's homeshopping.md): XML over GET/POST form to `/openapi/{operation}.lotte`, the daily
`createCertification.lotte` session (`subscriptionId`), `registDeliver.lotte` (ord_no, ord_dtl_sn,
proc_gubun=sfin, hdc_cd, inv_no), `registApiGoodsInfo`, `upateApiNewGoodsInfo` (sic), `updateGoodsSalePrcOpenApi`,
`updateGoodsSaleStat`, `searchGoodsListOpenApi`, Q&A `searchQnAListOpenApi` / `updateQnaAnswerOpenApi`,
`Result`=1 success, courier codes.
(modelled) order list `searchNewOrdLstOpenApi.lotte` and claim list `searchCnclList.lotte` (롯데닷컴 twin), one
KST day per call (the emulator allows 7), `proc_gubun=conf` for 발주확인, `ord_no` filter for get_order_states
(order numbers begin with the order date), error elements `ErrorCode`/`Message` (E0001 = session refused →
certify again once; E1001 = wrong id/password), sale-status codes, product form field names.
Unsupported: seller cancel (ORD-CANCEL-2), claim decisions (handled by 롯데홈쇼핑 CS/MD), categories (no
API in the record), notices, per-option prices (OPT-1), add-ons (ADD-3).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlencode

import httpx
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    UnsupportedOperation,
)
from marketbridge.connectors.homeshopping_common import rules
from marketbridge.connectors.homeshopping_common.adapter import HomeShoppingAdapter, ListingFields
from marketbridge.connectors.homeshopping_common.dates import kst_days, order_day_window, ymd
from marketbridge.connectors.homeshopping_common.http import DEFAULT_TIMEOUT
from marketbridge.connectors.homeshopping_common.xml import MalformedXml, fields, parse
from marketbridge.connectors.lottehs.couriers import to_lottehs
from marketbridge.connectors.lottehs.orders import MARKETPLACE, parse_claim, parse_order, parse_qna, parse_state
from marketbridge.connectors.lottehs.session import DailySession
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

DEFAULT_RATE_LIMIT = RateLimit(rate=5, burst=5)  # (modelled) no published limit
SESSION_REFUSED = "E0001"
LOGIN_REFUSED = "E1001"
RATE_LIMITED = "E9429"
STATUS = {"10": ListingStatus.ON_SALE, "20": ListingStatus.OUT_OF_STOCK, "30": ListingStatus.ENDED}
PAGE = 1000
LISTING = ListingFields("GoodsNo", "GoodsNm", "EntrGoodsNo", "SalePrc", "StkQty", "SaleStatCd", "DispNo", STATUS)


@dataclass(frozen=True)
class LotteHsCredentials:
    user_id: str
    password: str = field(repr=False)


def _error_body(response: httpx.Response) -> tuple[str, str] | None:
    try:
        root = parse(response.content, response.headers.get("content-type"))
    except MalformedXml:
        return None
    row = fields(root)
    return (row["ErrorCode"], row.get("Message", "")) if row.get("ErrorCode") else None


class LotteHsAdapter(HomeShoppingAdapter):
    marketplace: ClassVar[str] = MARKETPLACE

    def __init__(
        self,
        credentials: LotteHsCredentials,
        base_url: str = "https://openapi.lotteimall.com",
        rate_limit: RateLimit = DEFAULT_RATE_LIMIT,
        *,
        limiter: RateLimiter | None = None,
        account_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
        session: DailySession | None = None,
    ) -> None:
        self._creds = credentials
        self.session = session or DailySession()
        self._connect(
            account_key or credentials.user_id,
            base_url,
            rate_limit,
            limiter,
            timeout=timeout,
            transport=transport,
            headers={"Accept": "text/xml"},
            error_reader=_error_body,
        )

    # -- transport ------------------------------------------------------------------------------------
    def _read(self, response: httpx.Response, operation: str, safe: bool) -> ET.Element:
        return self.http.decode(parse, response, operation, safe)

    async def _certify(self) -> str:
        async with self.session.lock:
            current = self.session.current()
            if current is not None:
                return current
            response = await self.http.request(
                "GET",
                "/openapi/createCertification.lotte",
                "certify",
                safe=True,
                params={"strUserId": self._creds.user_id, "strPassWd": self._creds.password},
            )
            root = self._read(response, "certify", True)
            session_id = (root.findtext("Result/SubscriptionId") or "").strip()
            if not session_id:
                row = fields(root)
                raise AuthenticationRejected(
                    MARKETPLACE,
                    row.get("Message") or "인증키 발급이 거부되었습니다.",
                    code=row.get("ErrorCode") or LOGIN_REFUSED,
                    operation="certify",
                )
            self.session.store(session_id)
            return session_id

    async def call(
        self,
        name: str,
        operation: str,
        *,
        safe: bool,
        params: dict[str, Any] | None = None,
        form: list[tuple[str, str]] | None = None,
    ) -> ET.Element:
        """GET (params) or POST form (form) `/openapi/{name}.lotte`; answers the `Response` element."""
        for attempt in (1, 2):
            session_id = self.session.current() or await self._certify()
            path = f"/openapi/{name}.lotte"
            if form is None:
                response = await self.http.request(
                    "GET", path, operation, safe=safe, params={**(params or {}), "subscriptionId": session_id}
                )
            else:
                response = await self.http.request(
                    "POST",
                    path,
                    operation,
                    safe=safe,
                    content=_form([*form, ("subscriptionId", session_id)]),
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                )
            root = self._read(response, operation, safe)
            result = root.find("Result")
            if result is not None and root.find("ErrorCode") is None and (result.text or "").strip() in ("", "1"):
                return root
            row = fields(root)
            code, message = row.get("ErrorCode", "") or "UNKNOWN", row.get("Message", "")
            if code == SESSION_REFUSED and attempt == 1:
                self.session.invalidate(session_id)
                continue
            raise self.result_error(
                code, message, operation, auth=(SESSION_REFUSED, LOGIN_REFUSED), rate_limited=RATE_LIMITED
            )
        raise AssertionError("unreachable")

    async def _days(
        self, name: str, tag: str, operation: str, window_from: datetime, window_to: datetime, **extra: str
    ) -> AsyncIterator[list[ET.Element]]:
        for day in kst_days(window_from, window_to):
            root = await self.call(
                name, operation, safe=True, params={"start_date": ymd(day), "end_date": ymd(day), **extra}
            )
            for page in chunks(root.findall(f"Result/{tag}"), PAGE):
                yield list(page)

    # -- listings -------------------------------------------------------------------------------------
    def _goods(self, listing: Listing, operation: str) -> list[tuple[str, str]]:
        rules.check_listing(MARKETPLACE, listing, operation)
        form = [
            ("goods_nm", listing.name),
            ("sale_prc", str(listing.sale_price)),
            ("stk_qty", str(listing.stock_quantity)),
            ("disp_no", listing.category_id),
            ("entr_goods_no", listing.seller_product_code),
            ("brnd_nm", listing.brand or ""),
            ("mfcp_nm", listing.manufacturer or ""),
            ("orpl_nm", listing.origin_area),
            ("dtl_info", listing.description_html),
            ("as_tel", listing.after_service_phone),
        ]
        form += [("img_url", url) for url in listing.image_urls]
        for name, content in rules.notice(listing).items():
            form += [("ntc_item_nm", name), ("ntc_item_cont", content)]
        for option in listing.options:
            form += [
                ("item_nm", "/".join(option.values)),
                ("item_stk_qty", str(option.stock_quantity)),
                ("item_add_prc", "0"),
            ]
        return form

    async def publish_listing(self, listing: Listing) -> PublishResult:
        root = await self.call(
            "registApiGoodsInfo", "publish_listing", safe=False, form=self._goods(listing, "publish_listing")
        )
        return PublishResult(market_product_id=(root.findtext("GoodsNo") or "").strip())

    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult:
        form = [("goods_no", market_product_id), *self._goods(listing, "update_listing")]
        await self.call("upateApiNewGoodsInfo", "update_listing", safe=True, form=form)
        await self.call(
            "updateGoodsSalePrcOpenApi",
            "update_listing",
            safe=True,
            form=[("goods_no", market_product_id), ("sale_prc", str(listing.sale_price))],
        )
        return PublishResult(market_product_id=market_product_id)

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        rules.check_price_stock(MARKETPLACE, update)
        pid = update.market_product_id
        if update.sale_price is not None:
            await self.call(
                "updateGoodsSalePrcOpenApi",
                "update_price_stock",
                safe=True,
                form=[("goods_no", pid), ("sale_prc", str(update.sale_price))],
            )
        stock = sum(o.stock_quantity for o in update.options) if update.options else update.stock_quantity
        if stock is not None:
            await self.call(
                "upateApiNewGoodsInfo",
                "update_price_stock",
                safe=True,
                form=[("goods_no", pid), ("stk_qty", str(stock))],
            )

    async def end_sale(self, market_product_id: str) -> None:
        await self.call(
            "updateGoodsSaleStat", "end_sale", safe=True, form=[("goods_no", market_product_id), ("sale_stat_cd", "30")]
        )

    async def fetch_categories(self) -> list[Category]:
        raise UnsupportedOperation(
            MARKETPLACE,
            "fetch_categories",
            "롯데홈쇼핑 Open API에는 전시 카테고리 조회 기능이 확인되지 않습니다. MD에게 전시번호를 받아 입력해 주세요.",
        )

    async def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        root = await self.call("searchGoodsListOpenApi", "import_listings", safe=True)
        rows = [fields(g) for g in root.findall("Result/GoodsInfo")]
        for page in chunks(rows, PAGE):
            yield [LISTING.read(r) for r in page]

    # -- orders ---------------------------------------------------------------------------------------
    async def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        async for rows in self._days(
            "searchNewOrdLstOpenApi", "OrderInfo", "fetch_orders", window_from, window_to, SelOption="00"
        ):
            yield [parse_order(info, self._account) for info in rows]

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        wanted, states = set(order_line_ids), {}
        for order_no in dict.fromkeys(i.split(":", 1)[0] for i in order_line_ids):
            start, end = order_day_window(order_no)
            async for rows in self._days(
                "searchNewOrdLstOpenApi", "OrderInfo", "get_order_states", start, end, SelOption="00", ord_no=order_no
            ):
                for state in map(parse_state, rows):
                    if state.order_line_id in wanted:
                        states[state.order_line_id] = state
        return states

    async def _per_line(self, rows: list[tuple[str, list[tuple[str, str]]]], operation: str, safe: bool) -> BulkResult:
        result = BulkResult()
        for line_id, form in rows:
            try:
                await self.call("registDeliver", operation, safe=safe, form=form)
            except PermanentMarketplaceError as exc:
                result.failed[line_id] = ItemFailure(exc.code, exc.message)
            else:
                result.succeeded.append(line_id)
        return result

    @staticmethod
    def _key(line_id: str) -> list[tuple[str, str]]:
        order_no, _, seq = line_id.partition(":")
        if not seq:
            raise PermanentMarketplaceError(
                MARKETPLACE, "INVALID_ORDER_LINE_ID", f"롯데홈쇼핑 주문 라인 번호 형식이 아닙니다: {line_id}"
            )
        return [("ord_no", order_no), ("ord_dtl_sn", seq)]

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        rows = [(i, [*self._key(i), ("proc_gubun", "conf")]) for i in dict.fromkeys(order_line_ids)]
        return await self._per_line(rows, "acknowledge", safe=True)

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        rows = [
            (
                i.order_line_id,
                [
                    *self._key(i.order_line_id),
                    ("proc_gubun", "sfin"),
                    ("hdc_cd", to_lottehs(i.courier_code)),
                    ("inv_no", i.tracking_number),
                ],
            )
            for i in unique_lines(items)
        ]
        return await self._per_line(rows, "dispatch", safe=False)

    # -- claims, questions, notices -------------------------------------------------------------------
    async def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        async for rows in self._days("searchCnclList", "CnclInfo", "fetch_claims", window_from, window_to):
            claims = [c for c in (parse_claim(r, self._account) for r in rows) if c is not None]
            if claims:
                yield claims

    async def fetch_inquiries(
        self, window_from: datetime, window_to: datetime
    ) -> AsyncIterator[list[MarketplaceInquiry]]:
        async for rows in self._days("searchQnAListOpenApi", "QnAInfo", "fetch_inquiries", window_from, window_to):
            yield [parse_qna(r, self._account) for r in rows]

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        await self.call(
            "updateQnaAnswerOpenApi",
            "answer_inquiry",
            safe=True,
            form=[("qna_no", answer.inquiry_id), ("ans_cont", answer.content)],
        )


def _form(pairs: list[tuple[str, str]]) -> bytes:
    return urlencode(pairs).encode("ascii")
