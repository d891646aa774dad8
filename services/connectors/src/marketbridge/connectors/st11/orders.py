"""11번가 order and claim rows (flat dicts of the XML children) -> marketplace-neutral orders, states
and claims. Order line id = `"{ordNo}-{ordPrdSeq}"`; the bundle (`dlvNo`) is what 발송 works on.

`ordPrdStat`: 202 결제완료 → new, 301 배송준비중 (after 발주확인) → acknowledged, 401 배송중 → dispatched,
501 배송완료 → delivered, 901 구매확정 (uncertain) → purchase decided. A completed cancel
(`ordCnStatCd` 02), return (`clmStat` 106) or exchange (221/302) overrides it; those claim keys in the
`orderlistall` answer are modelled.
"""

from __future__ import annotations

from marketbridge.connectors import parsing
from marketbridge.connectors.parsing import EPOCH as EPOCH  # re-exported: callers import it from here
from marketbridge.connectors.ports import (
    ClaimStatus,
    ClaimType,
    MarketplaceClaim,
    MarketplaceOrder,
    MarketplaceOrderState,
    OrderStatus,
)
from marketbridge.connectors.st11.couriers import from_st11
from marketbridge.connectors.st11.dates import parse

MARKETPLACE = "st11"
ORDER_STATUS = {
    "202": OrderStatus.NEW,
    "301": OrderStatus.ACKNOWLEDGED,
    "401": OrderStatus.DISPATCHED,
    "501": OrderStatus.DELIVERED,
    "901": OrderStatus.PURCHASE_DECIDED,
}
CANCEL_STATUS = {"01": ClaimStatus.REQUESTED, "02": ClaimStatus.COMPLETED, "03": ClaimStatus.REJECTED}
CLAIM_STATUS = {
    "103": ClaimStatus.REQUESTED,
    "104": ClaimStatus.REQUESTED,
    "105": ClaimStatus.REQUESTED,
    "106": ClaimStatus.COMPLETED,
    "107": ClaimStatus.REJECTED,
    "108": ClaimStatus.REJECTED,
    "109": ClaimStatus.COLLECTED,
    "201": ClaimStatus.REQUESTED,
    "212": ClaimStatus.COLLECTING,
    "214": ClaimStatus.REQUESTED,
    "221": ClaimStatus.COMPLETED,
    "232": ClaimStatus.REJECTED,
    "233": ClaimStatus.REJECTED,
    "301": ClaimStatus.REDELIVERING,
    "302": ClaimStatus.COMPLETED,
}
ON_HOLD = frozenset({"104", "109", "214"})
WITHDRAWN = frozenset({"108", "233"})


def line_id(row: dict[str, str]) -> str:
    return f"{row['ordNo']}-{row['ordPrdSeq']}"


def split_line_id(value: str) -> tuple[str, str]:
    return parsing.split_line_id(value, "11번가")


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return int(float(text or 0))


def order_status(row: dict[str, str]) -> OrderStatus:
    if row.get("ordCnStatCd") == "02":
        return OrderStatus.CANCELLED
    claim = row.get("clmStat")
    if claim == "106":
        return OrderStatus.RETURNED
    if claim in ("221", "302"):
        return OrderStatus.EXCHANGED
    return ORDER_STATUS.get(row.get("ordPrdStat", ""), OrderStatus.NEW)


