"""Tables of the connectors service: marketplace accounts (secrets sealed), the sync log users read,
and outbound calls (the idempotency record of every non-transactional call to a marketplace)."""

from __future__ import annotations

from marketbridge.runtime.tables import BigId, Json, UtcDateTime, runtime_tables
from sqlalchemy import (
    Boolean,
    Column,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    func,
)

metadata = MetaData()
runtime = runtime_tables(metadata)

accounts = Table(
    "marketplace_accounts",
    metadata,
    Column("account_id", String(36), primary_key=True),
    Column("tenant_id", String(36), nullable=False, index=True),
    Column("marketplace", String(20), nullable=False),
    Column("seller_id", String(100), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("credentials", LargeBinary, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("key_expires_at", UtcDateTime()),
    Column("auth_failures", Integer, nullable=False, server_default="0"),
    Column("needs_attention", String(500)),
    Column("created_at", UtcDateTime(), nullable=False, server_default=func.now()),
    UniqueConstraint("tenant_id", "marketplace", "seller_id", name="uq_account_seller"),
)

sync_logs = Table(
    "sync_logs",
    metadata,
    Column("log_id", String(36), primary_key=True),
    Column("tenant_id", String(36), nullable=False, index=True),
    Column("account_id", String(36), nullable=False),
    Column("marketplace", String(20), nullable=False),
    Column("job", String(50), nullable=False),
    Column("correlation_id", String(64), nullable=False),
    Column("actor_id", String(64)),
    Column("started_at", UtcDateTime(), nullable=False),
    Column("finished_at", UtcDateTime()),
    Column("succeeded", Integer, nullable=False, server_default="0"),
    Column("failed", Integer, nullable=False, server_default="0"),
    UniqueConstraint("tenant_id", "account_id", "job", "correlation_id", name="uq_sync_log_job"),
)

sync_log_lines = Table(
    "sync_log_lines",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("log_id", String(36), nullable=False, index=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("item_key", String(200), nullable=False),
    Column("outcome", String(10), nullable=False),  # start | success | failure | end
    Column("message", String(2000), nullable=False),
    Column("market_code", String(100)),
)

outbound_calls = Table(
    "outbound_calls",
    metadata,
    Column("marketplace", String(20), nullable=False),
    Column("operation", String(40), nullable=False),
    Column("call_key", String(200), nullable=False),
    Column("tenant_id", String(36), nullable=False),
    Column("state", String(12), nullable=False),  # pending | succeeded | failed
    Column("attempts", Integer, nullable=False),
    Column("result", Json),
    Column("updated_at", UtcDateTime(), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("marketplace", "operation", "call_key"),
)


# GS SHOP's pushed orders (migration 0002); the table is declared with the gsshop store itself
from marketbridge.connectors.gsshop.sql_store import pushed_orders as _pushed  # noqa: E402

gsshop_pushed_orders = _pushed.to_metadata(metadata)
