"""Hmall order rows (`selectOshpDtlList.do` dsOutput) -> orders, states and (cancel) claims."""

from __future__ import annotations

from typing import Any

from marketbridge.connectors.hmall.couriers import from_hmall
from marketbridge.connectors.homeshopping_common.dates import EPOCH, parse_compact
from marketbridge.connectors.parsing import to_int
from marketbridge.connectors.ports import (
    ClaimStatus,
    ClaimType,
    MarketplaceClaim,
    MarketplaceOrder,
    MarketplaceOrderState,
    OrderStatus,
)

MARKETPLACE = "hmall"
_STATUS = {
    "25": OrderStatus.NEW,
    "30": OrderStatus.ACKNOWLEDGED,
    "45": OrderStatus.DISPATCHED,
    "50": OrderStatus.DELIVERED,
}
_CLAIMS = {"C": ClaimType.CANCEL, "R": ClaimType.RETURN, "X": ClaimType.EXCHANGE}


def line_id(row: dict[str, str]) -> str:
    """Our order line id carries every key the progress call needs: ordNo:ordPtcSeq:dlvstNo:dlvstPtcSeq."""
    return f"{row['ordNo']}:{row['ordPtcSeq']}:{row['dlvstNo']}:{row['dlvstPtcSeq']}"


def status(row: dict[str, str]) -> OrderStatus:
    if row.get("dlvCnclYn") == "Y":
        return OrderStatus.CANCELLED
    return _STATUS.get(row.get("lastDlvstPrgrGbcd", ""), OrderStatus.NEW)


def parse_order(row: dict[str, str], account_id: str) -> MarketplaceOrder:
    quantity, price = to_int(row.get("ordQty")), to_int(row.get("sellUprc"))
    ordered = parse_compact(row.get("ptcOrdDtm"))
    courier = row.get("dsrvDlvcoCd") or None
    return MarketplaceOrder(
        marketplace=MARKETPLACE,
        account_id=account_id,
        order_id=row["ordNo"],
        order_line_id=line_id(row),
        product_id=row.get("slitmCd", ""),
        seller_product_code=row.get("venItemCd") or None,
        product_name=row.get("slitmNm", ""),
        option_text=row.get("uitmTotNm") or None,
        quantity=quantity,
        unit_price=price,
        total_price=price * quantity,
        ordered_at=ordered or EPOCH,
        paid_at=ordered,
        buyer_name=row.get("dlvApltNm", ""),
        receiver_name=row.get("rcvrNm", ""),
        receiver_phone=row.get("rcvrHp") or row.get("rcvrTel", ""),
        receiver_address=row.get("dstnAdr", ""),
        receiver_zip=row.get("dstnPostNo", ""),
        status=status(row),
        raw_status=row.get("lastDlvstPrgrGbcd", ""),
        raw_claim_type=row.get("clmGbcd") or None,
        option_code=row.get("uitmCd") or None,
        buyer_phone=row.get("dlvApltTel") or None,
        receiver_base_address=row.get("dstnAdr", ""),
        shipping_memo=row.get("dlvPaonMsg") or None,
        courier_code=from_hmall(courier),
        raw_courier_code=courier,
        tracking_number=row.get("invcNo") or None,
        dispatched_at=parse_compact(row.get("oshpDtm")),
        raw=row,
    )


def parse_state(row: dict[str, str]) -> MarketplaceOrderState:
    current = status(row)
    claim = _CLAIMS.get(row.get("clmGbcd", ""))
    return MarketplaceOrderState(
        order_line_id=line_id(row),
        status=current,
        raw_status=row.get("lastDlvstPrgrGbcd", ""),
        acknowledged=row.get("lastDlvstPrgrGbcd") in ("30", "45", "50"),
        claim_type=claim,
        courier_code=from_hmall(row.get("dsrvDlvcoCd")),
        tracking_number=row.get("invcNo") or None,
        dispatched_at=parse_compact(row.get("oshpDtm")),
    )


def parse_claim(row: dict[str, str], account_id: str) -> MarketplaceClaim | None:
    """(modelled) claims show on the order rows: `clmGbcd` C/R/X + `clmNo`; a cancel is done once
    `dlvCnclYn=Y`, returns/exchanges are handled by Hmall's CS centre (requested until then)."""
    kind = _CLAIMS.get(row.get("clmGbcd", ""))
    if kind is None:
        return None
    done = kind == ClaimType.CANCEL and row.get("dlvCnclYn") == "Y"
    raw: dict[str, Any] = dict(row)
    return MarketplaceClaim(
        marketplace=MARKETPLACE,
        account_id=account_id,
        claim_id=row.get("clmNo") or line_id(row),
        claim_type=kind,
        status=ClaimStatus.COMPLETED if done else ClaimStatus.REQUESTED,
        raw_status=row.get("clmGbcd", ""),
        order_id=row["ordNo"],
        order_line_id=line_id(row),
        quantity=to_int(row.get("ordQty")),
        reason_code=None,
        reason_text=None,
        requested_at=None,
        raw=raw,
    )
