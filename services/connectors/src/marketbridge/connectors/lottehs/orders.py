"""롯데홈쇼핑 `OrderInfo` / `CnclInfo` / `QnAInfo` elements -> orders, states, claims, inquiries.
(modelled) OrdProcStat 01 신규, 02 발주확인, 04 출고완료, 05 배송완료, 99 취소; ClmGbn 10/20/30."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from marketbridge.connectors.homeshopping_common.dates import EPOCH, parse_compact
from marketbridge.connectors.homeshopping_common.xml import fields
from marketbridge.connectors.lottehs.couriers import from_lottehs
from marketbridge.connectors.parsing import state_of, to_int
from marketbridge.connectors.ports import (
    ClaimStatus,
    ClaimType,
    InquiryKind,
    MarketplaceClaim,
    MarketplaceInquiry,
    MarketplaceOrder,
    MarketplaceOrderState,
    OrderStatus,
)

MARKETPLACE = "lottehs"
_STATUS = {
    "01": OrderStatus.NEW,
    "02": OrderStatus.ACKNOWLEDGED,
    "04": OrderStatus.DISPATCHED,
    "05": OrderStatus.DELIVERED,
    "99": OrderStatus.CANCELLED,
}
_CLAIMS = {"10": ClaimType.CANCEL, "20": ClaimType.RETURN, "30": ClaimType.EXCHANGE}


def _parts(info: ET.Element) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    return fields(info), fields(info.find("DelvInfo")), fields(info.find("ProdInfo"))


def parse_order(info: ET.Element, account_id: str) -> MarketplaceOrder:
    head, delv, prod = _parts(info)
    line_id = f"{head['OrdNo']}:{head.get('OrdDtlSn') or prod.get('OrdDtlSn')}"
    ordered = parse_compact(head.get("TrdDate"))
    quantity, price = to_int(prod.get("ordQty")), to_int(prod.get("ordPrice"))
    base, detail = delv.get("recvAddr1", ""), delv.get("recvAddr2", "")
    courier = delv.get("delvName") or None
    return MarketplaceOrder(
        marketplace=MARKETPLACE,
        account_id=account_id,
        order_id=head["OrdNo"],
        order_line_id=line_id,
        product_id=prod.get("ProdCode", ""),
        seller_product_code=prod.get("EntrProdNo") or None,
        product_name=prod.get("ProdName", ""),
        option_text=prod.get("prodOption") or None,
        quantity=quantity,
        unit_price=price,
        total_price=to_int(prod.get("buyRealPrice")) or price * quantity,
        ordered_at=ordered or EPOCH,
        paid_at=ordered,
        buyer_name=head.get("OrderName", ""),
        receiver_name=delv.get("recvName", ""),
        receiver_phone=delv.get("recvHp") or delv.get("recvTel", ""),
        receiver_address=f"{base} {detail}".strip(),
        receiver_zip=delv.get("recvPostCode", ""),
        status=_STATUS.get(head.get("OrdProcStat", ""), OrderStatus.NEW),
        raw_status=head.get("OrdProcStat", ""),
        buyer_phone=head.get("OrderHpNo") or None,
        receiver_base_address=base,
        receiver_detailed_address=detail,
        shipping_memo=head.get("DlvMemoCont") or None,
        courier_code=from_lottehs(courier),
        raw_courier_code=courier,
        tracking_number=delv.get("invoiceNo") or None,
        dispatched_at=parse_compact(delv.get("sendDate")),
        raw={**head, **delv, **prod},
    )


def parse_state(info: ET.Element) -> MarketplaceOrderState:
    order = parse_order(info, "")
    return state_of(order, acknowledged=order.raw_status in ("02", "04", "05"))


def parse_claim(info: ET.Element, account_id: str) -> MarketplaceClaim | None:
    row = fields(info)
    kind = _CLAIMS.get(row.get("ClmGbn", ""))
    if kind is None:
        return None
    return MarketplaceClaim(
        marketplace=MARKETPLACE,
        account_id=account_id,
        claim_id=row.get("ClmNo", ""),
        claim_type=kind,
        status=ClaimStatus.COMPLETED if row.get("ClmStat") == "2" else ClaimStatus.REQUESTED,
        raw_status=row.get("ClmStat", ""),
        order_id=row.get("OrdNo", ""),
        order_line_id=f"{row.get('OrdNo')}:{row.get('OrdDtlSn')}",
        quantity=to_int(row.get("ClmQty")),
        reason_code=None,
        reason_text=row.get("ClmRsn") or None,
        requested_at=parse_compact(row.get("ClmDtime")),
        raw=row,
    )


def parse_qna(info: ET.Element, account_id: str) -> MarketplaceInquiry:
    row = fields(info)
    return MarketplaceInquiry(
        marketplace=MARKETPLACE,
        account_id=account_id,
        kind=InquiryKind.PRODUCT_QNA,
        inquiry_id=row.get("QnaNo", ""),
        title=row.get("QstTitle") or None,
        content=row.get("QstCont", ""),
        created_at=parse_compact(row.get("QstDtime")) or EPOCH,
        answered=row.get("AnsYn") == "Y",
        answer=row.get("AnsCont") or None,
        product_id=row.get("GoodsNo") or None,
        product_name=row.get("GoodsNm") or None,
        order_id=row.get("OrdNo") or None,
        customer_name=row.get("CustNm") or None,
        raw=row,
    )
