"""The fulfillment service's tables: runtime tables and the orders read model (one row per marketplace
order line; its unique marketplace key also de-duplicates collected lines)."""

from __future__ import annotations

from marketbridge.runtime.tables import UtcDateTime, runtime_tables
from sqlalchemy import Column, Index, Integer, MetaData, String, Table, UniqueConstraint, func

metadata = MetaData()
runtime = runtime_tables(metadata)

orders = Table(
    "orders",
    metadata,
    Column("order_id", String(36), primary_key=True),
    Column("tenant_id", String(36), nullable=False),
    Column("marketplace", String(20), nullable=False),
    Column("account_id", String(36), nullable=False),
    Column("market_order_id", String(100), nullable=False),
    Column("market_order_line_id", String(100), nullable=False),
    Column("product_name", String(500), nullable=False),
    Column("option_text", String(500)),
    Column("quantity", Integer, nullable=False),
    Column("order_amount", Integer, nullable=False),
    Column("buyer_name", String(100)),
    Column("receiver_name", String(100)),
    Column("ordered_at", UtcDateTime(), nullable=False),
    Column("collected_at", UtcDateTime(), nullable=False),
    Column("status", String(30), nullable=False),
    Column("pending_operation", String(30)),
    Column("planned_dispatch_at", UtcDateTime()),
    Column("delay_reason", String(30)),
    Column("acknowledged_at", UtcDateTime()),
    Column("carrier", String(30)),
    Column("tracking_number", String(50)),
    Column("invoice_sent_at", UtcDateTime()),
    Column("last_error_operation", String(30)),
    Column("last_error_code", String(100)),
    Column("last_error_message", String(1000)),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False, server_default=func.now()),
    UniqueConstraint("tenant_id", "marketplace", "account_id", "market_order_line_id", name="uq_orders_market_line"),
    Index("ix_orders_tenant_status", "tenant_id", "status"),
    Index("ix_orders_tenant_ordered_at", "tenant_id", "ordered_at"),
)
