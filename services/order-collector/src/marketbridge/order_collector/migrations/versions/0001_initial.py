"""order-collector: runtime tables, accounts projection, collection runs and status, collected order keys

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op
from marketbridge.runtime.migrations import create_runtime_tables, drop_runtime_tables
from marketbridge.runtime.tables import Json

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_runtime_tables()
    op.create_table(
        "accounts",
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("marketplace", sa.String(20), nullable=False),
        sa.Column("seller_id", sa.String(100), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "account_id"),
    )
    op.create_table(
        "collection_runs",
        sa.Column("run_id", sa.String(36), primary_key=True),
        sa.Column("tenant_id", sa.String(36), nullable=False, index=True),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("marketplace", sa.String(20), nullable=False),
        sa.Column("trigger", sa.String(20), nullable=False),
        sa.Column("requested_by", sa.String(36)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("window_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_to", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("fetched", sa.Integer, nullable=False),
        sa.Column("new", sa.Integer, nullable=False),
        sa.Column("duplicates", sa.Integer, nullable=False),
        sa.Column("failure_code", sa.String(100)),
        sa.Column("failure_reason", sa.String(1000)),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "collection_status",
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("marketplace", sa.String(20), nullable=False),
        sa.Column("snapshot", Json, nullable=False),
        sa.Column("last_window_to", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("tenant_id", "account_id"),
    )
    op.create_table(
        "collected_order_lines",
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("marketplace", sa.String(20), nullable=False),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("market_order_line_id", sa.String(100), nullable=False),
        sa.Column("market_order_id", sa.String(100), nullable=False),
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.Column("collected_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("tenant_id", "marketplace", "account_id", "market_order_line_id"),
    )


def downgrade() -> None:
    for name in ("collected_order_lines", "collection_status", "collection_runs", "accounts"):
        op.drop_table(name)
    drop_runtime_tables()
