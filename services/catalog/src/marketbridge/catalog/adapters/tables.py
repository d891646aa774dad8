"""The catalog service's tables: runtime tables, the products read model, the per-day product code
counters (CAT-CODE-1), the projection of published listings (OPT-8) and the Excel import jobs."""

from __future__ import annotations

from marketbridge.runtime.tables import Json, UtcDateTime, runtime_tables
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    false,
    func,
    text,
)

metadata = MetaData()
runtime = runtime_tables(metadata)

products = Table(
    "products",
    metadata,
    Column("tenant_id", String(36), nullable=False),
    Column("product_id", String(36), nullable=False),
    Column("product_code", String(15), nullable=False),
    Column("name", String(200), nullable=False),
    Column("category_id", String(100), nullable=False),
    Column("price", Integer, nullable=False),
    Column("tax_type", String(20), nullable=False),
    Column("manufacturer", String(100), nullable=False),
    Column("brand", String(100), nullable=False),
    Column("status", String(20), nullable=False),
    Column("option_type", String(20), nullable=False),
    Column("options", Json),
    Column("stock", Integer),
    Column("version", Integer, nullable=False),
    # 0002: the complete product master
    Column("seller_product_code", String(10)),
    Column("model_name", String(30)),
    Column("model_no", String(30)),
    Column("total_stock", Integer, nullable=False, server_default="0"),
    Column("deleted", Boolean, nullable=False, server_default=false()),
    Column("deleted_at", UtcDateTime()),
    Column("attributes", Json),
    Column("search_name", String(200), nullable=False, server_default=""),  # lower(name): LIKE beats ILIKE
    Column("created_at", UtcDateTime(), nullable=False, server_default=func.now()),
    Column("updated_at", UtcDateTime(), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("tenant_id", "product_id"),
    Index("ix_products_tenant_name", "tenant_id", "name"),
    Index("ix_products_tenant_created", "tenant_id", "created_at"),
    Index("uq_products_tenant_code", "tenant_id", "product_code", unique=True),
    Index(
        "uq_products_tenant_seller_code",
        "tenant_id",
        "seller_product_code",
        unique=True,
        postgresql_where=text("seller_product_code IS NOT NULL"),
        sqlite_where=text("seller_product_code IS NOT NULL"),
    ),
)

product_code_counters = Table(
    "product_code_counters",
    metadata,
    Column("tenant_id", String(36), nullable=False),
    Column("day", Date, nullable=False),
    Column("serial", Integer, nullable=False),
    PrimaryKeyConstraint("tenant_id", "day"),
)

active_listings = Table(
    "active_listings",
    metadata,
    Column("tenant_id", String(36), nullable=False),
    Column("listing_id", String(36), nullable=False),
    Column("product_id", String(36)),
    Column("published", Boolean, nullable=False),
    PrimaryKeyConstraint("tenant_id", "listing_id"),
    Index("ix_active_listings_product", "tenant_id", "product_id"),
)

import_jobs = Table(
    "import_jobs",
    metadata,
    Column("tenant_id", String(36), nullable=False),
    Column("job_id", String(36), nullable=False),
    Column("kind", String(20), nullable=False),  # register | update
    Column("status", String(20), nullable=False, index=True),  # queued | running | completed | failed
    Column("file_name", String(255), nullable=False),
    Column("actor_id", String(100), nullable=False),
    Column("total_rows", Integer, nullable=False, server_default="0"),
    Column("processed_rows", Integer, nullable=False, server_default="0"),
    Column("succeeded_rows", Integer, nullable=False, server_default="0"),
    Column("failed_rows", Integer, nullable=False, server_default="0"),
    Column("errors", Json),
    Column("message", String(500)),
    Column("created_at", UtcDateTime(), nullable=False, server_default=func.now()),
    Column("finished_at", UtcDateTime()),
    # resuming after a restart: the file until the job ends, whose job it is, and when it last showed life
    Column("file_data", LargeBinary),
    Column("tenant_name", String(200), nullable=False, server_default=""),
    Column("worker_id", String(64)),
    Column("heartbeat_at", UtcDateTime()),
    Column("attempts", Integer, nullable=False, server_default="1"),  # processes that have run the job
    PrimaryKeyConstraint("tenant_id", "job_id"),
)
