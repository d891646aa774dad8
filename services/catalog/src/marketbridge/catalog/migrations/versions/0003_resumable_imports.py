"""catalog: Excel import jobs resume after a restart — the uploaded file, the seller's company name, a
lease (worker id + heartbeat) and how many processes have run it are kept on the job

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_jobs") as batch:
        batch.add_column(sa.Column("file_data", sa.LargeBinary))
        batch.add_column(sa.Column("tenant_name", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("worker_id", sa.String(64)))
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("attempts", sa.Integer, nullable=False, server_default="1"))
    op.create_index("ix_import_jobs_status", "import_jobs", ["status"])


def downgrade() -> None:
    op.drop_index("ix_import_jobs_status", "import_jobs")
    with op.batch_alter_table("import_jobs") as batch:
        for name in ("attempts", "heartbeat_at", "worker_id", "tenant_name", "file_data"):
            batch.drop_column(name)
