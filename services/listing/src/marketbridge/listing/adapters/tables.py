"""The listing service's tables: runtime tables, the listings read model and its projections of
products (from catalog events) and marketplace accounts (from connectors events)."""

from __future__ import annotations

from marketbridge.runtime.tables import Json, UtcDateTime, runtime_tables
from sqlalchemy import Boolean, Column, Integer, MetaData, PrimaryKeyConstraint, String, Table, func

metadata = MetaData()
runtime = runtime_tables(metadata)

listings = Table(
    "listings",
    metadata,
    Column("listing_id", String(36), primary_key=True),
    Column("tenant_id", String(36), nullable=False, index=True),
    Column("product_id", String(36), nullable=False),
    Column("product_name", String(200), nullable=False),
    Column("account_id", String(36), nullable=False),
    Column("marketplace", String(20), nullable=False),
    Column("sale_price", Integer, nullable=False),
    Column("list_price", Integer),
    Column("status", String(30), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("market_product_id", String(100)),
    Column("last_error_code", String(100)),
    Column("last_error_message", String(1000)),
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False, server_default=func.now()),
    Column("updated_at", UtcDateTime(), nullable=False, server_default=func.now()),
)

products = Table(
    "products",
    metadata,
    Column("tenant_id", String(36), nullable=False),
    Column("product_id", String(36), nullable=False),
    Column("snapshot", Json, nullable=False),
    PrimaryKeyConstraint("tenant_id", "product_id"),
)

accounts = Table(
    "accounts",
    metadata,
    Column("tenant_id", String(36), nullable=False),
    Column("account_id", String(36), nullable=False),
    Column("marketplace", String(20), nullable=False),
    Column("seller_id", String(100), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    PrimaryKeyConstraint("tenant_id", "account_id"),
)
