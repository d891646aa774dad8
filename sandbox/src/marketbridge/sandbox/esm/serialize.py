"""ESM JSON shapes (PascalCase, as RequestOrders and the claim lists answer)."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.synthetic import mask_login
from marketbridge.sandbox.esm import couriers
from marketbridge.sandbox.esm.common import fmt
from marketbridge.sandbox.esm.models import Claim, Message, Notice, Order

CLAIM_TYPE = {"cancel": 1, "return": 2, "exchange": 3}  # (modelled) on order-number lookups only


def order_row(o: Order) -> dict[str, Any]:
    amount = (o.sale_price + o.option_price) * o.quantity
    row: dict[str, Any] = {
        "OrderNo": o.order_no,
        "PayNo": o.pay_no,
        "GroupNo": o.pay_no,
        "SellerId": o.seller_id,
        "SiteGoodsNo": o.site_goods_no,
        "OutGoodsNo": o.out_goods_no,
        "GoodsName": o.goods_name,
        "SKUNo": None,
        "OrderStatus": o.status,
        "OrderDate": fmt(o.order_ms),
        "PayDate": fmt(o.pay_ms),
        "OrderConfirmDate": fmt(o.confirm_ms),
        "TransDate": fmt(o.trans_ms),
        "TransDueDate": fmt(o.pay_ms + 3 * 86_400_000),
        "ArrivalScheduledDate": None,
        "TransCompleteDate": fmt(o.complete_ms),
        "BuyDecisionDate": fmt(o.decide_ms),
        "ContrAmount": o.quantity,
        "SalePrice": o.sale_price,
        "OrderAmount": amount,
        "AcntMoney": amount + o.shipping_fee,
        "OptSelPrice": o.option_price,
        "OptAddPrice": 0,
        "SellerDiscountPrice1": 0,
        "SellerDiscountPrice2": 0,
        "DirectDiscountPrice": 0,
        "CostPrice": amount,
        "SettlementPrice": int(amount * 0.88),
        "ServiceFee": amount - int(amount * 0.88),
        "ShippingFee": o.shipping_fee,
        "DeliveryFeeCondition": "X" if o.shipping_fee == 0 else "F",
        "BackwoodsAddDeliveryFee": 0,
        "JejuAddDeliveryFee": 0,
        "BuyerName": o.buyer_name,
        "BuyerID": mask_login(o.buyer_id),
        "BuyerMobileTel": o.buyer_phone,
        "BuyerTel": None,
        "ReceiverName": o.receiver_name,
        "HpNo": o.receiver_phone,
        "TelNo": None,
        "ZipCode": o.zip_code,
        "DelFrontAddress": o.front_address,
        "DelBackAddress": o.back_address,
        "DelFullAddress": f"{o.front_address} {o.back_address}",
        "DelMemo": o.memo,
        "TakbaeName": couriers.name(o.company),
        "NoSongjang": o.invoice,
        "TransType": "택배",
        "DistrType": "NL",
        "OverseaTransYn": "N",
        "InfoCin": None,
        "OutOrderNo": None,
        "FreeGift": None,
        "Bonus": None,
        "ItemOptionSelectList": (
            [{"ItemOptionValue": o.option_text, "ItemOptionOrderCnt": o.quantity, "ItemOptionPrice": o.option_price}]
            if o.option_text
            else []
        ),
        "ItemOptionAdditionList": [],
    }
    return row


def lookup_row(o: Order) -> dict[str, Any]:
    """Order-number lookup (orderStatus 0): the order row plus the claim it carries (modelled fields)."""
    row = order_row(o)
    if o.claim is not None:
        row["ClaimType"], row["ClaimStatus"] = CLAIM_TYPE[o.claim.kind], o.claim.status
    return row


def _claim_base(o: Order, c: Claim) -> dict[str, Any]:
    return {
        "OrderNo": o.order_no,
        "PayNo": o.pay_no,
        "SiteGoodsNo": o.site_goods_no,
        "GoodsName": o.goods_name,
        "OutGoodsNo": o.out_goods_no,
        "ContrAmount": o.quantity,
        "BuyerName": o.buyer_name,
        "BuyerId": mask_login(o.buyer_id),
        "RequestedBy": c.requested_by,
    }


def cancel_row(o: Order, c: Claim) -> dict[str, Any]:
    return {
        **_claim_base(o, c),
        "CancelStatus": c.status,
        "CancelReason": c.reason,
        "CancelReqDate": fmt(c.request_ms),
        "CancelComplDate": fmt(c.complete_ms),
        "OrderStatus": o.status,
    }


def return_row(o: Order, c: Claim) -> dict[str, Any]:
    return {
        **_claim_base(o, c),
        "ReturnStatus": c.status,
        "ReturnReason": c.reason,
        "ReturnReqDate": fmt(c.request_ms),
        "ReturnComplDate": fmt(c.complete_ms),
        "IsHold": c.on_hold,
        "HoldReason": c.hold_reason,
    }


def exchange_row(o: Order, c: Claim) -> dict[str, Any]:
    return {
        **_claim_base(o, c),
        "ExchangeStatus": c.status,
        "ExchangeReason": c.reason,
        "ExchangeReqDate": fmt(c.request_ms),
        "ExchangeComplDate": fmt(c.complete_ms),
        "IsHold": c.on_hold,
        "HoldReason": c.hold_reason,
        "ResendDeliveryCompCode": c.resend_company,
        "ResendInvoiceNo": c.resend_invoice,
    }


def message_row(m: Message) -> dict[str, Any]:
    return {
        "MessageNo": m.message_no,
        "token": m.token,
        "QnaType": 3 if m.site == "G" else (2 if m.secret else 1),
        "Title": m.title,
        "Comments": m.comments,
        "BuyerId": mask_login(m.buyer_id),
        "BuyerName": m.buyer_name,
        "SiteGoodsNo": m.site_goods_no,
        "GoodsName": m.goods_name,
        "OrderNo": m.order_no,
        "RegDate": fmt(m.reg_ms),
        "Status": "처리완료" if m.answer is not None else "미처리",
        "AnswerTitle": m.answer_title,
        "AnswerComments": m.answer,
        "AnswerDate": fmt(m.answered_ms),
    }


def notice_row(n: Notice) -> dict[str, Any]:
    return {
        "EmergencyNo": n.notice_no,
        "SiteType": 2 if n.site == "G" else 1,
        "SellerId": n.seller_id,
        "Title": n.title,
        "Contents": n.contents,
        "OrderNo": n.order_no,
        "RegDate": fmt(n.reg_ms),
        "Status": "처리완료" if n.done else "미처리",
    }
