"""connectors: runtime tables, marketplace accounts, sync log, outbound calls

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op
from marketbridge.runtime.migrations import create_runtime_tables, drop_runtime_tables
from marketbridge.runtime.tables import BigId, Json

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_runtime_tables()
    op.create_table(
        "marketplace_accounts",
        sa.Column("account_id", sa.String(36), primary_key=True),
        sa.Column("tenant_id", sa.String(36), nullable=False, index=True),
        sa.Column("marketplace", sa.String(20), nullable=False),
        sa.Column("seller_id", sa.String(100), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("credentials", sa.LargeBinary, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("key_expires_at", sa.DateTime(timezone=True)),
        sa.Column("auth_failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("needs_attention", sa.String(500)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.UniqueConstraint("tenant_id", "marketplace", "seller_id", name="uq_account_seller"),
    )
    op.create_table(
        "sync_logs",
        sa.Column("log_id", sa.String(36), primary_key=True),
        sa.Column("tenant_id", sa.String(36), nullable=False, index=True),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("marketplace", sa.String(20), nullable=False),
        sa.Column("job", sa.String(50), nullable=False),
        sa.Column("correlation_id", sa.String(64), nullable=False),
        sa.Column("actor_id", sa.String(64)),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("succeeded", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("tenant_id", "account_id", "job", "correlation_id", name="uq_sync_log_job"),
    )
    op.create_table(
        "sync_log_lines",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("log_id", sa.String(36), nullable=False, index=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("item_key", sa.String(200), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("message", sa.String(2000), nullable=False),
        sa.Column("market_code", sa.String(100)),
    )
    op.create_table(
        "outbound_calls",
        sa.Column("marketplace", sa.String(20), nullable=False),
        sa.Column("operation", sa.String(40), nullable=False),
        sa.Column("call_key", sa.String(200), nullable=False),
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("result", Json),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("marketplace", "operation", "call_key"),
    )


def downgrade() -> None:
    for name in ("outbound_calls", "sync_log_lines", "sync_logs", "marketplace_accounts"):
        op.drop_table(name)
    drop_runtime_tables()
