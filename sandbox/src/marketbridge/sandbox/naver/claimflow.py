"""Claims in the Naver emulator: buyer requests (admin side) and the seller's claim decisions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marketbridge.sandbox.naver import couriers
from marketbridge.sandbox.naver.errors import order_error
from marketbridge.sandbox.naver.models import Claim, ProductOrder
from marketbridge.sandbox.naver.orderflow import (
    Failure,
    ItemFailure,
    active_claim,
    fail,
    lookup,
    raise_if,
    start_claim,
)
from marketbridge.sandbox.naver.state import NaverState
from marketbridge.sandbox.naver.store import SellerStore

HOLDBACK_REASONS = frozenset({
    "RETURN_DELIVERYFEE", "EXTRAFEEE", "RETURN_DELIVERYFEE_AND_EXTRAFEEE", "RETURN_PRODUCT_NOT_DELIVERED",
    "ETC", "EXCHANGE_DELIVERYFEE", "EXCHANGE_EXTRAFEE", "EXCHANGE_PRODUCT_READY",
    "EXCHANGE_PRODUCT_NOT_DELIVERED", "EXCHANGE_HOLDBACK", "SELLER_CONFIRM_NEED", "PURCHASER_CONFIRM_NEED",
    "SELLER_REMIT", "ETC2",
})
_COLLECTING = ("RETURN_REQUEST", "EXCHANGE_REQUEST", "COLLECTING", "COLLECT_DONE")


def _claim_of(po: ProductOrder, claim_type: str, statuses: tuple[str, ...]) -> Claim:
    claim = active_claim(po)
    if claim is None or claim.type != claim_type or claim.status not in statuses:
        raise ItemFailure("104442")
    return claim


def _required(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise order_error("4000", f"{key}: 필수 입력 항목입니다.")
    return value


def _close(po: ProductOrder, claim: Claim, status: str, now: int) -> None:
    claim.status, claim.completed_ms = status, now
    po.completed_claims.append(claim)


def cancel_approve(po: ProductOrder, body: dict[str, Any], now: int) -> str:
    claim = _claim_of(po, "CANCEL", ("CANCEL_REQUEST", "CANCELING"))
    _close(po, claim, "CANCEL_DONE", now)
    po.status = "CANCELED"
    return "CLAIM_COMPLETED"


def return_approve(po: ProductOrder, body: dict[str, Any], now: int) -> str:
    claim = _claim_of(po, "RETURN", _COLLECTING)
    raise_if(claim.holdback_status == "HOLDBACK", "104442", "보류 중인 반품은 승인할 수 없습니다.")
    claim.collect_status = "DELIVERED"
    claim.collect_completed_ms = claim.collect_completed_ms or now
    _close(po, claim, "RETURN_DONE", now)
    po.status = "RETURNED"
    return "CLAIM_COMPLETED"


def return_reject(po: ProductOrder, body: dict[str, Any], now: int) -> str:
    reason = _required(body, "rejectReturnReason")
    claim = _claim_of(po, "RETURN", _COLLECTING)
    claim.reject_reason = reason
    _close(po, claim, "RETURN_REJECT", now)
    po.status = claim.prev_status
    return "CLAIM_REJECTED"


def _holdback(claim_type: str, detail_key: str) -> Callable[[ProductOrder, dict[str, Any], int], str | None]:
    def handler(po: ProductOrder, body: dict[str, Any], now: int) -> str | None:
        reason = _required(body, "holdbackClassType")
        if reason not in HOLDBACK_REASONS:
            raise order_error("4000", "holdbackClassType: 유효하지 않은 값입니다.")
        claim = _claim_of(po, claim_type, _COLLECTING)
        raise_if(claim.holdback_status == "HOLDBACK", "105306")
        claim.holdback_status, claim.holdback_reason = "HOLDBACK", reason
        claim.holdback_detail = str(body.get(detail_key) or "")
        return None
    return handler


def _release(claim_type: str) -> Callable[[ProductOrder, dict[str, Any], int], str | None]:
    def handler(po: ProductOrder, body: dict[str, Any], now: int) -> str | None:
        claim = _claim_of(po, claim_type, _COLLECTING)
        raise_if(claim.holdback_status != "HOLDBACK", "105306")
        claim.holdback_status = "RELEASED"
        return None
    return handler


def exchange_collect_approve(po: ProductOrder, body: dict[str, Any], now: int) -> str:
    claim = _claim_of(po, "EXCHANGE", ("EXCHANGE_REQUEST", "COLLECTING"))
    claim.status, claim.collect_status, claim.collect_completed_ms = "COLLECT_DONE", "DELIVERED", now
    return "COLLECT_DONE"


def exchange_dispatch(po: ProductOrder, body: dict[str, Any], now: int) -> str:
    method = _required(body, "reDeliveryMethod")
    company = str(body.get("reDeliveryCompany") or "")
    tracking = str(body.get("reDeliveryTrackingNumber") or "")
    claim = active_claim(po)
    if claim is None or claim.type != "EXCHANGE" or claim.status != "COLLECT_DONE":
        raise ItemFailure("104417")
    raise_if(claim.holdback_status == "HOLDBACK", "104417")
    if method in ("DELIVERY", "GDFW_ISSUE_SVC"):
        raise_if(not company, "104118")
        raise_if(company not in couriers.ALL, "104119")
        raise_if(not tracking, "104120")
        raise_if(not couriers.tracking_is_valid(company, tracking), "104122")
    claim.status = "EXCHANGE_REDELIVERING"
    claim.redelivery_method, claim.redelivery_company = method, company or None
    claim.redelivery_tracking = tracking.replace("-", "") or None
    return "CLAIM_REDELIVERING"


def exchange_reject(po: ProductOrder, body: dict[str, Any], now: int) -> str:
    reason = _required(body, "rejectExchangeReason")
    claim = _claim_of(po, "EXCHANGE", _COLLECTING)
    claim.reject_reason = reason
    _close(po, claim, "EXCHANGE_REJECT", now)
    po.status = claim.prev_status
    return "CLAIM_REJECTED"


ClaimHandler = Callable[[ProductOrder, dict[str, Any], int], str | None]
ACTIONS: dict[str, ClaimHandler] = {
    "cancel/approve": cancel_approve,
    "return/approve": return_approve,
    "return/reject": return_reject,
    "return/holdback": _holdback("RETURN", "holdbackReturnDetailReason"),
    "return/holdback/release": _release("RETURN"),
    "exchange/collect/approve": exchange_collect_approve,
    "exchange/dispatch": exchange_dispatch,
    "exchange/reject": exchange_reject,
    "exchange/holdback": _holdback("EXCHANGE", "holdbackExchangeDetailReason"),
    "exchange/holdback/release": _release("EXCHANGE"),
}


def decide(state: NaverState, store: SellerStore, po_id: str, action: str, body: Any, now: int
           ) -> tuple[list[str], list[Failure]]:
    handler = ACTIONS[action]
    payload = body if isinstance(body, dict) else {}
    try:
        po = lookup(state, store, po_id)
        change = handler(po, payload, now)
    except ItemFailure as error:
        return [], [fail(po_id, error)]
    store.touch(po, change, now)
    return [po_id], []


# -- buyer side (admin API) ------------------------------------------------------------------------
BUYER_REASONS = {"CANCEL": "INTENT_CHANGED", "RETURN": "SIMPLE_INTENT_CHANGED", "EXCHANGE": "COLOR_AND_SIZE"}


def buyer_claim(state: NaverState, store: SellerStore, po: ProductOrder, claim_type: str,
                reason: str | None, detail: str, now: int) -> None:
    """A buyer asks to cancel / return / exchange. Cancelling an order the seller has not confirmed
    yet completes at once; after confirmation it waits for the seller (modelled on SmartStore)."""
    if active_claim(po) is not None:
        raise ItemFailure("104442", "이미 진행 중인 클레임이 있습니다.")
    claim_id = f"C{state.next_small_id()}"
    if claim_type == "CANCEL":
        raise_if(po.status != "PAYED", "104442", "발송 전 주문만 취소 요청할 수 있습니다.")
        immediate = po.place_order_status != "OK"
        claim = Claim(claim_id, "CANCEL", "CANCEL_DONE" if immediate else "CANCEL_REQUEST",
                      reason or BUYER_REASONS["CANCEL"], detail, now, "BUYER", po.quantity, po.status,
                      completed_ms=now if immediate else None)
        start_claim(po, claim)
        if immediate:
            po.completed_claims.append(claim)
            po.status = "CANCELED"
        store.touch(po, "CLAIM_COMPLETED" if immediate else "CLAIM_REQUESTED", now)
        return
    raise_if(po.status not in ("DELIVERING", "DELIVERED"), "104442", "배송 중 또는 배송 완료 주문만 가능합니다.")
    status = "RETURN_REQUEST" if claim_type == "RETURN" else "EXCHANGE_REQUEST"
    claim = Claim(claim_id, claim_type, status, reason or BUYER_REASONS[claim_type], detail, now, "BUYER",
                  po.quantity, po.status, collect_status="COLLECT_REQUEST_TO_DELIVERY_COMPANY")
    start_claim(po, claim)
    store.touch(po, "CLAIM_REQUESTED", now)