def parse_order(row: dict[str, str], account_id: str) -> MarketplaceOrder:
    quantity = _int(row.get("ordQty")) or 1
    sale_price = _int(row.get("selPrc"))
    option_total = _int(row.get("ordOptWonStl"))
    base, detail = row.get("rcvrBaseAddr", ""), row.get("rcvrDtlsAddr", "")
    courier = row.get("dlvEtprsCd") or None
    paid = parse(row.get("ordStlEndDt"))
    return MarketplaceOrder(
        marketplace=MARKETPLACE,
        account_id=account_id,
        order_id=row["ordNo"],
        order_line_id=line_id(row),
        product_id=row.get("prdNo", ""),
        seller_product_code=row.get("sellerPrdCd") or None,
        product_name=row.get("prdNm", ""),
        option_text=row.get("slctPrdOptNm") or None,
        quantity=quantity,
        unit_price=sale_price + option_total // quantity,
        total_price=_int(row.get("ordPayAmt") or row.get("ordAmt")),
        ordered_at=parse(row.get("ordDt")) or paid or EPOCH,
        paid_at=paid,
        buyer_name=row.get("ordNm", ""),
        receiver_name=row.get("rcvrNm", ""),
        receiver_phone=row.get("rcvrPrtblNo") or row.get("rcvrTlphn", ""),
        receiver_address=f"{base} {detail}".strip(),
        receiver_zip=row.get("rcvrMailNo", ""),
        status=order_status(row),
        raw_status=row.get("ordPrdStat", ""),
        raw_place_order_status="Y" if parse(row.get("plcodrCnfDt")) else "N",
        option_code=row.get("prdStckNo") or None,
        buyer_phone=row.get("ordPrtblTel") or None,
        receiver_base_address=base,
        receiver_detailed_address=detail,
        shipping_fee=_int(row.get("dlvCst")),
        shipping_memo=row.get("ordDlvReqCont") or None,
        courier_code=from_st11(courier),
        raw_courier_code=courier,
        tracking_number=row.get("invcNo") or None,
        dispatched_at=parse(row.get("sendDt")),
        raw=row,
    )


def parse_state(row: dict[str, str]) -> MarketplaceOrderState:
    claim_type: ClaimType | None = None
    raw_claim = None
    if row.get("clmStat"):
        claim_type = ClaimType.EXCHANGE if row.get("clmTyp") == "EXCHANGE" else ClaimType.RETURN
        raw_claim = row["clmStat"]
    elif row.get("ordCnStatCd"):
        claim_type, raw_claim = ClaimType.CANCEL, row["ordCnStatCd"]
    return MarketplaceOrderState(
        order_line_id=line_id(row),
        status=order_status(row),
        raw_status=row.get("ordPrdStat", ""),
        acknowledged=row.get("ordPrdStat") in ("301", "401", "501", "901"),
        claim_type=claim_type,
        raw_claim_status=raw_claim,
        courier_code=from_st11(row.get("dlvEtprsCd")),
        tracking_number=row.get("invcNo") or None,
        dispatched_at=parse(row.get("sendDt")),
    )


def parse_cancel(row: dict[str, str], account_id: str) -> MarketplaceClaim:
    raw = row.get("ordCnStatCd", "")
    return MarketplaceClaim(
        marketplace=MARKETPLACE,
        account_id=account_id,
        claim_id=row.get("ordPrdCnSeq", ""),
        claim_type=ClaimType.CANCEL,
        status=CANCEL_STATUS.get(raw, ClaimStatus.REQUESTED),
        raw_status=raw,
        order_id=row["ordNo"],
        order_line_id=line_id(row),
        quantity=_int(row.get("ordCnQty")),
        reason_code=row.get("ordCnRsnCd") or None,
        reason_text=row.get("ordCnDtlsRsn") or None,
        requested_at=parse(row.get("createDt")),
        completed_at=parse(row.get("cnclDt")),
        requested_by="SELLER" if row.get("ordCnMnbdCd") == "02" else "BUYER",
        raw=row,
    )


def parse_claim(row: dict[str, str], account_id: str, claim_type: ClaimType) -> MarketplaceClaim:
    raw = row.get("clmStat", "")
    return MarketplaceClaim(
        marketplace=MARKETPLACE,
        account_id=account_id,
        claim_id=row.get("clmReqSeq", ""),
        claim_type=claim_type,
        status=CLAIM_STATUS.get(raw, ClaimStatus.REQUESTED),
        raw_status=raw,
        order_id=row["ordNo"],
        order_line_id=line_id(row),
        quantity=_int(row.get("clmReqQty")),
        reason_code=row.get("clmReqRsn") or None,
        reason_text=row.get("clmReqCont") or None,
        requested_at=parse(row.get("reqDt")),
        completed_at=parse(row.get("clmCmplDt")),
        requested_by="BUYER",
        on_hold=raw in ON_HOLD,
        raw=row,
    )
