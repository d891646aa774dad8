"""Seller-side order actions of the Naver emulator: confirm, dispatch, delay, seller cancel.

Every function checks each product order on its own and answers per-id successes and failures, as
Naver's partial-success envelopes do. Claim decisions live in claimflow.py.
"""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.timefmt import parse_datetime_ms
from marketbridge.sandbox.naver import couriers
from marketbridge.sandbox.naver.errors import ORDER_MESSAGES, order_error
from marketbridge.sandbox.naver.models import Claim, Delivery, DispatchRecord, ProductOrder
from marketbridge.sandbox.naver.state import NaverState
from marketbridge.sandbox.naver.store import SellerStore

ACTIVE_CLAIM_STATUSES = frozenset({"CANCEL_REQUEST", "CANCELING", "RETURN_REQUEST", "EXCHANGE_REQUEST",
                                   "COLLECTING", "COLLECT_DONE", "EXCHANGE_REDELIVERING"})
DISPATCH_METHODS = frozenset({"DELIVERY", "GDFW_ISSUE_SVC", "VISIT_RECEIPT", "DIRECT_DELIVERY",
                              "QUICK_SVC", "NOTHING"})
COURIER_METHODS = frozenset({"DELIVERY", "GDFW_ISSUE_SVC"})
SELLER_CANCEL_REASONS = frozenset({"INTENT_CHANGED", "COLOR_AND_SIZE", "WRONG_ORDER", "PRODUCT_UNSATISFIED",
                                   "DELAYED_DELIVERY", "SOLD_OUT", "INCORRECT_INFO"})
DELAY_REASONS = frozenset({"PRODUCT_PREPARE", "CUSTOMER_REQUEST", "CUSTOM_BUILD", "RESERVED_DISPATCH",
                           "OVERSEA_DELIVERY", "ETC"})

Failure = dict[str, str]


class ItemFailure(Exception):
    def __init__(self, code: str, message: str | None = None) -> None:
        self.code = code
        self.message = message or ORDER_MESSAGES.get(code, code)
        super().__init__(code)


def fail(po_id: str, error: ItemFailure) -> Failure:
    return {"productOrderId": po_id, "code": error.code, "message": error.message}


def active_claim(po: ProductOrder) -> Claim | None:
    claim = po.claim
    return claim if claim is not None and claim.status in ACTIVE_CLAIM_STATUSES else None


def lookup(state: NaverState, store: SellerStore, po_id: str) -> ProductOrder:
    po = store.pos.get(po_id)
    if po is not None:
        return po
    raise ItemFailure("101009" if po_id in state.po_owner else "100001")


def require_list(body: Any, key: str, maximum: int) -> list[Any]:
    value = body.get(key) if isinstance(body, dict) else None
    if not isinstance(value, list) or not value:
        raise order_error("4000", f"{key}: 필수 입력 항목입니다.")
    if len(value) > maximum:
        raise order_error("4000", f"{key}: 최대 {maximum}개까지 요청할 수 있습니다.")
    return value


def confirm(state: NaverState, store: SellerStore, ids: list[Any], now: int
            ) -> tuple[list[dict[str, Any]], list[Failure]]:
    ok: list[dict[str, Any]] = []
    failed: list[Failure] = []
    seen: set[str] = set()
    for raw in ids:
        po_id = str(raw)
        try:
            if po_id in seen:
                raise ItemFailure("104131")
            seen.add(po_id)
            po = lookup(state, store, po_id)
            if po.status != "PAYED" or active_claim(po) is not None:
                raise ItemFailure("104442")
            if po.place_order_status != "OK":  # confirming twice answers success again (modelled)
                po.place_order_status, po.place_order_ms = "OK", now
                store.touch(po, None, now)
            ok.append({"productOrderId": po_id, "isReceiverAddressChanged": po.receiver_address_changed})
        except ItemFailure as error:
            failed.append(fail(po_id, error))
    return ok, failed


def _check_dispatch(store: SellerStore, po: ProductOrder, method: str, company: str, tracking: str) -> None:
    if po.status != "PAYED":
        raise ItemFailure("104442")
    claim = active_claim(po)
    if claim is not None and claim.status != "CANCEL_REQUEST":
        raise ItemFailure("104442")
    if method not in COURIER_METHODS:
        return
    if not company:
        raise ItemFailure("104118")
    if company not in couriers.ALL:
        raise ItemFailure("104119")
    if not tracking:
        raise ItemFailure("104120")
    if not couriers.tracking_is_valid(company, tracking):
        raise ItemFailure("104122")
    owner_order = store.used_tracking.get((company, tracking.replace("-", "")))
    if owner_order is not None and owner_order != po.order_id:
        raise ItemFailure("104121")


