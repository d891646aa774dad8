"""GS SHOP pushed rows -> orders, states and claims. `ordTypeCd` O 주문 / X 교환주문 are order lines,
R 반품 / X 교환 / C 취소 are claims. (modelled) `dlvStCd` 10 접수 / 30 출고 / 40 배송완료 / 90 취소."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marketbridge.connectors.gsshop.couriers import from_gsshop
from marketbridge.connectors.gsshop.store import line_id
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

MARKETPLACE = "gsshop"
ORDER_TYPES = frozenset({"O", "X"})
_STATUS = {
    "10": OrderStatus.NEW,
    "30": OrderStatus.DISPATCHED,
    "40": OrderStatus.DELIVERED,
    "90": OrderStatus.CANCELLED,
}
_CLAIMS = {"C": ClaimType.CANCEL, "R": ClaimType.RETURN, "X": ClaimType.EXCHANGE}


def _s(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def parse_order(row: dict[str, Any], account_id: str) -> MarketplaceOrder:
    quantity, price = to_int(row.get("ordQty")), to_int(row.get("salePrc"))
    ordered = parse_compact(_s(row, "ordDtm"))
    base, detail = _s(row, "rcvAddr1"), _s(row, "rcvAddr2")
    courier = _s(row, "deliveryCd") or None
    return MarketplaceOrder(
        marketplace=MARKETPLACE,
        account_id=account_id,
        order_id=_s(row, "ordNo"),
        order_line_id=line_id(row),
        product_id=_s(row, "prdCd"),
        seller_product_code=_s(row, "supPrdCd") or None,
        product_name=_s(row, "prdNm"),
        option_text=_s(row, "attrPrdNm") or None,
        quantity=quantity,
        unit_price=price,
        total_price=price * quantity,
        ordered_at=ordered or EPOCH,
        paid_at=ordered,
        buyer_name=_s(row, "ordNm"),
        receiver_name=_s(row, "rcvNm"),
        receiver_phone=_s(row, "rcvHpNo") or _s(row, "rcvTelNo"),
        receiver_address=f"{base} {detail}".strip(),
        receiver_zip=_s(row, "rcvZipNo"),
        status=_STATUS.get(_s(row, "dlvStCd"), OrderStatus.NEW),
        raw_status=_s(row, "dlvStCd"),
        raw_claim_type=None if row.get("ordTypeCd") == "O" else _s(row, "ordTypeCd"),
        option_code=_s(row, "attrPrdCd") or None,
        receiver_base_address=base,
        receiver_detailed_address=detail,
        shipping_memo=_s(row, "dlvMsg") or None,
        courier_code=from_gsshop(courier),
        raw_courier_code=courier,
        tracking_number=_s(row, "deliveryNo") or None,
        raw=row,
    )


def states(rows: Iterable[dict[str, Any]]) -> dict[str, MarketplaceOrderState]:
    """The state of each line from its stored rows (the order row, overridden by a later cancel row)."""
    out: dict[str, MarketplaceOrderState] = {}
    claims: dict[str, ClaimType] = {}
    for row in rows:
        key = line_id(row)
        kind = row.get("ordTypeCd")
        if kind == "O":
            order = parse_order(row, "")
            out[key] = MarketplaceOrderState(
                order_line_id=key,
                status=order.status,
                raw_status=order.raw_status,
                acknowledged=True,
                courier_code=order.courier_code,
                tracking_number=order.tracking_number,
            )
        elif kind in _CLAIMS:
            claims[key] = _CLAIMS[str(kind)]
    for key, claim in claims.items():
        if key in out:
            state = out[key]
            status = OrderStatus.CANCELLED if claim == ClaimType.CANCEL else state.status
            out[key] = MarketplaceOrderState(
                order_line_id=key,
                status=status,
                raw_status=state.raw_status,
                acknowledged=True,
                claim_type=claim,
                courier_code=state.courier_code,
                tracking_number=state.tracking_number,
            )
    return out


def parse_claim(row: dict[str, Any], account_id: str) -> MarketplaceClaim | None:
    kind = _CLAIMS.get(_s(row, "ordTypeCd"))
    if kind is None:
        return None
    return MarketplaceClaim(
        marketplace=MARKETPLACE,
        account_id=account_id,
        claim_id=_s(row, "clmNo") or line_id(row),
        claim_type=kind,
        status=ClaimStatus.COMPLETED if kind == ClaimType.CANCEL else ClaimStatus.REQUESTED,
        raw_status=_s(row, "ordTypeCd"),
        order_id=_s(row, "orgOrdNo") or _s(row, "ordNo"),
        order_line_id=f"{_s(row, 'orgOrdNo') or _s(row, 'ordNo')}:{_s(row, 'orgOrdItemNo') or _s(row, 'ordItemNo')}",
        quantity=to_int(row.get("ordQty")),
        reason_code=None,
        reason_text=None,
        requested_at=parse_compact(_s(row, "clmDtm")),
        raw=row,
    )
