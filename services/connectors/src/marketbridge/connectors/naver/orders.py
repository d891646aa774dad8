"""Naver product-order JSON -> marketplace-neutral orders, states and claims (plain dict access over
orjson output; no validation layer, so a page of 300 orders parses in about a millisecond)."""

from __future__ import annotations

from typing import Any

from marketbridge.connectors.naver.couriers import from_naver
from marketbridge.connectors.naver.dates import parse
from marketbridge.connectors.parsing import EPOCH as EPOCH  # re-exported: callers import it from here
from marketbridge.connectors.ports import (
    ClaimStatus,
    ClaimType,
    MarketplaceClaim,
    MarketplaceOrder,
    MarketplaceOrderState,
    OrderStatus,
)

MARKETPLACE = "naver"
_STATUS = {
    "PAYMENT_WAITING": OrderStatus.NEW, "DELIVERING": OrderStatus.DISPATCHED,
    "DELIVERED": OrderStatus.DELIVERED, "PURCHASE_DECIDED": OrderStatus.PURCHASE_DECIDED,
    "EXCHANGED": OrderStatus.EXCHANGED, "CANCELED": OrderStatus.CANCELLED,
    "CANCELED_BY_NOPAYMENT": OrderStatus.CANCELLED, "RETURNED": OrderStatus.RETURNED,
}
NOT_COLLECTED = frozenset({"PAYMENT_WAITING", "CANCELED_BY_NOPAYMENT"})
_CLAIM_TYPES = {"CANCEL": ClaimType.CANCEL, "ADMIN_CANCEL": ClaimType.CANCEL, "RETURN": ClaimType.RETURN,
                "EXCHANGE": ClaimType.EXCHANGE}
_CLAIM_STATUS = {
    "CANCEL_REQUEST": ClaimStatus.REQUESTED, "CANCELING": ClaimStatus.REQUESTED,
    "RETURN_REQUEST": ClaimStatus.REQUESTED, "EXCHANGE_REQUEST": ClaimStatus.REQUESTED,
    "ADMIN_CANCELING": ClaimStatus.REQUESTED, "COLLECTING": ClaimStatus.COLLECTING,
    "COLLECT_DONE": ClaimStatus.COLLECTED, "EXCHANGE_REDELIVERING": ClaimStatus.REDELIVERING,
    "CANCEL_DONE": ClaimStatus.COMPLETED, "RETURN_DONE": ClaimStatus.COMPLETED, "EXCHANGE_DONE": ClaimStatus.COMPLETED,
    "ADMIN_CANCEL_DONE": ClaimStatus.COMPLETED, "CANCEL_REJECT": ClaimStatus.REJECTED,
    "RETURN_REJECT": ClaimStatus.REJECTED, "EXCHANGE_REJECT": ClaimStatus.REJECTED,
    "ADMIN_CANCEL_REJECT": ClaimStatus.REJECTED,
}
_CLAIM_KEY = {"CANCEL": "cancel", "ADMIN_CANCEL": "cancel", "RETURN": "return", "EXCHANGE": "exchange"}


def normalise_status(status: str, place_order_status: str | None) -> OrderStatus:
    if status == "PAYED":
        return OrderStatus.ACKNOWLEDGED if place_order_status == "OK" else OrderStatus.NEW
    return _STATUS.get(status, OrderStatus.NEW)


