"""The 롯데ON seller Open API adapter: one instance per API key (거래처).

All calls are POST JSON under `/v1/openapi/...`. Orders are 출고지시 rows (`SellerDeliveryOrdersSearch`, day
windows); acknowledge = 연동완료 통보 (`SellerIfCompleteInform`, advances to 12 상품준비); dispatch = 배송상태 통보
`13` with `dvCoCd` + `invcNo`. Line ids are `"{odNo}-{odSeq}"`; the current `procSeq` and item numbers of a line
are looked up by order number (`SellerDeliveryProgressStateSearch`) before an action.

롯데ON is a 종합몰: no seller cancel (ORD-CANCEL-2), no option prices (OPT-1), no add-ons (ADD-3). Not in the
public record and therefore not offered: categories, a product list (import), seller notices. (modelled) pieces
are listed in claims.py, catalog.py and inquiries.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx
from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.lotteon import catalog, claims, inquiries
from marketbridge.connectors.lotteon.couriers import to_lotteon
from marketbridge.connectors.lotteon.dates import ORDER_WINDOW, fmt, slices
from marketbridge.connectors.lotteon.http import DEFAULT_TIMEOUT, MARKETPLACE, LotteOnHttp, item_results
from marketbridge.connectors.lotteon.orders import original_row, parse_order, parse_state, split_line_id
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

DELIVERY = "/delivery/v1"
ACTION_BATCH = 100  # (modelled) no documented maximum
DEFAULT_RATE_LIMIT = RateLimit(rate=150, burst=150)  # 10,000 calls/min per key (unverified)
SELLER_CANCEL_REASON = (
    "롯데ON은 종합몰로 판매자 취소(판매취소)를 지원하지 않습니다. 고객과 협의해 취소요청을 받거나 "
    "롯데ON 담당 MD에게 처리를 요청해 주세요. (ORD-CANCEL-2)"
)


def _key(item: dict[str, Any]) -> tuple[str, str, str]:
    return str(item["odNo"]), str(item["odSeq"]), str(item["procSeq"])


class LotteOnAdapter(MarketplaceAdapter):
    marketplace: ClassVar[str] = MARKETPLACE

    def __init__(
        self,
        api_key: str,
        tr_no: str,
        base_url: str = "https://openapi.lotteon.com",
        rate_limit: RateLimit = DEFAULT_RATE_LIMIT,
        *,
        lrtr_no: str | None = None,
        limiter: RateLimiter | None = None,
        account_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 16,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.tr_no, self.lrtr_no = tr_no, lrtr_no
        self._account = account_key or tr_no
        shared = for_account(limiter, rate_limit, self._account)
        self.http = LotteOnHttp(
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
        return await catalog.publish(self.http, listing, self.tr_no, self.lrtr_no)

    async def update_listing(self, market_product_id: str, listing: Listing) -> PublishResult:
        return await catalog.update(self.http, market_product_id, listing, self.tr_no, self.lrtr_no)

    async def update_price_stock(self, update: PriceStockUpdate) -> None:
        await catalog.update_price_stock(self.http, update, self.tr_no)

    async def end_sale(self, market_product_id: str) -> None:
        await catalog.end_sale(self.http, market_product_id, self.tr_no)

    async def fetch_categories(self) -> list[Category]:
        raise UnsupportedOperation(
            MARKETPLACE,
            "fetch_categories",
            "롯데ON 카테고리 조회 API가 공개 자료에 없어 연동하지 않습니다. 표준카테고리 번호를 직접 입력해 주세요.",
        )

    def import_listings(self) -> AsyncIterator[list[ImportedListing]]:
        raise UnsupportedOperation(
            MARKETPLACE,
            "import_listings",
            "롯데ON 상품 목록 조회 API가 공개 자료에 없어 상품 가져오기를 지원하지 않습니다.",
        )

    # -- orders -------------------------------------------------------------------------------------
    async def fetch_orders(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        """Order lines whose 출고지시 was created in the window (day slices; no paging in the record)."""
        for start, end in slices(window_from, window_to, ORDER_WINDOW):
            data = await self.http.post(
                f"{DELIVERY}/SellerDeliveryOrdersSearch",
                "fetch_orders",
                {"srchStrtDt": fmt(start), "srchEndDt": fmt(end), "odTypCd": "10"},
                idempotent=True,
            )
            rows = (data or {}).get("deliveryOrderList") or ()
            if rows:
                yield [parse_order(r, self._account) for r in rows]

    async def rows_of(self, od_no: str) -> list[dict[str, Any]]:
        """Every delivery / pickup row of one order (the order number starts with its date)."""
        body = {"srchStrtDt": f"{od_no[:8]}000000", "srchEndDt": fmt(datetime.now(UTC)), "odNo": od_no}
        data = await self.http.post(f"{DELIVERY}/SellerDeliveryProgressStateSearch", "lookup", body, idempotent=True)
        return list((data or {}).get("deliveryProgressStateList") or ())

    async def _lines(self, ids: Sequence[str]) -> tuple[dict[str, dict[str, Any]], list[str]]:
        rows_by_order: dict[str, list[dict[str, Any]]] = {}
        found: dict[str, dict[str, Any]] = {}
        missing: list[str] = []
        for line in dict.fromkeys(ids):
            od_no, od_seq = split_line_id(line)
            if od_no not in rows_by_order:
                rows_by_order[od_no] = await self.rows_of(od_no)
            row = original_row(rows_by_order[od_no], od_seq)
            if row is None:
                missing.append(line)
            else:
                found[line] = row
        return found, missing

    async def get_order_states(self, order_line_ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        states: dict[str, MarketplaceOrderState] = {}
        cache: dict[str, list[dict[str, Any]]] = {}
        for line in dict.fromkeys(order_line_ids):
            od_no, od_seq = split_line_id(line)
            if od_no not in cache:
                cache[od_no] = await self.rows_of(od_no)
            state = parse_state(cache[od_no], od_seq)
            if state is not None:
                states[line] = state
        return states

    def progress(
        self, row: dict[str, Any], step: str, company: str | None = None, invoice: str | None = None
    ) -> dict[str, Any]:
        item: dict[str, Any] = {
            "odNo": row["odNo"],
            "odSeq": row["odSeq"],
            "procSeq": row["procSeq"],
            "odPrgsStepCd": step,
            "dvTrcStatDttm": fmt(datetime.now(UTC)),
            "spdNo": row.get("spdNo"),
            "sitmNo": row.get("sitmNo"),
            "slQty": row.get("odQty"),
        }
        if company is not None:
            item.update(dvCoCd=company, invcNo=invoice, invcNbr=1)
        return item

    async def inform(
        self, items: list[dict[str, Any]], operation: str, *, strict: bool = False
    ) -> tuple[list[tuple[Any, ...]], dict[tuple[Any, ...], tuple[str, str]]]:
        ok: list[tuple[Any, ...]] = []
        failed: dict[tuple[Any, ...], tuple[str, str]] = {}
        for start in range(0, len(items), ACTION_BATCH):
            data = await self.http.post(
                f"{DELIVERY}/SellerDeliveryProgressStateInform",
                operation,
                {"deliveryProgressStateList": items[start : start + ACTION_BATCH]},
                idempotent=False,
            )
            passed, refused = item_results(data, ("odNo", "odSeq", "procSeq"))
            ok += passed
            failed.update(refused)
        if strict and failed:
            code, message = next(iter(failed.values()))
            raise PermanentMarketplaceError(MARKETPLACE, code, message, operation=operation)
        return ok, failed

    @staticmethod
    def _bulk(
        found: dict[str, dict[str, Any]],
        missing: list[str],
        ok: list[tuple[Any, ...]],
        failed: dict[tuple[Any, ...], tuple[str, str]],
    ) -> BulkResult:
        result = BulkResult()
        for line, row in found.items():
            key = _key(row)
            if key in failed:
                result.failed[line] = ItemFailure(*failed[key])
            elif key in ok:
                result.succeeded.append(line)
            else:
                result.failed[line] = ItemFailure("NO_RESULT", "롯데ON이 처리 결과를 돌려주지 않았습니다.")
        for line in missing:
            result.failed[line] = ItemFailure("2001", "주문 정보가 없습니다.")
        return result

    async def acknowledge(self, order_line_ids: Sequence[str]) -> BulkResult:
        found, missing = await self._lines(order_line_ids)
        items = [
            {
                "dvRtrvDvsCd": "DV",
                "odNo": r["odNo"],
                "odSeq": r["odSeq"],
                "procSeq": r["procSeq"],
                "ifCplYN": "Y",
                "ifFlRsnCnts": "",
            }
            for r in found.values()
        ]
        ok: list[tuple[Any, ...]] = []
        failed: dict[tuple[Any, ...], tuple[str, str]] = {}
        for start in range(0, len(items), ACTION_BATCH):
            data = await self.http.post(
                f"{DELIVERY}/SellerIfCompleteInform",
                "acknowledge",
                {"ifCompleteList": items[start : start + ACTION_BATCH]},
                idempotent=True,
            )
            passed, refused = item_results(data, ("odNo", "odSeq", "procSeq"))
            ok += passed
            failed.update(refused)
        return self._bulk(found, missing, ok, failed)

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        by_line = {i.order_line_id: i for i in items}
        unmapped = {line: i.courier_code for line, i in by_line.items() if to_lotteon(i.courier_code) is None}
        found, missing = await self._lines([line for line in by_line if line not in unmapped])
        payload = []
        for line, row in found.items():
            item = by_line[line]
            entry = self.progress(row, "13", to_lotteon(item.courier_code), item.tracking_number)
            entry["dvTrcStatDttm"] = fmt(item.dispatched_at)
            payload.append(entry)
        ok, failed = await self.inform(payload, "dispatch") if payload else ([], {})
        result = self._bulk(found, missing, ok, failed)
        for line, courier in unmapped.items():
            result.failed[line] = ItemFailure("UNMAPPED_COURIER", f"롯데ON에 매핑된 택배사가 아닙니다: {courier}")
        return result

    async def cancel_by_seller(self, items: Sequence[SellerCancel]) -> BulkResult:
        raise UnsupportedOperation(MARKETPLACE, "cancel_by_seller", SELLER_CANCEL_REASON)

    # -- claims -------------------------------------------------------------------------------------
    def fetch_claims(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        return claims.fetch_claims(self, window_from, window_to)

    async def decide_claim(self, decision: ClaimDecision) -> None:
        await claims.decide(self, decision)

    # -- questions and notices ----------------------------------------------------------------------
    def fetch_inquiries(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        return inquiries.fetch_inquiries(self.http, self._account, self.tr_no, window_from, window_to)

    async def answer_inquiry(self, answer: InquiryAnswer) -> None:
        await inquiries.answer_inquiry(self.http, self.tr_no, answer)

    def fetch_notices(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceNotice]]:
        raise UnsupportedOperation(
            MARKETPLACE,
            "fetch_notices",
            "롯데ON의 판매자 대상 긴급 알림 API는 공개 자료에서 확인되지 않아 지원하지 않습니다.",
        )
