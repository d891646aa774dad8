"""롯데ON delivery rows -> marketplace-neutral orders and states; the line id is `"{odNo}-{odSeq}"`
(procSeq changes with every claim, so actions look the current rows up by odNo)."""

from __future__ import annotations

from typing import Any

from marketbridge.connectors.lotteon.couriers import from_lotteon
from marketbridge.connectors.lotteon.dates import parse
from marketbridge.connectors.parsing import EPOCH as EPOCH  # re-exported: callers import it from here
from marketbridge.connectors.ports import ClaimType, MarketplaceOrder, MarketplaceOrderState, OrderStatus

MARKETPLACE = "lotteon"
STEPS = {
    "11": OrderStatus.NEW,
    "12": OrderStatus.ACKNOWLEDGED,
    "13": OrderStatus.DISPATCHED,
    "14": OrderStatus.DELIVERED,
    "15": OrderStatus.DELIVERED,
}
STEP_NAMES = {"11": "출고지시", "12": "상품준비", "13": "발송완료", "14": "배송완료", "15": "수취완료"}


def line_id(row: dict[str, Any]) -> str:
    return f"{row['odNo']}-{row['odSeq']}"


def split_line_id(value: str) -> tuple[str, int]:
    od_no, _, od_seq = value.partition("-")
    return od_no, int(od_seq) if od_seq.isdigit() else 1


def parse_order(row: dict[str, Any], account_id: str) -> MarketplaceOrder:
    step = str(row.get("odPrgsStepCd") or "11")
    base, detail = row.get("dvpStnmZipAddr") or "", row.get("dvpStnmDtlAddr") or ""
    quantity = int(row.get("odQty") or 0)
    created = parse(row.get("owhoDttm"))
    return MarketplaceOrder(
        marketplace=MARKETPLACE,
        account_id=account_id,
        order_id=str(row["odNo"]),
        order_line_id=line_id(row),
        product_id=str(row.get("spdNo") or ""),
        seller_product_code=row.get("epdNo"),
        product_name=row.get("spdNm") or "",
        option_text=row.get("sitmNm"),
        quantity=quantity,
        unit_price=int(row.get("slPrc") or 0),
        total_price=int(row.get("slAmt") or 0) + int(row.get("dvCst") or 0),
        ordered_at=created or EPOCH,
        paid_at=created,
        buyer_name=row.get("odrNm") or "",
        receiver_name=row.get("dvpCustNm") or "",
        receiver_phone=row.get("dvpMphnNo") or row.get("dvpTelNo") or "",
        receiver_address=f"{base} {detail}".strip(),
        receiver_zip=row.get("dvpZipNo") or "",
        status=STEPS.get(step, OrderStatus.NEW),
        raw_status=STEP_NAMES.get(step, step),
        option_code=row.get("sitmNo"),
        seller_option_code=row.get("eitmNo"),
        buyer_phone=row.get("mphnNo") or row.get("telNo"),
        receiver_base_address=base,
        receiver_detailed_address=detail,
        shipping_fee=int(row.get("dvCst") or 0),
        shipping_memo=row.get("dvMsg") or None,
        courier_code=from_lotteon(row.get("dvCoCd")),
        raw_courier_code=row.get("dvCoCd"),
        tracking_number=row.get("invcNo"),
        dispatched_at=parse(row.get("dvTrcStatDttm")) if step == "13" else None,
        last_changed_at=parse(row.get("dvTrcStatDttm")),
        raw=row,
    )


def original_row(rows: list[dict[str, Any]], od_seq: int) -> dict[str, Any] | None:
    return next(
        (
            r
            for r in rows
            if int(r["odSeq"]) == od_seq and r.get("dvRtrvDvsCd") == "DV" and str(r.get("odTypCd")) == "10"
        ),
        None,
    )


def parse_state(rows: list[dict[str, Any]], od_seq: int) -> MarketplaceOrderState | None:
    """The state of one line from every row of its order (the delivery row plus claim rows)."""
    row = original_row(rows, od_seq)
    if row is None:
        return None
    step = str(row.get("odPrgsStepCd") or "11")
    status = STEPS.get(step, OrderStatus.NEW)
    pickups = [r for r in rows if int(r["odSeq"]) == od_seq and r.get("dvRtrvDvsCd") == "RTRV"]
    claim_type = None
    if row.get("cnclYN") == "Y":
        status, claim_type = OrderStatus.CANCELLED, ClaimType.CANCEL
    elif pickups:
        claim_type = ClaimType.RETURN if str(pickups[-1].get("odTypCd")) == "40" else ClaimType.EXCHANGE
    return MarketplaceOrderState(
        order_line_id=line_id(row),
        status=status,
        raw_status=STEP_NAMES.get(step, step),
        acknowledged=step != "11" or row.get("ifCplYN") == "Y",
        claim_type=claim_type,
        raw_claim_status=str(pickups[-1].get("odPrgsStepCd")) if pickups else None,
        courier_code=from_lotteon(row.get("dvCoCd")),
        tracking_number=row.get("invcNo"),
        dispatched_at=parse(row.get("dvTrcStatDttm")) if step in ("13", "14", "15") else None,
    )
