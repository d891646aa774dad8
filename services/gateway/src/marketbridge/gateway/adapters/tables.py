"""The gateway's tables (created by its Alembic history, never by create_all)."""

from __future__ import annotations

from marketbridge.runtime.tables import UtcDateTime, runtime_tables
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
)

metadata = MetaData()
runtime = runtime_tables(metadata)

tenants = Table(
    "tenants",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("contact_phone", String(20), nullable=True),
    Column("address", String(300), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("tenant_id", String(36), ForeignKey("tenants.id", name="fk_users_tenant"), nullable=False),
    Column("email", String(254), nullable=False),
    Column("display_name", String(50), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(16), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("password_changed_at", UtcDateTime(), nullable=False),
    Column("last_login_at", UtcDateTime(), nullable=True),
    CheckConstraint("role IN ('owner', 'manager', 'operator', 'viewer')", name="ck_users_role"),
    Index("uq_users_email", "email", unique=True),
    Index("ix_users_tenant", "tenant_id"),
)