def parse_order(item: dict[str, Any], account_id: str, change: dict[str, Any] | None = None) -> MarketplaceOrder:
    order = item["order"]
    po = item["productOrder"]
    address = po.get("shippingAddress") or {}
    delivery = item.get("delivery") or {}
    status = po["productOrderStatus"]
    place = po.get("placeOrderStatus")
    base, detail = address.get("baseAddress") or "", address.get("detailedAddress") or ""
    quantity = po.get("quantity") or 0
    courier = delivery.get("deliveryCompany")
    return MarketplaceOrder(
        marketplace=MARKETPLACE, account_id=account_id, order_id=order["orderId"],
        order_line_id=po["productOrderId"], product_id=str(po.get("originalProductId") or po.get("productId") or ""),
        seller_product_code=po.get("sellerProductCode"), product_name=po.get("productName") or "",
        option_text=po.get("productOption"), quantity=quantity,
        unit_price=(po.get("unitPrice") or 0) + (po.get("optionPrice") or 0),
        total_price=po.get("totalPaymentAmount") or 0,
        ordered_at=parse(order.get("orderDate")) or parse(order.get("paymentDate")) or EPOCH,
        paid_at=parse(order.get("paymentDate")), buyer_name=order.get("ordererName") or "",
        receiver_name=address.get("name") or "", receiver_phone=address.get("tel1") or "",
        receiver_address=f"{base} {detail}".strip(), receiver_zip=address.get("zipCode") or "",
        status=normalise_status(status, place), raw_status=status, raw_place_order_status=place,
        raw_claim_type=po.get("claimType"), raw_claim_status=po.get("claimStatus"),
        option_code=po.get("optionCode"), seller_option_code=po.get("optionManageCode"),
        buyer_phone=order.get("ordererTel"), receiver_base_address=base, receiver_detailed_address=detail,
        receiver_address_changed=bool(change.get("receiverAddressChanged")) if change else False,
        shipping_fee=po.get("deliveryFeeAmount") or 0, shipping_memo=po.get("shippingMemo"),
        shipping_due_at=parse(po.get("shippingDueDate")), courier_code=from_naver(courier),
        raw_courier_code=courier, tracking_number=delivery.get("trackingNumber"),
        dispatched_at=parse(delivery.get("sendDate")),
        last_changed_at=parse(change.get("lastChangedDate")) if change else None, raw=item,
    )


def parse_state(item: dict[str, Any]) -> MarketplaceOrderState:
    po = item["productOrder"]
    delivery = item.get("delivery") or {}
    claim_type = po.get("claimType")
    return MarketplaceOrderState(
        order_line_id=po["productOrderId"],
        status=normalise_status(po["productOrderStatus"], po.get("placeOrderStatus")),
        raw_status=po["productOrderStatus"], acknowledged=po.get("placeOrderStatus") == "OK",
        claim_type=_CLAIM_TYPES.get(claim_type) if claim_type else None, raw_claim_status=po.get("claimStatus"),
        courier_code=from_naver(delivery.get("deliveryCompany")), tracking_number=delivery.get("trackingNumber"),
        dispatched_at=parse(delivery.get("sendDate")),
    )


def parse_claim(item: dict[str, Any], account_id: str) -> MarketplaceClaim | None:
    po = item["productOrder"]
    raw_type = po.get("claimType")
    claim_type = _CLAIM_TYPES.get(raw_type or "")
    raw_status = po.get("claimStatus") or ""
    status = _CLAIM_STATUS.get(raw_status)
    if raw_type is None or claim_type is None or status is None:
        return None
    key = _CLAIM_KEY[raw_type]
    claim = (item.get("currentClaim") or {}).get(key) or item.get(key) or {}
    completed = claim.get(f"{key}CompletedDate") or claim.get("cancelCompletedDate")
    return MarketplaceClaim(
        marketplace=MARKETPLACE, account_id=account_id,
        claim_id=str(claim.get("claimId") or po.get("claimId") or po["productOrderId"]),
        claim_type=claim_type, status=status, raw_status=raw_status, order_id=item["order"]["orderId"],
        order_line_id=po["productOrderId"], quantity=claim.get("requestQuantity") or po.get("quantity") or 0,
        reason_code=claim.get(f"{key}Reason"), reason_text=claim.get(f"{key}DetailedReason"),
        requested_at=parse(claim.get("claimRequestDate")), completed_at=parse(completed),
        requested_by=claim.get("requestChannel"), on_hold=claim.get("holdbackStatus") == "HOLDBACK",
        hold_reason=claim.get("holdbackReason"), raw=item,
    )
