"""CJ온스타일 (CJmall) supplier interface adapter: one instance per supplier (협력사) account.

Documented (10x10's production integration, see the spec's homeshopping.md): single endpoint
`IFPAServerAction.action`, EUC-KR XML, `tns:ifId`, `vendorId` + `vendorCertKey` in the body, `successYn`/`errorMsg`,
IF_04_01 출고지시 조회 (instructionCls 1 출고 / 2 취소, wbCrtDt), IF_04_02 CS 조회, IF_04_04 송장 등록 (takeout),
IF_04_05 배송완료, IF_03_02 상품 수정, IF_03_04 단품 가격, IF_03_05 단품 수량, IF_03_07 상품 조회, IF_01_02 카테고리,
order keys ordNo + ordGSeq/ordDSeq/ordWSeq, courier codes.
(modelled) IF_03_01 상품 등록 and product field names, `errorCode` (E-0001 auth, E-0429 rate limit), per-takeout
results, `csInfo` fields, wbProg codes, one wbCrtDt day per call, order numbers beginning with the order date
(used by get_order_states), sale-status codes A/S/E.
acknowledge: CJ has no 발주확인 call (an 출고지시 already is the order to ship); the lines are looked up instead.
Unsupported: seller cancel (ORD-CANCEL-2),
claim decisions, Q&A (no interface in the record), notices, per-option prices (OPT-1), add-ons (ADD-3).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

import httpx
from marketbridge.connectors.cjmall import envelope
from marketbridge.connectors.cjmall.couriers import to_cjmall
from marketbridge.connectors.cjmall.envelope import children
from marketbridge.connectors.cjmall.orders import MARKETPLACE, parse_cs, parse_instruction, state_of
from marketbridge.connectors.errors import UnsupportedOperation
from marketbridge.connectors.homeshopping_common import rules
from marketbridge.connectors.homeshopping_common.adapter import HomeShoppingAdapter, ListingFields, category_tree
from marketbridge.connectors.homeshopping_common.dates import KST, kst_days, order_day_window, ymd
from marketbridge.connectors.homeshopping_common.http import DEFAULT_TIMEOUT, reads_errors
from marketbridge.connectors.homeshopping_common.rules import acknowledged_by_lookup
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
from marketbridge.connectors.ratelimit import RateLimit, RateLimiter

PATH = "/IFPAServerAction.action"
DEFAULT_RATE_LIMIT = RateLimit(rate=5, burst=5)  # (modelled) no published limit
ACTION_BATCH = 100  # (modelled)
STATUS = {"A": ListingStatus.ON_SALE, "S": ListingStatus.SUSPENDED, "E": ListingStatus.ENDED}
LISTING = ListingFields(
    "itemCd", "itemName", "vendorItemCd", "salePrice", "stockQty", "saleStatCd", "categoryCd", STATUS, channel="unitCd"
)
QNA_REASON = (
    "CJ온스타일 협력사 인터페이스에는 고객 문의(Q&A) 기능이 확인되지 않습니다. 협력사 시스템에서 처리해 주세요."
)


@dataclass(frozen=True)
class CjmallCredentials:
    vendor_id: str
    vendor_cert_key: str = field(repr=False)


class CjmallAdapter(HomeShoppingAdapter):
    marketplace: ClassVar[str] = MARKETPLACE

    def __init__(
        self,
        credentials: CjmallCredentials,
        base_url: str = "https://api.cjmall.com",
        rate_limit: RateLimit = DEFAULT_RATE_LIMIT,
        *,
        limiter: RateLimiter | None = None,
        account_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._creds = credentials
        self._connect(
            account_key or credentials.vendor_id,
            base_url,
            rate_limit,
            limiter,
            timeout=timeout,
            transport=transport,
            headers={"Content-Type": "text/xml; charset=EUC-KR", "Accept": "text/xml"},
            error_reader=reads_errors(envelope.read, lambda answer: (answer[1], answer[2])),
        )

    async def call(
        self,
        if_id: str,
        operation: str,
        *,
        safe: bool,
        contents: Mapping[str, object] | None = None,
        groups: Mapping[str, Iterable[Mapping[str, object]]] | None = None,
    ) -> ET.Element:
        body = envelope.request(if_id, self._creds.vendor_id, self._creds.vendor_cert_key, contents, **(groups or {}))
        response = await self.http.request("POST", PATH, operation, safe=safe, content=body)
        ok, code, message, root = self.http.decode(envelope.read, response, operation, safe)
        if ok:
            return root
        raise self.result_error(code or "FAILED", message, operation, auth={"E-0001"}, rate_limited="E-0429")

    # -- listings -------------------------------------------------------------------------------------
    def _groups(self, listing: Listing, operation: str) -> dict[str, list[dict[str, object]]]:
        rules.check_listing(MARKETPLACE, listing, operation)
        item: dict[str, object] = {
            "vendorItemCd": listing.seller_product_code,
            "itemName": listing.name,
            "salePrice": listing.sale_price,
            "stockQty": listing.stock_quantity,
            "categoryCd": listing.category_id,
            "brandNm": listing.brand or "",
            "makerNm": listing.manufacturer or "",
            "originNm": listing.origin_area,
            "detailHtml": listing.description_html,
            "asTelNo": listing.after_service_phone,
            "imageUrl": listing.image_urls[0] if listing.image_urls else "",
        }
        notice: list[dict[str, object]] = [{"noticeNm": k, "noticeCntn": v} for k, v in rules.notice(listing).items()]
        units: list[dict[str, object]] = [
            {"unitNm": "/".join(o.values), "stockQty": o.stock_quantity, "addPrice": 0} for o in listing.options
        ]
        return {"item": [item], "notice": notice, "unit": units}

    async def publish_listing(self, listing: Listing) -> PublishResult:
        root = await self.call(
            "IF_03_01", "publish_listing", safe=False, groups=self._groups(listing, "publish_listing")
        )
        return PublishResult(market_product_id=fields(root).get("itemCd", ""))

    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult:
        groups = self._groups(listing, "update_listing")
        groups["item"][0]["itemCd"] = market_product_id
        await self.call("IF_03_02", "update_listing", safe=True, groups=groups)
        await self._price(market_product_id, listing.sale_price, "update_listing")
        return PublishResult(market_product_id=market_product_id)

    async def _price(self, item_cd: str, price: int, operation: str) -> None:
        await self.call(
            "IF_03_04",
            operation,
            safe=True,
            groups={
                "itemPrices": [
                    {
                        "unitCd": f"{item_cd}001",
                        "typeCD": "01",
                        "effectiveDate": ymd(datetime.now(KST), "-"),
                        "newUnitCost": int(price * 0.7),
                        "newUnitRetail": price,
                    }
                ]
            },
        )

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        rules.check_price_stock(MARKETPLACE, update)
        if update.sale_price is not None:
            await self._price(update.market_product_id, update.sale_price, "update_price_stock")
        stock = sum(o.stock_quantity for o in update.options) if update.options else update.stock_quantity
        if stock is not None:
            await self.call(
                "IF_03_05",
                "update_price_stock",
                safe=True,
                groups={"unitQty": [{"unitCd": f"{update.market_product_id}001", "qty": stock}]},
            )

    async def end_sale(self, market_product_id: str) -> None:
        await self.call(
            "IF_03_02", "end_sale", safe=True, groups={"item": [{"itemCd": market_product_id, "saleStatCd": "S"}]}
        )

    async def fetch_categories(self) -> list[Category]:
        root = await self.call("IF_01_02", "fetch_categories", safe=True)
        rows = [fields(c) for c in children(root, "category")]
        return category_tree(rows, "categoryCd", "categoryNm", "upperCategoryCd", "lastYn")

    async def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        rows = [fields(i) for i in children(await self.call("IF_03_07", "import_listings", safe=True), "item")]
        if rows:
            yield [LISTING.read(r) for r in rows]

    # -- orders ---------------------------------------------------------------------------------------
    async def _orders(
        self, window_from: datetime, window_to: datetime, operation: str
    ) -> AsyncIterator[list[MarketplaceOrder]]:
        for day in kst_days(window_from, window_to):
            for cls in ("1", "2"):  # 출고 then 취소 instructions
                root = await self.call(
                    "IF_04_01", operation, safe=True, contents={"instructionCls": cls, "wbCrtDt": ymd(day, "-")}
                )
                page = [o for i in children(root, "instruction") for o in parse_instruction(i, self._account)]
                if page:
                    yield page

    def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        return self._orders(window_from, window_to, "fetch_orders")

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        wanted, states = set(order_line_ids), {}
        for day_text in dict.fromkeys(i[:8] for i in order_line_ids):
            async for page in self._orders(*order_day_window(day_text), "get_order_states"):
                states.update({o.order_line_id: state_of(o) for o in page if o.order_line_id in wanted})
        return states

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        """CJ온스타일 has no 발주확인 call: an 출고지시 (IF_04_01) is already the mall's confirmed order to ship.
        The lines are looked up and reported acknowledged when the mall lists them (and not cancelled)."""
        return acknowledged_by_lookup(await self.get_order_states(order_line_ids), order_line_ids, "CJ온스타일")

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        result = BulkResult()
        rows: list[dict[str, object]] = []
        for item in unique_lines(items):
            parts = item.order_line_id.split(":")
            if len(parts) != 4:
                result.failed[item.order_line_id] = ItemFailure(
                    "INVALID_ORDER_LINE_ID", "CJ온스타일 주문 번호 형식이 아닙니다."
                )
                continue
            rows.append(
                {
                    "ordNo": parts[0],
                    "ordGSeq": parts[1],
                    "ordDSeq": parts[2],
                    "ordWSeq": parts[3],
                    "delicompCd": to_cjmall(item.courier_code),
                    "wbNo": item.tracking_number,
                    "vendorOrdId": item.order_line_id,
                }
            )
        for batch in chunks(rows, ACTION_BATCH):
            root = await self.call("IF_04_04", "dispatch", safe=False, groups={"takeout": batch})
            for r in map(fields, children(root, "takeoutResult")):
                key = f"{r.get('ordNo')}:{r.get('ordGSeq')}:{r.get('ordDSeq')}:{r.get('ordWSeq')}"
                if r.get("successYn") == "true":
                    result.succeeded.append(key)
                else:
                    result.failed[key] = ItemFailure(r.get("errorCode") or "FAILED", r.get("errorMsg", ""))
        return result

    # -- claims, questions, notices -------------------------------------------------------------------
    async def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        for day in kst_days(window_from, window_to):
            root = await self.call(
                "IF_04_02", "fetch_claims", safe=True, contents={"wbCrtDt": ymd(day, "-"), "autoFlag": "N"}
            )
            claims = [c for c in (parse_cs(e, self._account) for e in children(root, "csInfo")) if c is not None]
            if claims:
                yield claims

    def fetch_inquiries(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        raise UnsupportedOperation(MARKETPLACE, "fetch_inquiries", QNA_REASON)

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        raise UnsupportedOperation(MARKETPLACE, "answer_inquiry", QNA_REASON)
