"""connectors: orders GS SHOP pushes to our receiver, kept until the gsshop worker reads them

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op
from marketbridge.runtime.tables import Json

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gsshop_pushed_orders",
        sa.Column("sup_cd", sa.String(20), nullable=False),
        sa.Column("ord_type_cd", sa.String(1), nullable=False),
        sa.Column("ord_no", sa.String(20), nullable=False),
        sa.Column("ord_item_no", sa.String(20), nullable=False),
        sa.Column("sd_dt", sa.String(8), nullable=False),
        sa.Column("payload", Json, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sup_cd", "ord_type_cd", "ord_no", "ord_item_no", name="pk_gsshop_pushed_orders"),
    )
    op.create_index("ix_gsshop_pushed_orders_day", "gsshop_pushed_orders", ["sup_cd", "sd_dt"])
    op.create_index("ix_gsshop_pushed_orders_line", "gsshop_pushed_orders", ["sup_cd", "ord_no", "ord_item_no"])


def downgrade() -> None:
    op.drop_table("gsshop_pushed_orders")
