"""(modelled) 공영홈쇼핑 XML: `<pubRequest ifId="PH_xx_yy"><vendorCd/><apiKey/>…` (UTF-8) and
`<pubResponse><resultCode>0000</resultCode><resultMsg/>…`; rows -> orders, states, claims, Q&A."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

from marketbridge.connectors.homeshopping_common.dates import EPOCH, parse_compact
from marketbridge.connectors.homeshopping_common.xml import add_fields, fields, parse, sub, to_bytes
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
from marketbridge.connectors.publichs.couriers import from_publichs

MARKETPLACE = "publichs"
_STATUS = {
    "10": OrderStatus.NEW,
    "20": OrderStatus.ACKNOWLEDGED,
    "30": OrderStatus.DISPATCHED,
    "40": OrderStatus.DELIVERED,
    "90": OrderStatus.CANCELLED,
}
_CLAIMS = {"C": ClaimType.CANCEL, "R": ClaimType.RETURN, "E": ClaimType.EXCHANGE}


def request(
    if_id: str,
    vendor_cd: str,
    api_key: str,
    contents: Mapping[str, object] | None = None,
    groups: Mapping[str, Iterable[Mapping[str, object]]] | None = None,
) -> bytes:
    root = ET.Element("pubRequest", {"ifId": if_id})
    sub(root, "vendorCd", vendor_cd)
    sub(root, "apiKey", api_key)
    if contents is not None:
        add_fields(sub(root, "contents"), contents)
    for tag, rows in (groups or {}).items():
        for row in rows:
            add_fields(sub(root, tag), row)
    return to_bytes(root, "utf-8")


def read(body: bytes, content_type: str | None) -> tuple[str, str, ET.Element]:
    root = parse(body, content_type)
    head = fields(root)
    if "resultCode" not in head:
        raise ValueError("no resultCode")
    return head["resultCode"], head.get("resultMsg", ""), root


def parse_order(row: dict[str, str], account_id: str) -> MarketplaceOrder:
    quantity, price = to_int(row.get("ordQty")), to_int(row.get("salePrc"))
    ordered = parse_compact(row.get("ordDtm"))
    base, detail = row.get("rcvAddr", ""), row.get("rcvAddrDtl", "")
    courier = row.get("dlvCoCd") or None
    return MarketplaceOrder(
        marketplace=MARKETPLACE,
        account_id=account_id,
        order_id=row["ordNo"],
        order_line_id=f"{row['ordNo']}:{row['ordSeq']}",
        product_id=row.get("goodsCd", ""),
        seller_product_code=row.get("vendorGoodsCd") or None,
        product_name=row.get("goodsNm", ""),
        option_text=row.get("optNm") or None,
        quantity=quantity,
        unit_price=price,
        total_price=price * quantity,
        ordered_at=ordered or EPOCH,
        paid_at=ordered,
        buyer_name=row.get("ordNm", ""),
        receiver_name=row.get("rcvNm", ""),
        receiver_phone=row.get("rcvHp", ""),
        receiver_address=f"{base} {detail}".strip(),
        receiver_zip=row.get("rcvZip", ""),
        status=_STATUS.get(row.get("ordStat", ""), OrderStatus.NEW),
        raw_status=row.get("ordStat", ""),
        receiver_base_address=base,
        receiver_detailed_address=detail,
        shipping_memo=row.get("dlvMsg") or None,
        courier_code=from_publichs(courier),
        raw_courier_code=courier,
        tracking_number=row.get("invNo") or None,
        dispatched_at=parse_compact(row.get("outDtm")),
        raw=row,
    )


def parse_state(row: dict[str, str]) -> MarketplaceOrderState:
    order = parse_order(row, "")
    return state_of(order, acknowledged=order.raw_status in ("20", "30", "40"))


def parse_claim(row: dict[str, str], account_id: str) -> MarketplaceClaim | None:
    kind = _CLAIMS.get(row.get("clmGb", ""))
    if kind is None:
        return None
    return MarketplaceClaim(
        marketplace=MARKETPLACE,
        account_id=account_id,
        claim_id=row.get("clmNo", ""),
        claim_type=kind,
        status=ClaimStatus.COMPLETED if row.get("clmStat") == "90" else ClaimStatus.REQUESTED,
        raw_status=row.get("clmStat", ""),
        order_id=row.get("ordNo", ""),
        order_line_id=f"{row.get('ordNo')}:{row.get('ordSeq')}",
        quantity=to_int(row.get("clmQty")),
        reason_code=None,
        reason_text=row.get("clmRsn") or None,
        requested_at=parse_compact(row.get("clmDtm")),
        raw=row,
    )


def parse_qna(row: dict[str, str], account_id: str) -> MarketplaceInquiry:
    return MarketplaceInquiry(
        marketplace=MARKETPLACE,
        account_id=account_id,
        kind=InquiryKind.PRODUCT_QNA,
        inquiry_id=row.get("qnaNo", ""),
        title=row.get("title") or None,
        content=row.get("question", ""),
        created_at=parse_compact(row.get("qnaDtm")) or EPOCH,
        answered=row.get("ansYn") == "Y",
        answer=row.get("answer") or None,
        product_id=row.get("goodsCd") or None,
        product_name=None,
        order_id=row.get("ordNo") or None,
        customer_name=row.get("custNm") or None,
        raw=row,
    )
