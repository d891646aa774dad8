"""GS SHOP supplier API adapter: one instance per supplier (협력사) account.

Orders are request-then-push: `POST /b2b/SupSendOrderInfo.gs {sender, receiver "GS SHOP", documentId "ORDINF",
processType "A", supCd, sdDt}` makes GS POST that day's rows to our receiver (`gsshop.receiver`), which stores
them in the `PushedOrderStore`; `fetch_orders` / `fetch_claims` then read the store. One KST day per request.

Documented (10x10's production integration): the paths, request/push/DLVINF fields, `resultCd` S|E,
`ordTypeCd` O/R/X/C, product form `aliaCommonPrd.gs` -> `{success "True"|"False", msg, prdCd}`, courier codes.
(modelled) HTTP 403 when the supplier is not recognised (no key exists: `supCd` + `sender` + presumably IP);
`dlvStCd`/`deliveryNo` on pushed rows (get_order_states asks GS to push the line's day again, then reads the
store); `regGbn I` / `modGbn U|S`, `prdGovPublsItmList` (notice), `attrPrdList`, `ordPsblQty`; `getPrdInfo.gs`
and `SupSendPrdClsInfo.gs` answers; HTTP 429.
acknowledge: GS has no 발주확인 call; the lines are looked up instead.
Unsupported: seller cancel (ORD-CANCEL-2), claim decisions, Q&A (none in the record),
notices, per-option prices (OPT-1), add-ons (ADD-3).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlencode

import httpx
import orjson
from marketbridge.connectors.errors import (
    PermanentMarketplaceError,
    TransientMarketplaceError,
    UnsupportedOperation,
)
from marketbridge.connectors.gsshop.couriers import to_gsshop
from marketbridge.connectors.gsshop.orders import MARKETPLACE, ORDER_TYPES, parse_claim, parse_order, states
from marketbridge.connectors.gsshop.store import PushedOrderStore, default_store
from marketbridge.connectors.homeshopping_common import rules
from marketbridge.connectors.homeshopping_common.adapter import HomeShoppingAdapter, category_tree
from marketbridge.connectors.homeshopping_common.dates import KST, kst_days, ymd
from marketbridge.connectors.homeshopping_common.http import DEFAULT_TIMEOUT
from marketbridge.connectors.homeshopping_common.rules import acknowledged_by_lookup
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
PAGE = 1000
STATUS = {"10": ListingStatus.ON_SALE, "20": ListingStatus.SUSPENDED, "30": ListingStatus.ENDED}
QNA_REASON = "GS SHOP 협력사 API에는 고객 문의(Q&A) 기능이 확인되지 않습니다. 협력사 시스템(withgs)에서 처리해 주세요."


@dataclass(frozen=True)
class GsshopCredentials:
    sup_cd: str
    sender_id: str
    receiver_token: str = field(repr=False)


def _error_body(response: httpx.Response) -> tuple[str, str] | None:
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(body, dict):
        return None
    message = body.get("resultMsg") or body.get("msg")
    return (str(body.get("resultCd") or "E"), str(message)) if message else None


class GsshopAdapter(HomeShoppingAdapter):
    marketplace: ClassVar[str] = MARKETPLACE

    def __init__(
        self,
        credentials: GsshopCredentials,
        base_url: str = "http://realapi.gsshop.com",
        rate_limit: RateLimit = DEFAULT_RATE_LIMIT,
        *,
        store: PushedOrderStore | None = None,
        limiter: RateLimiter | None = None,
        account_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._creds = credentials
        self.store = store or default_store()
        self._connect(
            account_key or credentials.sup_cd,
            base_url,
            rate_limit,
            limiter,
            timeout=timeout,
            transport=transport,
            headers={"Accept": "application/json"},
            error_reader=_error_body,
        )

    def _json(self, response: httpx.Response, operation: str, safe: bool) -> dict[str, Any]:
        try:
            body = orjson.loads(response.content)
        except orjson.JSONDecodeError as exc:
            raise self.http.malformed(operation, safe, str(exc)) from exc
        if not isinstance(body, dict):
            raise self.http.malformed(operation, safe, "not a JSON object")
        return body

    async def call(self, path: str, operation: str, *, safe: bool, body: dict[str, Any]) -> dict[str, Any]:
        payload = {"sender": self._creds.sender_id, "receiver": "GS SHOP", **body}
        response = await self.http.request(
            "POST",
            path,
            operation,
            safe=safe,
            content=orjson.dumps(payload),
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        answer = self._json(response, operation, safe)
        if answer.get("resultCd") != "S":
            raise PermanentMarketplaceError(
                MARKETPLACE, str(answer.get("resultCd") or "E"), str(answer.get("resultMsg") or ""), operation=operation
            )
        return answer

    async def product_call(self, form: list[tuple[str, str]], operation: str, safe: bool) -> dict[str, Any]:
        response = await self.http.request(
            "POST",
            "/alia/aliaCommonPrd.gs",
            operation,
            safe=safe,
            content=urlencode(form).encode("ascii"),
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
        answer = self._json(response, operation, safe)
        if answer.get("success") != "True":
            raise PermanentMarketplaceError(
                MARKETPLACE, "PRODUCT_REFUSED", str(answer.get("msg") or ""), operation=operation
            )
        return answer

    # -- listings -------------------------------------------------------------------------------------
    def _form(self, listing: Listing, operation: str) -> list[tuple[str, str]]:
        rules.check_listing(MARKETPLACE, listing, operation)
        notice = [{"itmNm": k, "itmCntnt": v} for k, v in rules.notice(listing).items()]
        options = [
            {
                "attrPrdNm": "/".join(o.values),
                "ordPsblQty": o.stock_quantity,
                "addPrc": 0,
                "supAttrPrdCd": o.seller_option_code or "",
            }
            for o in listing.options
        ]
        return [
            ("supCd", self._creds.sup_cd),
            ("supPrdCd", listing.seller_product_code),
            ("prdNm", listing.name),
            ("brandCd", listing.brand or ""),
            ("prdClsCd", listing.category_id),
            ("prdPrcSalePrc", str(listing.sale_price)),
            ("ordPsblQty", str(listing.stock_quantity)),
            ("taxTypCd", "01"),
            ("mnfcCoNm", listing.manufacturer or ""),
            ("orgpNm", listing.origin_area),
            ("prdDtlCntn", listing.description_html),
            ("prdImgUrl", ",".join(listing.image_urls)),
            ("asTelNo", listing.after_service_phone),
            ("prdGovPublsItmList", orjson.dumps(notice).decode()),
            ("attrPrdList", orjson.dumps(options).decode()),
        ]

    async def publish_listing(self, listing: Listing) -> PublishResult:
        answer = await self.product_call(
            [("regGbn", "I"), *self._form(listing, "publish_listing")], "publish_listing", safe=False
        )
        return PublishResult(market_product_id=str(answer["prdCd"]))

    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult:
        await self.product_call(
            [("modGbn", "U"), ("prdCd", market_product_id), *self._form(listing, "update_listing")],
            "update_listing",
            safe=True,
        )
        return PublishResult(market_product_id=market_product_id)

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        rules.check_price_stock(MARKETPLACE, update)
        form = [("modGbn", "U"), ("supCd", self._creds.sup_cd), ("prdCd", update.market_product_id)]
        if update.sale_price is not None:
            form.append(("prdPrcSalePrc", str(update.sale_price)))
        stock = sum(o.stock_quantity for o in update.options) if update.options else update.stock_quantity
        if stock is not None:
            form.append(("ordPsblQty", str(stock)))
        await self.product_call(form, "update_price_stock", safe=True)

    async def end_sale(self, market_product_id: str) -> None:
        await self.product_call(
            [
                ("modGbn", "S"),
                ("supCd", self._creds.sup_cd),
                ("prdCd", market_product_id),
                ("saleEndDtm", datetime.now(KST).strftime("%Y%m%d%H%M%S")),
            ],
            "end_sale",
            safe=True,
        )

    async def fetch_categories(self) -> list[Category]:
        rows = (
            await self.call(
                "/b2b/SupSendPrdClsInfo.gs", "fetch_categories", safe=True, body={"supCd": self._creds.sup_cd}
            )
        ).get("resultList") or []
        return category_tree(rows, "prdClsCd", "prdClsNm", "uprPrdClsCd", "lastYn", unique=True)

    async def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        rows = (
            await self.call("/api/v3/getPrdInfo.gs", "import_listings", safe=True, body={"supCd": self._creds.sup_cd})
        ).get("prdList") or []
        for page in chunks(rows, PAGE):
            yield [
                ImportedListing(
                    market_product_id=str(r["prdCd"]),
                    channel_product_id=None,
                    name=str(r.get("prdNm") or ""),
                    seller_product_code=r.get("supPrdCd"),
                    sale_price=int(r.get("prdPrcSalePrc") or 0),
                    stock_quantity=int(r.get("ordPsblQty") or 0),
                    status=STATUS.get(str(r.get("saleStCd")), ListingStatus.OTHER),
                    raw_status=str(r.get("saleStCd")),
                    category_id=r.get("prdClsCd"),
                    category_path=None,
                    raw=r,
                )
                for r in page
            ]

    # -- orders (request, then read what GS pushed) ---------------------------------------------------
    async def request_push(self, sd_dt: str, operation: str, process_type: str = "A") -> int:
        """Ask GS to push one day's rows to our receiver; answers how many GS says it sent."""
        body = {"documentId": "ORDINF", "processType": process_type, "supCd": self._creds.sup_cd, "sdDt": sd_dt}
        try:
            answer = await self.call("/b2b/SupSendOrderInfo.gs", operation, safe=True, body=body)
        except PermanentMarketplaceError as exc:
            if "수신처" in exc.message:  # our receiver could not be reached or refused: retry later
                raise TransientMarketplaceError(
                    MARKETPLACE, exc.message, code="PUSH_FAILED", operation=operation
                ) from exc
            raise
        return int(answer.get("resultCnt") or 0)

    async def _day_rows(
        self, window_from: datetime, window_to: datetime, operation: str
    ) -> AsyncIterator[list[dict[str, Any]]]:
        for day in kst_days(window_from, window_to):
            sd_dt = ymd(day)
            await self.request_push(sd_dt, operation)
            for page in chunks(await self.store.rows_for_day(self._creds.sup_cd, sd_dt), PAGE):
                yield list(page)

    async def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        async for rows in self._day_rows(window_from, window_to, "fetch_orders"):
            page = [parse_order(r, self._account) for r in rows if r.get("ordTypeCd") in ORDER_TYPES]
            if page:
                yield page

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        known = await self.store.rows_for_lines(self._creds.sup_cd, order_line_ids)
        for sd_dt in dict.fromkeys(str(r["sdDt"]) for r in known):
            await self.request_push(sd_dt, "get_order_states")
        return states(await self.store.rows_for_lines(self._creds.sup_cd, order_line_ids))

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        """GS SHOP has no 발주확인 call: the pushed orders are already confirmed by GS. The lines are looked up
        (GS pushes their day again) and reported acknowledged when GS lists them (and not cancelled)."""
        return acknowledged_by_lookup(await self.get_order_states(order_line_ids), order_line_ids, "GS SHOP")

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        result = BulkResult()
        unique = unique_lines(items)
        codes = {i.order_line_id: to_gsshop(i.courier_code) for i in unique}
        for item in unique:
            order_no, _, item_no = item.order_line_id.partition(":")
            body = {
                "documentId": "DLVINF",
                "processType": "C",
                "supCd": self._creds.sup_cd,
                "ordNo": order_no,
                "ordItemNo": item_no,
                "deliveryCd": codes[item.order_line_id],
                "deliveryNo": item.tracking_number,
            }
            try:
                await self.call("/b2b/aliaSupCommonReceiveOrderInfo.gs", "dispatch", safe=False, body=body)
            except PermanentMarketplaceError as exc:
                result.failed[item.order_line_id] = ItemFailure(exc.code, exc.message)
            else:
                result.succeeded.append(item.order_line_id)
        return result

    # -- claims, questions, notices -------------------------------------------------------------------
    async def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        async for rows in self._day_rows(window_from, window_to, "fetch_claims"):
            claims = [c for c in (parse_claim(r, self._account) for r in rows) if c is not None]
            if claims:
                yield claims

    def fetch_inquiries(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        raise UnsupportedOperation(MARKETPLACE, "fetch_inquiries", QNA_REASON)

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        raise UnsupportedOperation(MARKETPLACE, "answer_inquiry", QNA_REASON)
