"""fulfillment: runtime tables and the orders read model

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op
from marketbridge.runtime.migrations import create_runtime_tables, drop_runtime_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_runtime_tables()
    op.create_table(
        "orders",
        sa.Column("order_id", sa.String(36), primary_key=True),
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("marketplace", sa.String(20), nullable=False),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("market_order_id", sa.String(100), nullable=False),
        sa.Column("market_order_line_id", sa.String(100), nullable=False),
        sa.Column("product_name", sa.String(500), nullable=False),
        sa.Column("option_text", sa.String(500)),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("order_amount", sa.Integer, nullable=False),
        sa.Column("buyer_name", sa.String(100)),
        sa.Column("receiver_name", sa.String(100)),
        sa.Column("ordered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("collected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("pending_operation", sa.String(30)),
        sa.Column("planned_dispatch_at", sa.DateTime(timezone=True)),
        sa.Column("delay_reason", sa.String(30)),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
        sa.Column("carrier", sa.String(30)),
        sa.Column("tracking_number", sa.String(50)),
        sa.Column("invoice_sent_at", sa.DateTime(timezone=True)),
        sa.Column("last_error_operation", sa.String(30)),
        sa.Column("last_error_code", sa.String(100)),
        sa.Column("last_error_message", sa.String(1000)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.UniqueConstraint(
            "tenant_id", "marketplace", "account_id", "market_order_line_id", name="uq_orders_market_line"
        ),
    )
    op.create_index("ix_orders_tenant_status", "orders", ["tenant_id", "status"])
    op.create_index("ix_orders_tenant_ordered_at", "orders", ["tenant_id", "ordered_at"])


def downgrade() -> None:
    op.drop_table("orders")
    drop_runtime_tables()
