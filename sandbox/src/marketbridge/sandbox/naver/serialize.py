"""Naver JSON shapes of product orders, claims and products (re-authored from the documented fields)."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.timefmt import fmt_kst
from marketbridge.sandbox.naver.models import Claim, Product, ProductOrder


def _address(po: ProductOrder) -> dict[str, Any]:
    r = po.receiver
    return {"addressType": "DOMESTIC", "name": r.name, "tel1": r.tel1, "tel2": "", "baseAddress": r.base,
            "detailedAddress": r.detailed, "zipCode": r.zip_code, "city": "", "state": "", "country": "한국",
            "isRoadNameAddress": True}


def _claim(claim: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {"claimId": claim.claim_id, "claimStatus": claim.status,
                           "claimRequestDate": fmt_kst(claim.request_ms), "requestChannel": claim.requester,
                           "requestQuantity": claim.quantity}
    prefix = {"CANCEL": "cancel", "RETURN": "return", "EXCHANGE": "exchange"}[claim.type]
    out[f"{prefix}Reason"] = claim.reason
    out[f"{prefix}DetailedReason"] = claim.detail
    if claim.completed_ms is not None:
        key = {"CANCEL": "cancelCompletedDate", "RETURN": "returnCompletedDate",
               "EXCHANGE": "exchangeCompletedDate"}[claim.type]
        out[key] = fmt_kst(claim.completed_ms)
        if claim.type == "CANCEL":
            out["cancelApprovalDate"] = fmt_kst(claim.completed_ms)
    if claim.type != "CANCEL":
        out["collectStatus"] = claim.collect_status or "NOT_REQUESTED"
        if claim.collect_completed_ms is not None:
            out["collectCompletedDate"] = fmt_kst(claim.collect_completed_ms)
    if claim.holdback_status is not None:
        out["holdbackStatus"] = claim.holdback_status
        out["holdbackReason"] = claim.holdback_reason
        out["holdbackDetailedReason"] = claim.holdback_detail
    if claim.redelivery_method is not None:
        out["reDeliveryMethod"] = claim.redelivery_method
        out["reDeliveryCompany"] = claim.redelivery_company
        out["reDeliveryTrackingNumber"] = claim.redelivery_tracking
        out["reDeliveryStatus"] = "DELIVERING"
    if claim.reject_reason is not None:
        out["rejectReason"] = claim.reject_reason
    return out


def _product_order(po: ProductOrder) -> dict[str, Any]:
    total = po.total_product_amount
    out: dict[str, Any] = {
        "productOrderId": po.product_order_id, "productOrderStatus": po.status,
        "placeOrderStatus": po.place_order_status, "productId": str(po.channel_no),
        "originalProductId": str(po.origin_no), "merchantChannelId": po.account_id, "mallId": po.account_id,
        "productName": po.product_name, "productClass": "조합형옵션상품" if po.option_code else "단일상품",
        "quantity": po.quantity, "initialQuantity": po.quantity, "remainQuantity": po.quantity,
        "unitPrice": po.unit_price, "optionPrice": po.option_price,
        "totalProductAmount": total, "initialProductAmount": total, "remainProductAmount": total,
        "totalPaymentAmount": total, "initialPaymentAmount": total, "remainPaymentAmount": total,
        "productDiscountAmount": 0, "sellerBurdenDiscountAmount": 0,
        "deliveryFeeAmount": po.delivery_fee, "deliveryDiscountAmount": 0, "sectionDeliveryFee": 0,
        "deliveryPolicyType": "유료" if po.delivery_fee else "무료",
        "shippingFeeType": "선결제" if po.delivery_fee else "무료",
        "expectedDeliveryMethod": "DELIVERY", "deliveryAttributeType": "NORMAL",
        "packageNumber": po.order_id, "shippingAddress": _address(po), "shippingMemo": po.shipping_memo,
        "shippingDueDate": fmt_kst(po.shipping_due_ms), "paymentCommission": total * 2 // 100,
        "expectedSettlementAmount": total - total * 2 // 100, "inflowPath": "네이버 쇼핑",
        "commissionRatingType": "결제 수수료",
    }
    if po.product_option is not None:
        out["productOption"] = po.product_option
        out["optionCode"] = po.option_code
        out["itemNo"] = po.option_code
    if po.option_manage_code:
        out["optionManageCode"] = po.option_manage_code
    if po.seller_product_code:
        out["sellerProductCode"] = po.seller_product_code
    if po.place_order_ms is not None:
        out["placeOrderDate"] = fmt_kst(po.place_order_ms)
    if po.delay_reason is not None:
        out["delayedDispatchReason"] = po.delay_reason
        out["delayedDispatchDetailedReason"] = po.delay_detail
    if po.decided_ms is not None:
        out["decisionDate"] = fmt_kst(po.decided_ms)
    if po.claim is not None:
        out["claimType"] = po.claim.type
        out["claimStatus"] = po.claim.status
        out["claimId"] = po.claim.claim_id
    return out


def product_order_detail(po: ProductOrder) -> dict[str, Any]:
    """The `{order, productOrder, delivery, ...}` item of product-orders/query (cached per order)."""
    cached = po.cache
    if cached is not None:
        return cached
    paid = fmt_kst(po.paid_ms)
    total = po.total_product_amount + po.delivery_fee
    detail: dict[str, Any] = {
        "order": {
            "orderId": po.order_id, "orderDate": fmt_kst(po.ordered_ms), "paymentDate": paid,
            "ordererId": po.orderer_id, "ordererNo": po.orderer_id, "ordererName": po.orderer_name,
            "ordererTel": po.orderer_tel, "paymentMeans": "신용카드", "payLocationType": "MOBILE",
            "orderDiscountAmount": 0, "generalPaymentAmount": total, "naverMileagePaymentAmount": 0,
            "chargeAmountPaymentAmount": 0, "payLaterPaymentAmount": 0,
            "isDeliveryMemoParticularInput": "false", "isMembershipSubscribed": False,
        },
        "productOrder": _product_order(po),
    }
    if po.delivery is not None:
        d = po.delivery
        delivery: dict[str, Any] = {"deliveryMethod": d.method, "sendDate": fmt_kst(d.send_ms),
                                    "pickupDate": fmt_kst(d.send_ms), "deliveryStatus": d.status,
                                    "isWrongTrackingNumber": False}
        if d.company is not None:
            delivery["deliveryCompany"] = d.company
        if d.tracking is not None:
            delivery["trackingNumber"] = d.tracking
        if d.delivered_ms is not None:
            delivery["deliveredDate"] = fmt_kst(d.delivered_ms)
        detail["delivery"] = delivery
    if po.claim is not None:
        claim = _claim(po.claim)
        key = {"CANCEL": "cancel", "RETURN": "return", "EXCHANGE": "exchange"}[po.claim.type]
        detail[key] = claim
        detail["currentClaim"] = {key: claim}
    if po.completed_claims:
        detail["completedClaims"] = [
            {"claimType": c.type, "claimId": c.claim_id, "claimStatus": c.status,
             "claimRequestAdmissionDate": fmt_kst(c.request_ms)} for c in po.completed_claims
        ]
    po.cache = detail
    return detail


def change_row(po: ProductOrder) -> dict[str, Any]:
    row: dict[str, Any] = {
        "orderId": po.order_id, "productOrderId": po.product_order_id,
        "lastChangedType": po.last_changed_type, "paymentDate": fmt_kst(po.paid_ms),
        "lastChangedDate": fmt_kst(po.last_changed_ms), "productOrderStatus": po.status,
        "receiverAddressChanged": po.receiver_address_changed,
    }
    if po.claim is not None:
        row["claimType"] = po.claim.type
        row["claimStatus"] = po.claim.status
    return row


def product_view(product: Product) -> dict[str, Any]:
    origin = dict(product.origin)
    origin.update(statusType=product.status, salePrice=product.sale_price, stockQuantity=product.stock,
                  name=product.name, leafCategoryId=product.leaf_category_id)
    if product.options:
        detail = dict(origin.get("detailAttribute") or {})
        option_info = dict(detail.get("optionInfo") or {})
        option_info["optionCombinations"] = [
            {"id": o.id, **{f"optionName{i + 1}": n for i, n in enumerate(o.names)},
             "stockQuantity": o.stock, "price": o.price, "sellerManagerCode": o.seller_manager_code,
             "usable": o.usable}
            for o in product.options
        ]
        option_info["optionCombinationGroupNames"] = {
            f"optionGroupName{i + 1}": g for i, g in enumerate(product.group_names)
        }
        detail["optionInfo"] = option_info
        origin["detailAttribute"] = detail
    channel = dict(product.channel)
    channel.setdefault("channelProductDisplayStatusType", "ON")
    channel["channelProductNo"] = product.channel_no
    return {"originProduct": origin, "smartstoreChannelProduct": channel,
            "originProductNo": product.origin_no}


def search_content(product: Product, category_name: str | None) -> dict[str, Any]:
    seller = (product.origin.get("detailAttribute") or {}).get("sellerCodeInfo") or {}
    channel = {
        "originProductNo": product.origin_no, "channelProductNo": product.channel_no,
        "channelServiceType": "STOREFARM", "categoryId": product.leaf_category_id,
        "name": product.name, "sellerManagementCode": seller.get("sellerManagementCode"),
        "statusType": product.status, "channelProductDisplayStatusType": "ON",
        "salePrice": product.sale_price, "discountedPrice": product.sale_price,
        "stockQuantity": product.stock, "wholeCategoryName": category_name,
        "regDate": fmt_kst(product.created_ms), "modifiedDate": fmt_kst(product.updated_ms),
    }
    return {"originProductNo": product.origin_no, "channelProducts": [channel]}
