"""The state of one Order aggregate: one marketplace order line, the unit every marketplace acts on."""

from __future__ import annotations

from datetime import datetime

from marketbridge.fulfillment.domain.values import (
    Buyer,
    DelayReason,
    Invoice,
    OrderPrices,
    OrderStatus,
    PendingSync,
    ProductInfo,
    Receiver,
    SyncError,
    SyncOperation,
)
from pydantic import BaseModel, ConfigDict


class Order(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    tenant_id: str
    order_id: str
    marketplace: str
    account_id: str
    marketplace_order_id: str
    marketplace_order_line_id: str
    marketplace_order_sub_id: str | None = None
    product: ProductInfo
    quantity: int
    prices: OrderPrices
    buyer: Buyer
    receiver: Receiver
    ordered_at: datetime
    collected_at: datetime
    status: OrderStatus = OrderStatus.NEW
    pending_sync: PendingSync | None = None  # at most one marketplace call in flight per order line
    sync_attempts: int = 0  # numbers the outbound requests: request ids stay unique and deterministic
    planned_dispatch_at: datetime | None = None
    delay_reason: DelayReason | None = None
    delay_detail: str | None = None
    acknowledged_at: datetime | None = None
    invoice: Invoice | None = None
    invoice_registered_at: datetime | None = None
    invoice_sent_at: datetime | None = None
    cancelled_at: datetime | None = None
    completed_at: datetime | None = None
    last_sync_error: SyncError | None = None
    version: int = 0  # number of events applied (the stream version)

    def is_pending(self, operation: SyncOperation) -> bool:
        return self.pending_sync is not None and self.pending_sync.operation is operation

    def next_request_id(self, operation: SyncOperation) -> str:
        return f"{self.order_id}:{operation.value.lower()}:{self.sync_attempts + 1}"
