"""Order operations of the Coupang adapter: collect order sheets (timeFrame for windows up to 24 h,
else day paging in slices of at most 31 days with nextToken), read boxes, acknowledge (<=50 boxes a
call), upload invoices and cancel as the seller. Per-box results map onto the order lines of the box."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from marketbridge.connectors.coupang.couriers import to_coupang
from marketbridge.connectors.coupang.dates import fmt_day, fmt_minute, split_days
from marketbridge.connectors.coupang.http import CoupangHttp
from marketbridge.connectors.coupang.orders import (
    ORDER_STATUSES,
    LineIdError,
    parse_box,
    parse_states,
    split_line_id,
)
from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.ports import (
    BulkResult,
    DispatchItem,
    ItemFailure,
    MarketplaceOrder,
    MarketplaceOrderState,
    SellerCancel,
    SellerCancelReason,
)

API = "/v2/providers/openapi/apis/api"
TIME_FRAME_MAX = timedelta(hours=24)
DAY_PAGING_DAYS = 31
PAGE = 50
ACK_BATCH = 50
INVOICE_BATCH = 50  # DTOs per invoice call (modelled on the acknowledgement limit)
YIELD_CHUNK = 500
# ORD-COL-6 without a change feed: Coupang lists order sheets by *order* date, so a parcel delivered after
# the window its order fell in would never be seen. Every collection therefore also asks for the boxes
# delivered (FINAL_DELIVERY) among those ordered in the days before the window; the collector keeps the
# lines it knows whose status changed. Seven days covers Coupang's delivery times (rocket to parcel).
DELIVERED_RESCAN = timedelta(days=7)
# Coupang's seller-cancel reasons: CCTTER stock, CCPNER address, CCPRER price; the rest (modelled) as stock.
CANCEL_CODES = {
    SellerCancelReason.SOLD_OUT: "CCTTER",
    SellerCancelReason.DELAYED_DELIVERY: "CCTTER",
    SellerCancelReason.WRONG_PRODUCT_INFO: "CCPRER",
    SellerCancelReason.BUYER_REQUEST: "CCTTER",
    SellerCancelReason.OTHER: "CCTTER",
}
INVALID_LINE = ItemFailure("INVALID_ORDER_LINE_ID", "쿠팡 주문 라인 번호는 <배송번호>-<옵션ID> 형식이어야 합니다.")


@dataclass(frozen=True, slots=True)
class BoxInfo:
    order_id: str
    items: tuple[tuple[str, int], ...]  # (vendorItemId, count still to ship)


class BoxCache:
    """What invoices and cancels need to know about a box, remembered from collected order sheets."""

    def __init__(self, size: int = 200_000) -> None:
        self._boxes: OrderedDict[str, BoxInfo] = OrderedDict()
        self._size = size

    def remember(self, box: dict[str, Any]) -> None:
        items = tuple(
            (str(i["vendorItemId"]), int(i.get("shippingCount") or 0) - int(i.get("cancelCount") or 0))
            for i in box.get("orderItems") or ()
        )
        self._boxes[str(box["shipmentBoxId"])] = BoxInfo(str(box["orderId"]), items)
        self._boxes.move_to_end(str(box["shipmentBoxId"]))
        if len(self._boxes) > self._size:
            self._boxes.popitem(last=False)

    def get(self, box_id: str) -> BoxInfo | None:
        return self._boxes.get(box_id)


def chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class OrderOps:
    def __init__(self, http: CoupangHttp, account_id: str) -> None:
        self.http = http
        self.account = account_id
        self.vendor = http.credentials.vendor_id
        self.boxes = BoxCache()

    def _path(self, version: str, rest: str) -> str:
        return f"{API}/{version}/vendors/{self.vendor}/{rest}"

    # -- collection --------------------------------------------------------------------------------
    async def sheets(
        self, start: datetime, end: datetime, statuses: Sequence[str] = ORDER_STATUSES
    ) -> AsyncIterator[list[dict[str, Any]]]:
        """Pages of raw order sheets ordered in [start, end] in the given statuses (every status by default)."""
        path = self._path("v5", "ordersheets")
        if end - start <= TIME_FRAME_MAX:
            for status in statuses:
                params: list[tuple[str, Any]] = [
                    ("createdAtFrom", fmt_minute(start)),
                    ("createdAtTo", fmt_minute(end)),
                    ("status", status),
                    ("searchType", "timeFrame"),
                ]
                body = await self.http.call("GET", path, "fetch_orders", params=params)
                rows = body.get("data") or []
                for page in chunks(rows, YIELD_CHUNK):
                    yield list(page)
            return
        for first, last in split_days(start, end, DAY_PAGING_DAYS):
            for status in statuses:
                token = ""
                while True:
                    params = [
                        ("createdAtFrom", fmt_day(first)),
                        ("createdAtTo", fmt_day(last)),
                        ("status", status),
                        ("maxPerPage", PAGE),
                        ("nextToken", token or None),
                    ]
                    body = await self.http.call("GET", path, "fetch_orders", params=params)
                    rows = body.get("data") or []
                    if rows:
                        yield rows
                    token = str(body.get("nextToken") or "")
                    if not token or not rows:
                        break

    async def fetch_orders(self, start: datetime, end: datetime) -> AsyncIterator[list[MarketplaceOrder]]:
        """Lines ordered in [start, end], then lines ordered in the week before `start` now delivered."""
        async for page in self._lines(self.sheets(start, end), start, end):
            yield page
        earlier = start - timedelta(microseconds=1)
        delivered = self.sheets(start - DELIVERED_RESCAN, earlier, ("FINAL_DELIVERY",))
        async for page in self._lines(delivered, start - DELIVERED_RESCAN, earlier):
            yield page

    async def _lines(
        self, sheets: AsyncIterator[list[dict[str, Any]]], start: datetime, end: datetime
    ) -> AsyncIterator[list[MarketplaceOrder]]:
        async for rows in sheets:
            page: list[MarketplaceOrder] = []
            for box in rows:
                self.boxes.remember(box)
                page.extend(line for line in parse_box(box, self.account) if start <= line.ordered_at <= end)
            if page:
                yield page

    async def box(self, box_id: str, operation: str) -> dict[str, Any] | None:
        try:
            body = await self.http.call("GET", self._path("v5", f"ordersheets/{box_id}"), operation)
        except PermanentMarketplaceError as error:
            if error.status in (400, 404):
                return None
            raise
        data = body.get("data")
        if not isinstance(data, dict):
            return None
        self.boxes.remember(data)
        return data

    async def box_info(self, box_id: str, operation: str) -> BoxInfo | None:
        known = self.boxes.get(box_id)
        if known is not None:
            return known
        await self.box(box_id, operation)
        return self.boxes.get(box_id)

    async def get_order_states(self, ids: Sequence[str]) -> dict[str, MarketplaceOrderState]:
        wanted: dict[str, set[str]] = {}
        for line in ids:
            try:
                box, _ = split_line_id(line)
            except LineIdError:
                continue
            wanted.setdefault(box, set()).add(line)
        states: dict[str, MarketplaceOrderState] = {}
        for box_id, lines in wanted.items():
            data = await self.box(box_id, "get_order_states")
            if data is not None:
                states.update((s.order_line_id, s) for s in parse_states(data) if s.order_line_id in lines)
        return states

    # -- actions -----------------------------------------------------------------------------------
    @staticmethod
    def _apply(result: BulkResult, data: dict[str, Any], lines_by_box: dict[str, list[str]]) -> None:
        for row in data.get("responseList") or ():
            lines = lines_by_box.get(str(row.get("shipmentBoxId")), [])
            if row.get("succeed"):
                result.succeeded.extend(lines)
            else:
                failure = ItemFailure(str(row.get("resultCode") or "FAILED"), str(row.get("resultMessage") or ""))
                result.failed.update((line, failure) for line in lines)

    @staticmethod
    def _group(ids: Sequence[str], result: BulkResult) -> dict[str, list[str]]:
        by_box: dict[str, list[str]] = {}
        for line in dict.fromkeys(ids):
            try:
                box, _ = split_line_id(line)
            except LineIdError:
                result.failed[line] = INVALID_LINE
                continue
            by_box.setdefault(box, []).append(line)
        return by_box

    async def acknowledge(self, ids: Sequence[str]) -> BulkResult:
        result = BulkResult()
        by_box = self._group(ids, result)
        for batch in chunks(list(by_box), ACK_BATCH):
            body = await self.http.call(
                "PATCH",
                self._path("v4", "ordersheets/acknowledgement"),
                "acknowledge",
                json={"vendorId": self.vendor, "shipmentBoxIds": [int(b) for b in batch]},
                idempotent=True,
            )
            self._apply(result, body.get("data") or {}, {b: by_box[b] for b in batch})
        return result

    async def dispatch(self, items: Sequence[DispatchItem]) -> BulkResult:
        result = BulkResult()
        unique = {i.order_line_id: i for i in items}
        by_box = self._group(list(unique), result)
        codes = {line: to_coupang(unique[line].courier_code) for lines in by_box.values() for line in lines}
        groups: list[tuple[str, list[dict[str, Any]]]] = []
        for box_id, lines in by_box.items():
            invoices = {(codes[line], unique[line].tracking_number) for line in lines}
            if len(invoices) > 1:
                failure = ItemFailure(
                    "SPLIT_SHIPPING_UNSUPPORTED", "한 배송번호의 상품은 같은 송장으로 발송해야 합니다."
                )
                result.failed.update((line, failure) for line in lines)
                continue
            info = await self.box_info(box_id, "dispatch")
            if info is None:
                result.failed.update(
                    (line, ItemFailure("NOT_FOUND_SHIPMENT_BOX", "존재하지 않는 배송번호입니다.")) for line in lines
                )
                continue
            company, number = invoices.pop()
            groups.append(
                (
                    box_id,
                    [
                        {
                            "shipmentBoxId": int(box_id),
                            "orderId": int(info.order_id),
                            "vendorItemId": int(vendor_item),
                            "deliveryCompanyCode": company,
                            "invoiceNumber": number,
                            "splitShipping": False,
                            "preSplitShipped": False,
                            "estimatedShippingDate": "",
                        }
                        for vendor_item, left in info.items
                        if left > 0
                    ],
                )
            )
        batch: list[tuple[str, list[dict[str, Any]]]] = []
        for group in groups:
            if batch and sum(len(g[1]) for g in batch) + len(group[1]) > INVOICE_BATCH:
                await self._send_invoices(batch, by_box, result)
                batch = []
            batch.append(group)
        if batch:
            await self._send_invoices(batch, by_box, result)
        return result

    async def _send_invoices(
        self, batch: list[tuple[str, list[dict[str, Any]]]], by_box: dict[str, list[str]], result: BulkResult
    ) -> None:
        dtos = [dto for _, group in batch for dto in group]
        body = await self.http.call(
            "POST",
            self._path("v4", "orders/invoices"),
            "dispatch",
            idempotent=False,
            json={"vendorId": self.vendor, "orderSheetInvoiceApplyDtos": dtos},
        )
        self._apply(result, body.get("data") or {}, {b: by_box[b] for b, _ in batch})

    async def cancel_by_seller(self, items: Sequence[SellerCancel]) -> BulkResult:
        result = BulkResult()
        unique = {i.order_line_id: i for i in items}
        by_order: dict[str, list[tuple[str, str, int, SellerCancel]]] = {}
        for box_id, lines in self._group(list(unique), result).items():
            info = await self.box_info(box_id, "cancel_by_seller")
            left = dict(info.items) if info is not None else {}
            for line in lines:
                vendor_item = split_line_id(line)[1]
                if info is None or left.get(vendor_item, 0) <= 0:
                    result.failed[line] = ItemFailure("NOT_CANCELLABLE", "취소할 수 있는 주문 상품이 아닙니다.")
                    continue
                by_order.setdefault(info.order_id, []).append((line, vendor_item, left[vendor_item], unique[line]))
        for order_id, rows in by_order.items():
            body = {
                "orderId": int(order_id),
                "vendorItemIds": [int(r[1]) for r in rows],
                "receiptCounts": [r[2] for r in rows],
                "bigCancelCode": "CANERR",
                "middleCancelCode": CANCEL_CODES[rows[0][3].reason],
                "userId": self.http.credentials.user_id,
                "vendorId": self.vendor,
            }
            try:
                answer = await self.http.call(
                    "POST",
                    self._path("v5", f"orders/{order_id}/cancel"),
                    "cancel_by_seller",
                    json=body,
                    idempotent=False,
                )
            except PermanentMarketplaceError as error:
                result.failed.update((r[0], ItemFailure(error.code, error.message)) for r in rows)
                continue
            failed = {str(v) for v in (answer.get("data") or {}).get("failedVendorItemIds") or ()}
            message = str(answer.get("message") or "취소하지 못했습니다.")
            for line, vendor_item, _, _ in rows:
                if vendor_item in failed:
                    result.failed[line] = ItemFailure(str(answer.get("code") or "PARTIAL"), message)
                else:
                    result.succeeded.append(line)
        return result
