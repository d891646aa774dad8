"""order-collector: remember each collected line's last marketplace status (ORD-COL-6)

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("collected_order_lines", sa.Column("status", sa.String(30), nullable=False, server_default="new"))


def downgrade() -> None:
    with op.batch_alter_table("collected_order_lines") as batch:
        batch.drop_column("status")
