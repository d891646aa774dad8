"""ESM RequestOrders rows -> marketplace-neutral orders and states (plain dict access over orjson output)."""

from __future__ import annotations

from typing import Any

from marketbridge.connectors.esm.couriers import from_esm_name
from marketbridge.connectors.esm.dates import parse
from marketbridge.connectors.parsing import EPOCH as EPOCH  # re-exported: callers import it from here
from marketbridge.connectors.ports import ClaimType, MarketplaceOrder, MarketplaceOrderState, OrderStatus

STATUS = {
    1: OrderStatus.NEW,
    2: OrderStatus.ACKNOWLEDGED,
    3: OrderStatus.DISPATCHED,
    4: OrderStatus.DELIVERED,
    5: OrderStatus.PURCHASE_DECIDED,
}
RAW_STATUS = {1: "결제완료", 2: "배송준비중", 3: "배송중", 4: "배송완료", 5: "구매결정완료"}
# (modelled) order-number lookups carry the claim an order is in
CLAIM_TYPES = {1: ClaimType.CANCEL, 2: ClaimType.RETURN, 3: ClaimType.EXCHANGE}
CLAIM_DONE = {1: (3, OrderStatus.CANCELLED), 2: (4, OrderStatus.RETURNED), 3: (5, OrderStatus.EXCHANGED)}


def _option_text(row: dict[str, Any]) -> str | None:
    values = [str(o.get("ItemOptionValue")) for o in row.get("ItemOptionSelectList") or () if o.get("ItemOptionValue")]
    return " / ".join(values) if values else None


def parse_order(
    row: dict[str, Any], marketplace: str, account_id: str, product_id: str | None = None
) -> MarketplaceOrder:
    status = int(row.get("OrderStatus") or 1)
    quantity = int(row.get("ContrAmount") or 0)
    front, back = row.get("DelFrontAddress") or "", row.get("DelBackAddress") or ""
    courier = row.get("TakbaeName")
    return MarketplaceOrder(
        marketplace=marketplace,
        account_id=account_id,
        order_id=str(row.get("PayNo") or row["OrderNo"]),
        order_line_id=str(row["OrderNo"]),
        product_id=product_id or str(row.get("SiteGoodsNo") or ""),
        seller_product_code=row.get("OutGoodsNo"),
        product_name=row.get("GoodsName") or "",
        option_text=_option_text(row),
        quantity=quantity,
        unit_price=int(row.get("SalePrice") or 0) + int(row.get("OptSelPrice") or 0),
        total_price=int(row.get("AcntMoney") or row.get("OrderAmount") or 0),
        ordered_at=parse(row.get("OrderDate")) or parse(row.get("PayDate")) or EPOCH,
        paid_at=parse(row.get("PayDate")),
        buyer_name=row.get("BuyerName") or "",
        receiver_name=row.get("ReceiverName") or "",
        receiver_phone=row.get("HpNo") or row.get("TelNo") or "",
        receiver_address=row.get("DelFullAddress") or f"{front} {back}".strip(),
        receiver_zip=row.get("ZipCode") or "",
        status=STATUS.get(status, OrderStatus.NEW),
        raw_status=RAW_STATUS.get(status, str(status)),
        buyer_phone=row.get("BuyerMobileTel") or row.get("BuyerTel"),
        receiver_base_address=front,
        receiver_detailed_address=back,
        shipping_fee=int(row.get("ShippingFee") or 0),
        shipping_memo=row.get("DelMemo") or None,
        shipping_due_at=parse(row.get("TransDueDate")),
        courier_code=from_esm_name(courier),
        raw_courier_code=courier,
        tracking_number=row.get("NoSongjang"),
        dispatched_at=parse(row.get("TransDate")),
        raw=row,
    )


def parse_state(row: dict[str, Any]) -> MarketplaceOrderState:
    status = int(row.get("OrderStatus") or 1)
    normal = STATUS.get(status, OrderStatus.NEW)
    claim_type = CLAIM_TYPES.get(int(row.get("ClaimType") or 0))
    claim_status = row.get("ClaimStatus")
    if claim_type is not None:
        done_status, done = CLAIM_DONE[int(row["ClaimType"])]
        if claim_status == done_status:
            normal = done
    return MarketplaceOrderState(
        order_line_id=str(row["OrderNo"]),
        status=normal,
        raw_status=RAW_STATUS.get(status, str(status)),
        acknowledged=status >= 2,
        claim_type=claim_type,
        raw_claim_status=str(claim_status) if claim_status is not None else None,
        courier_code=from_esm_name(row.get("TakbaeName")),
        tracking_number=row.get("NoSongjang"),
        dispatched_at=parse(row.get("TransDate")),
    )
