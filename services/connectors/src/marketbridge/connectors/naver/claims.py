"""Seller cancel, dispatch delay and claims (cancel / return / exchange) for the Naver adapter.

Naver has no claim list: claims are found in the change feed (rows with a claimType) and read with
product-orders/query. Naver also has no cancel-*reject* endpoint: a seller refuses a cancel request
by dispatching the order (the request is withdrawn), so REJECT of a cancel is unsupported.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.naver.couriers import to_naver
from marketbridge.connectors.naver.dates import fmt
from marketbridge.connectors.naver.http import MARKETPLACE, NaverHttp
from marketbridge.connectors.naver.orders import parse_claim
from marketbridge.connectors.ports import (
    BulkResult,
    ClaimAction,
    ClaimDecision,
    ClaimType,
    DelayReason,
    DispatchDelay,
    ItemFailure,
    MarketplaceClaim,
    SellerCancel,
    SellerCancelReason,
)

if TYPE_CHECKING:
    from marketbridge.connectors.naver.adapter import NaverAdapter

ORDERS = "/v1/pay-order/seller/product-orders"
CANCEL_REASONS = {
    SellerCancelReason.SOLD_OUT: "SOLD_OUT", SellerCancelReason.DELAYED_DELIVERY: "DELAYED_DELIVERY",
    SellerCancelReason.WRONG_PRODUCT_INFO: "INCORRECT_INFO", SellerCancelReason.BUYER_REQUEST: "INTENT_CHANGED",
    SellerCancelReason.OTHER: "INTENT_CHANGED",
}
DELAY_REASONS = {
    DelayReason.PRODUCT_PREPARE: "PRODUCT_PREPARE", DelayReason.CUSTOMER_REQUEST: "CUSTOMER_REQUEST",
    DelayReason.CUSTOM_BUILD: "CUSTOM_BUILD", DelayReason.RESERVED_DISPATCH: "RESERVED_DISPATCH",
    DelayReason.OVERSEA_DELIVERY: "OVERSEA_DELIVERY", DelayReason.OTHER: "ETC",
}
CLAIM_TYPES_IN_FEED = frozenset({"CANCEL", "ADMIN_CANCEL", "RETURN", "EXCHANGE"})


async def _single(http: NaverHttp, path: str, operation: str, body: dict[str, Any] | None, line_id: str) -> None:
    """A one-product-order action: its failure (in the bulk envelope) becomes a PermanentMarketplaceError."""
    answer = await http.call("POST", path, operation, json=body if body is not None else {}, idempotent=False)
    for failure in (answer or {}).get("data", {}).get("failProductOrderInfos") or ():
        if str(failure.get("productOrderId")) == line_id:
            raise PermanentMarketplaceError(MARKETPLACE, str(failure.get("code")), str(failure.get("message") or ""),
                                            operation=operation)


async def delay_dispatch(http: NaverHttp, delay: DispatchDelay) -> None:
    body = {"dispatchDueDate": fmt(delay.dispatch_due), "delayedDispatchReason": DELAY_REASONS[delay.reason],
            "dispatchDelayedDetailedReason": delay.detail or "발송 지연"}
    await _single(http, f"{ORDERS}/{delay.order_line_id}/delay", "delay_dispatch", body, delay.order_line_id)


async def cancel_by_seller(http: NaverHttp, items: Sequence[SellerCancel]) -> BulkResult:
    result = BulkResult()
    for item in {i.order_line_id: i for i in items}.values():
        body = {"cancelReason": CANCEL_REASONS[item.reason], "cancelDetailedReason": item.detail or None}
        try:
            await _single(http, f"{ORDERS}/{item.order_line_id}/claim/cancel/request", "cancel_by_seller",
                          {k: v for k, v in body.items() if v is not None}, item.order_line_id)
        except PermanentMarketplaceError as error:
            result.failed[item.order_line_id] = ItemFailure(error.code, error.message)
        else:
            result.succeeded.append(item.order_line_id)
    return result


def _decision_request(d: ClaimDecision) -> tuple[str, dict[str, Any] | None]:
    key = (d.claim_type, d.action)
    hold_extra = {"RETURN": ("holdbackReturnDetailReason", "extraReturnFeeAmount", "ETC"),
                  "EXCHANGE": ("holdbackExchangeDetailReason", "extraExchangeFeeAmount", "ETC2")}
    if key == (ClaimType.CANCEL, ClaimAction.APPROVE):
        return "cancel/approve", None
    if key == (ClaimType.RETURN, ClaimAction.APPROVE):
        return "return/approve", None
    if key == (ClaimType.RETURN, ClaimAction.REJECT):
        return "return/reject", {"rejectReturnReason": d.reason or "판매자 반품 거부"}
    if key in ((ClaimType.EXCHANGE, ClaimAction.COLLECT_DONE), (ClaimType.EXCHANGE, ClaimAction.APPROVE)):
        return "exchange/collect/approve", None
    if key == (ClaimType.EXCHANGE, ClaimAction.REJECT):
        return "exchange/reject", {"rejectExchangeReason": d.reason or "판매자 교환 거부"}
    if key == (ClaimType.EXCHANGE, ClaimAction.REDELIVER):
        company = to_naver(d.courier_code or "")
        if company is None or not d.tracking_number:
            raise PermanentMarketplaceError(MARKETPLACE, "UNMAPPED_COURIER", "재배송 택배사와 송장번호가 필요합니다.",
                                            operation="decide_claim")
        return "exchange/dispatch", {"reDeliveryMethod": "DELIVERY", "reDeliveryCompany": company,
                                     "reDeliveryTrackingNumber": d.tracking_number}
    if d.claim_type in (ClaimType.RETURN, ClaimType.EXCHANGE) and d.action in (ClaimAction.HOLD,
                                                                                 ClaimAction.RELEASE_HOLD):
        kind = d.claim_type.value
        if d.action == ClaimAction.RELEASE_HOLD:
            return f"{kind}/holdback/release", None
        detail_key, fee_key, default_code = hold_extra[d.claim_type.name]
        body: dict[str, Any] = {"holdbackClassType": d.hold_reason_code or default_code, detail_key: d.reason}
        if d.extra_fee is not None:
            body[fee_key] = d.extra_fee
        return f"{kind}/holdback", body
    if key == (ClaimType.CANCEL, ClaimAction.REJECT):
        raise UnsupportedOperation(MARKETPLACE, "decide_claim.cancel.reject",
                                   "네이버 커머스 API에는 취소 요청 거부 기능이 없습니다. 발송 처리하면 취소 요청이 철회됩니다.")
    raise UnsupportedOperation(MARKETPLACE, f"decide_claim.{d.claim_type.value}.{d.action.value}",
                               "네이버에서 지원하지 않는 클레임 처리입니다.")


async def decide(http: NaverHttp, decision: ClaimDecision) -> None:
    action, body = _decision_request(decision)
    await _single(http, f"{ORDERS}/{decision.order_line_id}/claim/{action}", "decide_claim", body,
                  decision.order_line_id)


async def fetch_claims(adapter: NaverAdapter, window_from: datetime, window_to: datetime
                       ) -> AsyncIterator[list[MarketplaceClaim]]:
    async for rows in adapter.changed_rows(window_from, window_to):
        ids = [r["productOrderId"] for r in rows if r.get("claimType") in CLAIM_TYPES_IN_FEED]
        if not ids:
            continue
        parsed = (parse_claim(item, adapter.account_id) for item in await adapter.query(ids, "fetch_claims"))
        page = [claim for claim in parsed if claim is not None]
        if page:
            yield page
