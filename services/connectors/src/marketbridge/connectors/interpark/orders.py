"""인터파크 `<ORDER>` elements (header + `PRODUCT/PRD` lines) -> neutral orders, states and claims.

인터파크 answers no status code on order lines; the list a line came from is its status (modelled):
`orderListForSingle` / `orderListDelvForSingle` -> acknowledged (listing new orders is 주문확인),
`delvCompListForSingle` -> dispatched, `orderCompListForSingle` -> delivered. Line id = `"{ORD_NO}-{ORD_SEQ}"`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from marketbridge.connectors import parsing
from marketbridge.connectors.interpark.couriers import from_interpark
from marketbridge.connectors.interpark.dates import parse
from marketbridge.connectors.interpark.xmlcodec import row
from marketbridge.connectors.parsing import EPOCH as EPOCH  # re-exported: callers import it from here
from marketbridge.connectors.ports import (
    ClaimStatus,
    ClaimType,
    MarketplaceClaim,
    MarketplaceOrder,
    MarketplaceOrderState,
    OrderStatus,
)

MARKETPLACE = "interpark"
LIST_STATUS = {
    # Listing new orders confirms them at 인터파크 (modelled), but for the seller they are still new orders
    # to review and acknowledge (발주확인 is then a no-op there): collected as NEW so they are not taken for
    # orders handled directly on the marketplace (ORD-COL-3).
    "orderListForSingle": OrderStatus.NEW,
    "orderListDelvForSingle": OrderStatus.ACKNOWLEDGED,
    "delvCompListForSingle": OrderStatus.DISPATCHED,
    "orderCompListForSingle": OrderStatus.DELIVERED,
}
CLAIM_TYPES = {"1": ClaimType.CANCEL, "2": ClaimType.RETURN, "3": ClaimType.EXCHANGE}
CLAIM_STATUS = {"1": ClaimStatus.REQUESTED, "2": ClaimStatus.COMPLETED, "3": ClaimStatus.REJECTED}


def split_line_id(value: str) -> tuple[str, str]:
    return parsing.split_line_id(value, "Interpark")


def _int(text: str | None) -> int:
    try:
        return int(float(text or 0))
    except ValueError:
        return 0


def lines(root: ET.Element) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """(order header, product line) for every `PRD` of every `ORDER`."""
    for order in root.iter("ORDER"):
        head = row(order)
        delivery = order.find("DELIVERY/DELV")
        if delivery is not None:
            head.update(row(delivery))
        for prd in order.iterfind("PRODUCT/PRD"):
            yield head, row(prd)


def parse_order(head: dict[str, str], prd: dict[str, str], source: str, account_id: str) -> MarketplaceOrder:
    quantity = _int(prd.get("ORD_QTY")) or 1
    unit = _int(prd.get("REAL_SALE_UNITCOST") or prd.get("SALE_UNITCOST"))
    base = head.get("DELI_ADDR1_DORO") or head.get("DELI_ADDR1", "")
    detail = head.get("DELI_ADDR2_DORO") or head.get("DELI_ADDR2", "")
    courier = prd.get("DELV_ENTR_NO") or None
    seq = prd.get("ORD_SEQ", "")
    shipping = _int(head.get("DEL_AMT")) if seq == "1" else 0
    return MarketplaceOrder(
        marketplace=MARKETPLACE,
        account_id=account_id,
        order_id=head["ORD_NO"],
        order_line_id=f"{head['ORD_NO']}-{seq}",
        product_id=prd.get("PRD_NO", ""),
        seller_product_code=prd.get("ENTR_PRD_NO") or None,
        product_name=prd.get("PRD_NM", ""),
        option_text=prd.get("SEL_OPT_NM") or None,
        quantity=quantity,
        unit_price=unit,
        total_price=_int(prd.get("ORD_AMT")) or unit * quantity,
        ordered_at=parse(head.get("ORDER_DTS")) or EPOCH,
        paid_at=parse(head.get("PAY_DTS")),
        buyer_name=head.get("ORD_NM", ""),
        receiver_name=head.get("RCVR_NM", ""),
        receiver_phone=head.get("DELI_MOBILE") or head.get("DELI_TEL", ""),
        receiver_address=f"{base} {detail}".strip(),
        receiver_zip=head.get("DEL_ZIP_DORO") or head.get("DEL_ZIP", ""),
        status=LIST_STATUS[source],
        raw_status=source,
        raw_place_order_status="Y",
        option_code=prd.get("OPT_NO") or None,
        buyer_phone=head.get("MOBILE_TEL") or None,
        receiver_base_address=base,
        receiver_detailed_address=detail,
        shipping_fee=shipping,
        shipping_memo=head.get("DELI_COMMENT") or None,
        courier_code=from_interpark(courier),
        raw_courier_code=courier,
        tracking_number=prd.get("INVO_NO") or None,
        dispatched_at=parse((prd.get("DELV_DT") or "") + "000000") if prd.get("DELV_DT") else None,
        raw={**head, **prd},
    )


def parse_state(order: MarketplaceOrder) -> MarketplaceOrderState:
    return parsing.state_of(order, acknowledged=True)


def parse_claims(root: ET.Element, account_id: str) -> list[MarketplaceClaim]:
    claims: list[MarketplaceClaim] = []
    for head, prd in lines(root):
        tp = head.get("CLMREQ_TP") or head.get("CLM_CRT_TP", "").lstrip("0")
        raw = prd.get("CLMREQ_STAT") or prd.get("CURRENT_CLMPRD_STAT", "")
        claims.append(
            MarketplaceClaim(
                marketplace=MARKETPLACE,
                account_id=account_id,
                claim_id=head.get("CLMREQ_SEQ") or head.get("CLM_SEQ", ""),
                claim_type=CLAIM_TYPES.get(tp, ClaimType.CANCEL),
                status=CLAIM_STATUS.get(raw, ClaimStatus.REQUESTED),
                raw_status=raw,
                order_id=head["ORD_NO"],
                order_line_id=f"{head['ORD_NO']}-{prd.get('ORD_SEQ', '')}",
                quantity=_int(prd.get("CLMREQ_QTY") or prd.get("CLM_QTY")),
                reason_code=prd.get("CLMREQ_RSN_TPNM") or prd.get("CLM_RSN_TPNM") or None,
                reason_text=prd.get("CLMREQ_RSN") or None,
                requested_at=parse(head.get("CLMREQ_DTS")),
                completed_at=parse(head.get("CLM_DTS")),
                requested_by="SELLER" if prd.get("CLMREQ_CRT_TP") == "02" else "BUYER",
                raw={**head, **prd},
            )
        )
    return claims