def _parse_dispatch_item(index: int, item: Any) -> tuple[str, str, str, str, int, str]:
    if not isinstance(item, dict) or not item.get("productOrderId"):
        raise order_error("4000", f"dispatchProductOrders[{index}].productOrderId: 필수 입력 항목입니다.")
    method = str(item.get("deliveryMethod") or "")
    if method not in DISPATCH_METHODS:
        raise order_error("4000", f"dispatchProductOrders[{index}].deliveryMethod: 유효하지 않은 값입니다.")
    date_text = item.get("dispatchDate")
    try:
        dispatch_ms = parse_datetime_ms(str(date_text))
    except ValueError:
        raise order_error("4000", f"dispatchProductOrders[{index}].dispatchDate: 날짜 형식이 올바르지 않습니다.") \
            from None
    return (str(item["productOrderId"]), method, str(item.get("deliveryCompanyCode") or ""),
            str(item.get("trackingNumber") or ""), dispatch_ms, str(date_text))


def dispatch(state: NaverState, store: SellerStore, items: list[Any], now: int) -> tuple[list[str], list[Failure]]:
    parsed = [_parse_dispatch_item(i, item) for i, item in enumerate(items)]
    ok: list[str] = []
    failed: list[Failure] = []
    seen: set[str] = set()
    for po_id, method, company, tracking, dispatch_ms, date_text in parsed:
        try:
            if po_id in seen:
                raise ItemFailure("104131")
            seen.add(po_id)
            po = lookup(state, store, po_id)
            po.dispatch_attempts += 1
            _check_dispatch(store, po, method, company, tracking)
        except ItemFailure as error:
            failed.append(fail(po_id, error))
            continue
        courier = company if method in COURIER_METHODS else None
        number = tracking.replace("-", "") if courier else None
        if courier and number:
            store.used_tracking[(courier, number)] = po.order_id
        if po.place_order_status != "OK":
            po.place_order_status, po.place_order_ms = "OK", now
        claim = active_claim(po)
        if claim is not None:  # dispatching withdraws a pending cancel request (modelled)
            claim.status, claim.completed_ms = "CANCEL_REJECT", now
            po.completed_claims.append(claim)
        po.status = "DELIVERING"
        po.delivery = Delivery(method, courier, number, dispatch_ms, now)
        store.dispatches.append(DispatchRecord(po_id, method, courier, number, date_text, now))
        store.touch(po, "DISPATCHED", now)
        ok.append(po_id)
    return ok, failed


def seller_cancel(state: NaverState, store: SellerStore, po_id: str, body: Any, now: int
                  ) -> tuple[list[str], list[Failure]]:
    reason = body.get("cancelReason") if isinstance(body, dict) else None
    if reason not in SELLER_CANCEL_REASONS:
        raise order_error("4000", "cancelReason: 유효하지 않은 값입니다.")
    try:
        po = lookup(state, store, po_id)
        if po.status != "PAYED" or active_claim(po) is not None:
            raise ItemFailure("104442")
    except ItemFailure as error:
        return [], [fail(po_id, error)]
    assert isinstance(body, dict)
    quantity = int(body.get("cancelQuantity") or po.quantity)
    claim = Claim(f"C{state.next_small_id()}", "CANCEL", "CANCEL_DONE", str(reason),
                  str(body.get("cancelDetailedReason") or ""), now, "SELLER", quantity, po.status,
                  completed_ms=now)
    start_claim(po, claim)
    po.status = "CANCELED"
    store.touch(po, "CLAIM_COMPLETED", now)
    return [po_id], []


def start_claim(po: ProductOrder, claim: Claim) -> None:
    if po.claim is not None:
        if po.claim not in po.completed_claims:
            po.completed_claims.append(po.claim)
    po.claim = claim


def delay(state: NaverState, store: SellerStore, po_id: str, body: Any, now: int
          ) -> tuple[list[str], list[Failure]]:
    if not isinstance(body, dict) or body.get("delayedDispatchReason") not in DELAY_REASONS:
        raise order_error("4000", "delayedDispatchReason: 유효하지 않은 값입니다.")
    try:
        due_ms = parse_datetime_ms(str(body.get("dispatchDueDate")))
    except ValueError:
        raise order_error("4000", "dispatchDueDate: 날짜 형식이 올바르지 않습니다.") from None
    try:
        po = lookup(state, store, po_id)
        if po.status != "PAYED" or active_claim(po) is not None:
            raise ItemFailure("104442")
        if due_ms <= now:
            raise ItemFailure("104105", "발송 기한 입력 범위를 초과했습니다.")
    except ItemFailure as error:
        return [], [fail(po_id, error)]
    po.shipping_due_ms = due_ms
    po.delay_reason = str(body["delayedDispatchReason"])
    po.delay_detail = str(body.get("dispatchDelayedDetailedReason") or "")
    store.touch(po, None, now)
    return [po_id], []


def raise_if(condition: bool, code: str, message: str | None = None) -> None:
    if condition:
        raise ItemFailure(code, message)

