"""Cancels and returns (`returnRequests`: one "receipt" resource, receiptType CANCEL | RETURN) and
exchanges (`exchangeRequests`) for the Coupang adapter: collection and the seller's decisions.

Collection: returnRequests v6 by timeFrame (`yyyy-MM-ddTHH:mm`) in slices of at most 31 days, once per
status RU / UC / PR / CC plus once with `cancelType=CANCEL` (payment-stage cancellations); exchanges v4
in slices of at most 7 days. One claim per returned item; its order line is `<shipmentBoxId>-<vendorItemId>`.

Decisions: cancel approve -> stoppedShipment, cancel reject -> completedShipment (already shipped, needs
the invoice), return collect-done -> receiveConfirmation, return approve -> approval, exchange
collect-done/approve -> receiveConfirmation, exchange reject -> rejection (SOLDOUT | WITHDRAW), exchange
redeliver -> invoices. Coupang has no API to reject or hold a return.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

from marketbridge.connectors.coupang.couriers import to_coupang
from marketbridge.connectors.coupang.dates import fmt_minute_plain, fmt_second, parse, split
from marketbridge.connectors.coupang.http import MARKETPLACE, CoupangHttp
from marketbridge.connectors.coupang.orderops import OrderOps
from marketbridge.connectors.coupang.orders import line_id, split_line_id
from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.ports import ClaimAction, ClaimDecision, ClaimStatus, ClaimType, MarketplaceClaim

API = "/v2/providers/openapi/apis/api"
RETURN_STATUSES = ("RU", "UC", "PR", "CC")
RETURN_WINDOW = timedelta(days=31)
EXCHANGE_WINDOW = timedelta(days=7)
PAGE = 50
_RECEIPT_STATUS = {
    "RELEASE_STOP_UNCHECKED": ClaimStatus.REQUESTED,
    "RETURNS_UNCHECKED": ClaimStatus.REQUESTED,
    "VENDOR_WAREHOUSE_CONFIRM": ClaimStatus.COLLECTED,
    "REQUEST_COUPANG_CHECK": ClaimStatus.COLLECTED,
    "RETURNS_COMPLETED": ClaimStatus.COMPLETED,
}
_EXCHANGE_FINAL = {"SUCCESS": ClaimStatus.COMPLETED, "REJECT": ClaimStatus.REJECTED, "CANCEL": ClaimStatus.REJECTED}
NO_RETURN_REJECT = (
    "쿠팡 WING API에는 반품 거부·보류 기능이 없습니다. 회수 상품에 문제가 있으면 WING에서 쿠팡확인요청을 접수해 주세요."
)


def _inside(moment: datetime | None, start: datetime, stop: datetime, end: datetime) -> bool:
    return moment is not None and (start <= moment < stop or moment == stop == end)


def parse_receipt(row: dict[str, Any], account_id: str) -> list[MarketplaceClaim]:
    raw_status = str(row.get("receiptStatus") or "")
    status = _RECEIPT_STATUS.get(raw_status, ClaimStatus.REQUESTED)
    kind = ClaimType.CANCEL if row.get("receiptType") == "CANCEL" else ClaimType.RETURN
    created = parse(row.get("createdAt"))
    completed = parse(row.get("completeConfirmDate")) if status == ClaimStatus.COMPLETED else None
    return [
        MarketplaceClaim(
            marketplace=MARKETPLACE,
            account_id=account_id,
            claim_id=str(row["receiptId"]),
            claim_type=kind,
            status=status,
            raw_status=raw_status,
            order_id=str(row.get("orderId") or ""),
            order_line_id=line_id(item.get("shipmentBoxId"), item.get("vendorItemId")),
            quantity=int(item.get("cancelCount") or item.get("purchaseCount") or 0),
            reason_code=row.get("reasonCode") or row.get("cancelReasonCategory1"),
            reason_text=row.get("cancelReason") or row.get("reasonCodeText"),
            requested_at=created,
            completed_at=completed or (parse(row.get("modifiedAt")) if status == ClaimStatus.COMPLETED else None),
            requested_by=row.get("faultByType"),
            on_hold=raw_status == "REQUEST_COUPANG_CHECK",
            hold_reason="쿠팡확인요청" if raw_status == "REQUEST_COUPANG_CHECK" else None,
            raw=row,
        )
        for item in row.get("returnItems") or ()
    ]


def exchange_status(row: dict[str, Any]) -> ClaimStatus:
    raw = str(row.get("exchangeStatus") or "")
    if raw in _EXCHANGE_FINAL:
        return _EXCHANGE_FINAL[raw]
    if raw == "PROGRESS":
        if row.get("deliveryInvoiceGroupDtos"):
            return ClaimStatus.REDELIVERING
        return ClaimStatus.COLLECTED if row.get("collectStatus") == "COLLECTED" else ClaimStatus.COLLECTING
    return ClaimStatus.REQUESTED


def parse_exchange(row: dict[str, Any], account_id: str) -> list[MarketplaceClaim]:
    status = exchange_status(row)
    return [
        MarketplaceClaim(
            marketplace=MARKETPLACE,
            account_id=account_id,
            claim_id=str(row["exchangeId"]),
            claim_type=ClaimType.EXCHANGE,
            status=status,
            raw_status=str(row.get("exchangeStatus") or ""),
            order_id=str(row.get("orderId") or ""),
            order_line_id=line_id(
                item.get("shipmentBoxId") or item.get("originalShipmentBoxId"),
                item.get("vendorItemId") or item.get("orderItemId"),
            ),
            quantity=int(item.get("quantity") or 0),
            reason_code=row.get("reasonCode"),
            reason_text=row.get("reasonCodeText") or row.get("reason"),
            requested_at=parse(row.get("createdAt")),
            completed_at=parse(row.get("modifiedAt")) if status == ClaimStatus.COMPLETED else None,
            requested_by=row.get("createdByType"),
            raw=row,
        )
        for item in row.get("exchangeItemDtoV1s") or ()
    ]


class ClaimOps:
    def __init__(self, http: CoupangHttp, orders: OrderOps, account_id: str) -> None:
        self.http, self.orders, self.account = http, orders, account_id
        self.vendor = http.credentials.vendor_id

    def _path(self, version: str, rest: str) -> str:
        return f"{API}/{version}/vendors/{self.vendor}/{rest}"

    async def _pages(self, path: str, params: list[tuple[str, Any]]) -> AsyncIterator[list[dict[str, Any]]]:
        token = ""
        while True:
            body = await self.http.call(
                "GET", path, "fetch_claims", params=[*params, ("maxPerPage", PAGE), ("nextToken", token or None)]
            )
            rows = body.get("data") or []
            if rows:
                yield rows
            token = str(body.get("nextToken") or "")
            if not token or not rows:
                return

    async def fetch_claims(self, start: datetime, end: datetime) -> AsyncIterator[list[MarketplaceClaim]]:
        for a, b in split(start, end, RETURN_WINDOW):
            window = [
                ("searchType", "timeFrame"),
                ("createdAtFrom", fmt_minute_plain(a)),
                ("createdAtTo", fmt_minute_plain(b)),
            ]
            for extra in [("status", s) for s in RETURN_STATUSES] + [("cancelType", "CANCEL")]:
                async for rows in self._pages(self._path("v6", "returnRequests"), [*window, extra]):
                    page = [
                        c
                        for r in rows
                        if _inside(parse(r.get("createdAt")), a, b, end)
                        for c in parse_receipt(r, self.account)
                    ]
                    if page:
                        yield page
        for a, b in split(start, end, EXCHANGE_WINDOW):
            params = [("createdAtFrom", fmt_second(a)), ("createdAtTo", fmt_second(b))]
            async for rows in self._pages(self._path("v4", "exchangeRequests"), params):
                page = [
                    c
                    for r in rows
                    if _inside(parse(r.get("createdAt")), a, b, end)
                    for c in parse_exchange(r, self.account)
                ]
                if page:
                    yield page

    # -- decisions ---------------------------------------------------------------------------------
    async def _resolve(self, d: ClaimDecision) -> str:
        """The receipt / exchange id of a decision without claim_id, looked up by the line's order."""
        info = await self.orders.box_info(split_line_id(d.order_line_id)[0], "decide_claim")
        if info is None:
            raise PermanentMarketplaceError(
                MARKETPLACE, "NOT_FOUND_SHIPMENT_BOX", "주문을 찾을 수 없습니다.", operation="decide_claim"
            )
        now = datetime.now(UTC)
        if d.claim_type == ClaimType.EXCHANGE:
            path, key = self._path("v4", "exchangeRequests"), "exchangeId"
            params = [
                ("createdAtFrom", fmt_second(now - EXCHANGE_WINDOW)),
                ("createdAtTo", fmt_second(now)),
                ("orderId", info.order_id),
            ]
        else:
            path, key = self._path("v6", "returnRequests"), "receiptId"
            params = [
                ("searchType", "timeFrame"),
                ("createdAtFrom", fmt_minute_plain(now - RETURN_WINDOW)),
                ("createdAtTo", fmt_minute_plain(now)),
                ("orderId", info.order_id),
            ]
        parse_rows = parse_exchange if d.claim_type == ClaimType.EXCHANGE else parse_receipt
        async for rows in self._pages(path, params):
            for row in rows:
                if any(
                    c.order_line_id == d.order_line_id and c.claim_type == d.claim_type
                    for c in parse_rows(row, self.account)
                ):
                    return str(row[key])
        raise PermanentMarketplaceError(
            MARKETPLACE, "CLAIM_NOT_FOUND", "처리할 클레임을 찾을 수 없습니다.", operation="decide_claim"
        )

    async def _cancel_count(self, receipt_id: str) -> int:
        body = await self.http.call("GET", self._path("v6", f"returnRequests/{receipt_id}"), "decide_claim")
        return int((body.get("data") or {}).get("cancelCountSum") or 0)

    async def _act(self, method: str, path: str, body: Any) -> None:
        await self.http.call(method, path, "decide_claim", json=body, idempotent=False)

    async def decide(self, d: ClaimDecision) -> None:
        key = (d.claim_type, d.action)
        if d.claim_type == ClaimType.RETURN and d.action in (
            ClaimAction.REJECT,
            ClaimAction.HOLD,
            ClaimAction.RELEASE_HOLD,
        ):
            raise UnsupportedOperation(MARKETPLACE, f"decide_claim.return.{d.action.value}", NO_RETURN_REJECT)
        supported = {
            (ClaimType.CANCEL, ClaimAction.APPROVE),
            (ClaimType.CANCEL, ClaimAction.REJECT),
            (ClaimType.RETURN, ClaimAction.COLLECT_DONE),
            (ClaimType.RETURN, ClaimAction.APPROVE),
            (ClaimType.EXCHANGE, ClaimAction.COLLECT_DONE),
            (ClaimType.EXCHANGE, ClaimAction.APPROVE),
            (ClaimType.EXCHANGE, ClaimAction.REJECT),
            (ClaimType.EXCHANGE, ClaimAction.REDELIVER),
        }
        if key not in supported:
            raise UnsupportedOperation(
                MARKETPLACE,
                f"decide_claim.{d.claim_type.value}.{d.action.value}",
                "쿠팡 WING API에서 지원하지 않는 클레임 처리입니다.",
            )
        needs_invoice = key == (ClaimType.CANCEL, ClaimAction.REJECT) or d.action == ClaimAction.REDELIVER
        if needs_invoice:
            if not d.courier_code or not d.tracking_number:
                raise PermanentMarketplaceError(
                    MARKETPLACE, "INVOICE_REQUIRED", "택배사와 송장번호가 필요합니다.", operation="decide_claim"
                )
        claim_id = d.claim_id or await self._resolve(d)
        if d.claim_type == ClaimType.EXCHANGE:
            await self._exchange(d, claim_id)
            return
        base = self._path("v4", f"returnRequests/{claim_id}")
        body: dict[str, Any] = {"vendorId": self.vendor, "receiptId": int(claim_id)}
        if d.claim_type == ClaimType.CANCEL and d.action == ClaimAction.APPROVE:
            await self._act(
                "PATCH", f"{base}/stoppedShipment", {**body, "cancelCount": await self._cancel_count(claim_id)}
            )
        elif d.claim_type == ClaimType.CANCEL:
            await self._act(
                "PATCH",
                f"{base}/completedShipment",
                {**body, "deliveryCompanyCode": to_coupang(d.courier_code or ""), "invoiceNumber": d.tracking_number},
            )
        elif d.action == ClaimAction.COLLECT_DONE:
            await self._act("PATCH", f"{base}/receiveConfirmation", body)
        else:
            await self._act("PATCH", f"{base}/approval", {**body, "cancelCount": await self._cancel_count(claim_id)})

    async def _exchange(self, d: ClaimDecision, exchange_id: str) -> None:
        base = self._path("v4", f"exchangeRequests/{exchange_id}")
        body: dict[str, Any] = {"exchangeId": int(exchange_id), "vendorId": self.vendor}
        if d.action in (ClaimAction.COLLECT_DONE, ClaimAction.APPROVE):
            await self._act("PATCH", f"{base}/receiveConfirmation", body)
        elif d.action == ClaimAction.REJECT:
            code = d.hold_reason_code if d.hold_reason_code in ("SOLDOUT", "WITHDRAW") else "SOLDOUT"
            await self._act("PATCH", f"{base}/rejection", {**body, "exchangeRejectCode": code})
        else:
            await self._act(
                "POST",
                f"{base}/invoices",
                [
                    {
                        **body,
                        "goodsDeliveryCode": to_coupang(d.courier_code or ""),
                        "invoiceNumber": d.tracking_number,
                        "shipmentBoxId": int(split_line_id(d.order_line_id)[0]),
                    }
                ],
            )
