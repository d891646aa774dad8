"""CJ온스타일 IF_04_01 `instruction`/`instructionDetail` and IF_04_02 `csInfo` -> orders, states, claims.
(modelled) wbProg 00 미출고 / 10 출고 / 20 배송완료; csCls 01 취소 / 02 반품 / 03 교환; csStat 10 접수 / 30 완료."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from marketbridge.connectors import parsing
from marketbridge.connectors.cjmall.couriers import from_cjmall
from marketbridge.connectors.cjmall.envelope import children
from marketbridge.connectors.homeshopping_common.dates import EPOCH, parse_compact
from marketbridge.connectors.homeshopping_common.xml import fields
from marketbridge.connectors.parsing import to_int
from marketbridge.connectors.ports import (
    ClaimStatus,
    ClaimType,
    MarketplaceClaim,
    MarketplaceOrder,
    MarketplaceOrderState,
    OrderStatus,
)

MARKETPLACE = "cjmall"
_PROG = {"00": OrderStatus.NEW, "10": OrderStatus.DISPATCHED, "20": OrderStatus.DELIVERED}
_CS = {"01": ClaimType.CANCEL, "02": ClaimType.RETURN, "03": ClaimType.EXCHANGE}


def line_id(head: dict[str, str], detail: dict[str, str]) -> str:
    return f"{head['ordNo']}:{detail['ordGSeq']}:{detail['ordDSeq']}:{detail['ordWSeq']}"


def _status(detail: dict[str, str]) -> OrderStatus:
    if detail.get("ordDtlClsCd") == "20":
        return OrderStatus.CANCELLED
    return _PROG.get(detail.get("wbProg", ""), OrderStatus.NEW)


def parse_instruction(instruction: ET.Element, account_id: str) -> list[MarketplaceOrder]:
    head = fields(instruction)
    ordered = parse_compact(head.get("ordDtm"))
    out = []
    for element in children(instruction, "instructionDetail"):
        d = fields(element)
        quantity = to_int(d.get("outwQty"))
        total = to_int(d.get("realslAmt")) or to_int(d.get("outwAmt"))
        courier = d.get("delicompCd") or None
        out.append(
            MarketplaceOrder(
                marketplace=MARKETPLACE,
                account_id=account_id,
                order_id=head["ordNo"],
                order_line_id=line_id(head, d),
                product_id=d.get("itemCd", ""),
                seller_product_code=d.get("vendorItemCd") or None,
                product_name=d.get("itemName", ""),
                option_text=d.get("unitNm") or None,
                quantity=quantity,
                unit_price=total // quantity if quantity else total,
                total_price=total,
                ordered_at=ordered or EPOCH,
                paid_at=ordered,
                buyer_name=head.get("custNm", ""),
                receiver_name=head.get("receverNm", ""),
                receiver_phone=head.get("cellno") or head.get("telno", ""),
                receiver_address=head.get("addr", ""),
                receiver_zip=head.get("zipno", ""),
                status=_status(d),
                raw_status=d.get("wbProg", ""),
                option_code=d.get("unitCd") or None,
                buyer_phone=head.get("custTelNo") or None,
                receiver_base_address=head.get("addr", ""),
                shipping_memo=head.get("msgSpec") or None,
                shipping_due_at=parse_compact(d.get("delvplnDt")),
                courier_code=from_cjmall(courier),
                raw_courier_code=courier,
                tracking_number=d.get("wbNo") or None,
                raw={**head, **d},
            )
        )
    return out


def state_of(order: MarketplaceOrder) -> MarketplaceOrderState:
    return parsing.state_of(order, acknowledged=True)  # an 출고지시 is already the mall's order to ship


def parse_cs(element: ET.Element, account_id: str) -> MarketplaceClaim | None:
    row = fields(element)
    kind = _CS.get(row.get("csCls", ""))
    if kind is None:
        return None
    return MarketplaceClaim(
        marketplace=MARKETPLACE,
        account_id=account_id,
        claim_id=row.get("csNo", ""),
        claim_type=kind,
        status=ClaimStatus.COMPLETED if row.get("csStat") == "30" else ClaimStatus.REQUESTED,
        raw_status=row.get("csStat", ""),
        order_id=row.get("ordNo", ""),
        order_line_id=line_id(row, row),
        quantity=to_int(row.get("csQty")),
        reason_code=None,
        reason_text=row.get("csRsn") or None,
        requested_at=parse_compact(row.get("csDtm")),
        raw=row,
    )
