"""Mapping between the contract's OrderLine, the domain's RecordCollectedOrder and the orders read model."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marketbridge.contracts import orders as contract
from marketbridge.fulfillment.domain.commands import RecordCollectedOrder
from marketbridge.fulfillment.domain.order import Order
from marketbridge.fulfillment.domain.values import Buyer, OrderPrices, ProductInfo, Receiver


def collected_command(
    tenant_id: str, msg: contract.OrdersCollected, line: contract.OrderLine, order_id: str, now: datetime
) -> RecordCollectedOrder:
    return RecordCollectedOrder(
        order_id=order_id,
        at=now,
        tenant_id=tenant_id,
        marketplace=msg.marketplace,
        account_id=msg.account_id,
        marketplace_order_id=line.market_order_id,
        marketplace_order_line_id=line.market_order_line_id,
        product=ProductInfo(
            name=line.product_name,
            marketplace_product_code=line.market_product_id or line.seller_product_code or "-",
            seller_product_code=line.seller_product_code,
            option_text=line.option_text,
        ),
        quantity=line.quantity,
        prices=OrderPrices(sale_price=line.unit_price, order_amount=line.total_price),
        buyer=Buyer(name=line.buyer_name or ""),
        receiver=Receiver(
            name=line.receiver_name or "",
            phone=line.receiver_phone,
            zip_code=line.receiver_zip,
            address=line.receiver_address or "",
        ),
        ordered_at=line.ordered_at,
    )


def read_model_row(s: Order) -> dict[str, Any]:
    error = s.last_sync_error
    return {
        "order_id": s.order_id,
        "tenant_id": s.tenant_id,
        "marketplace": s.marketplace,
        "account_id": s.account_id,
        "market_order_id": s.marketplace_order_id,
        "market_order_line_id": s.marketplace_order_line_id,
        "product_name": s.product.name,
        "option_text": s.product.option_text,
        "quantity": s.quantity,
        "order_amount": s.prices.order_amount,
        "buyer_name": s.buyer.name,
        "receiver_name": s.receiver.name,
        "ordered_at": s.ordered_at,
        "collected_at": s.collected_at,
        "status": s.status.value,
        "pending_operation": s.pending_sync.operation.value if s.pending_sync else None,
        "planned_dispatch_at": s.planned_dispatch_at,
        "delay_reason": s.delay_reason.value if s.delay_reason else None,
        "acknowledged_at": s.acknowledged_at,
        "carrier": s.invoice.carrier.value if s.invoice else None,
        "tracking_number": s.invoice.tracking_number if s.invoice else None,
        "invoice_sent_at": s.invoice_sent_at,
        "last_error_operation": error.operation.value if error else None,
        "last_error_code": error.code if error else None,
        "last_error_message": error.message if error else None,
        "version": s.version,
    }
