"""The order collector's tables: runtime tables, the marketplace-account projection, the collection-run and
per-account status read models, and the de-duplication keys of every order line ever collected."""

from __future__ import annotations

from marketbridge.runtime.tables import Json, UtcDateTime, runtime_tables
from sqlalchemy import Boolean, Column, Integer, MetaData, PrimaryKeyConstraint, String, Table, func

metadata = MetaData()
runtime = runtime_tables(metadata)

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

collection_runs = Table(
    "collection_runs",
    metadata,
    Column("run_id", String(36), primary_key=True),
    Column("tenant_id", String(36), nullable=False, index=True),
    Column("account_id", String(36), nullable=False),
    Column("marketplace", String(20), nullable=False),
    Column("trigger", String(20), nullable=False),
    Column("requested_by", String(36)),
    Column("status", String(20), nullable=False),
    Column("window_from", UtcDateTime(), nullable=False),
    Column("window_to", UtcDateTime(), nullable=False),
    Column("requested_at", UtcDateTime(), nullable=False),
    Column("started_at", UtcDateTime()),
    Column("ended_at", UtcDateTime()),
    Column("pages", Integer, nullable=False),
    Column("fetched", Integer, nullable=False),
    Column("new", Integer, nullable=False),
    Column("duplicates", Integer, nullable=False),
    Column("failure_code", String(100)),
    Column("failure_reason", String(1000)),
    Column("version", Integer, nullable=False),
)

collection_status = Table(
    "collection_status",
    metadata,
    Column("tenant_id", String(36), nullable=False),
    Column("account_id", String(36), nullable=False),
    Column("marketplace", String(20), nullable=False),
    Column("snapshot", Json, nullable=False),  # domain.status.AccountCollectionStatus
    Column("last_window_to", UtcDateTime()),
    PrimaryKeyConstraint("tenant_id", "account_id"),
)

collected_order_lines = Table(
    "collected_order_lines",
    metadata,
    Column("tenant_id", String(36), nullable=False),
    Column("marketplace", String(20), nullable=False),
    Column("account_id", String(36), nullable=False),
    Column("market_order_line_id", String(100), nullable=False),
    Column("market_order_id", String(100), nullable=False),
    Column("run_id", String(36), nullable=False),
    Column("collected_at", UtcDateTime(), nullable=False, server_default=func.now()),
    Column("status", String(30), nullable=False, server_default="new"),
    PrimaryKeyConstraint("tenant_id", "marketplace", "account_id", "market_order_line_id"),
)
