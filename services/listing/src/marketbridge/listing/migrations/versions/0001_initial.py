"""listing: runtime tables, listings read model, product and account projections

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
        "listings",
        sa.Column("listing_id", sa.String(36), primary_key=True),
        sa.Column("tenant_id", sa.String(36), nullable=False, index=True),
        sa.Column("product_id", sa.String(36), nullable=False),
        sa.Column("product_name", sa.String(200), nullable=False),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("marketplace", sa.String(20), nullable=False),
        sa.Column("sale_price", sa.Integer, nullable=False),
        sa.Column("list_price", sa.Integer),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("market_product_id", sa.String(100)),
        sa.Column("last_error_code", sa.String(100)),
        sa.Column("last_error_message", sa.String(1000)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "products",
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("product_id", sa.String(36), nullable=False),
        sa.Column("snapshot", Json, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "product_id"),
    )
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


def downgrade() -> None:
    for name in ("accounts", "products", "listings"):
        op.drop_table(name)
    drop_runtime_tables()
