"""catalog: runtime tables, products read model, product code counters, active listings projection

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
        "products",
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("product_id", sa.String(36), nullable=False),
        sa.Column("product_code", sa.String(15), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("category_id", sa.String(100), nullable=False),
        sa.Column("price", sa.Integer, nullable=False),
        sa.Column("tax_type", sa.String(20), nullable=False),
        sa.Column("manufacturer", sa.String(100), nullable=False),
        sa.Column("brand", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("option_type", sa.String(20), nullable=False),
        sa.Column("options", Json),
        sa.Column("stock", sa.Integer),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("tenant_id", "product_id"),
    )
    op.create_index("ix_products_tenant_name", "products", ["tenant_id", "name"])
    op.create_index("ix_products_tenant_created", "products", ["tenant_id", "created_at"])
    op.create_index("uq_products_tenant_code", "products", ["tenant_id", "product_code"], unique=True)
    op.create_table(
        "product_code_counters",
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("serial", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "day"),
    )
    op.create_table(
        "active_listings",
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("listing_id", sa.String(36), nullable=False),
        sa.Column("product_id", sa.String(36)),
        sa.Column("published", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "listing_id"),
    )
    op.create_index("ix_active_listings_product", "active_listings", ["tenant_id", "product_id"])


def downgrade() -> None:
    for name in ("active_listings", "product_code_counters", "products"):
        op.drop_table(name)
    drop_runtime_tables()
