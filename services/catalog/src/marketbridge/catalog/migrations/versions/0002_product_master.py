"""catalog: the complete product master — own code, model, stock total, soft delete, attributes; search
indexes; Excel import jobs

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
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("seller_product_code", sa.String(10)))
        batch.add_column(sa.Column("model_name", sa.String(30)))
        batch.add_column(sa.Column("model_no", sa.String(30)))
        batch.add_column(sa.Column("total_stock", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("attributes", Json))
        batch.add_column(sa.Column("search_name", sa.String(200), nullable=False, server_default=""))
    op.execute("UPDATE products SET total_stock = COALESCE(stock, 0), search_name = lower(name)")
    where = sa.text("seller_product_code IS NOT NULL")
    op.create_index(
        "uq_products_tenant_seller_code",
        "products",
        ["tenant_id", "seller_product_code"],
        unique=True,
        postgresql_where=where,
        sqlite_where=where,
    )
    # 상품조회 by name: LIKE on a lower-cased copy (ILIKE folds case per row, 2-3× slower on Hangul)
    # 상품조회 sorted by price or by last change (the 상품복원 list) without sorting the whole catalog
    op.create_index("ix_products_tenant_price", "products", ["tenant_id", "price", "product_code"])
    op.create_index("ix_products_tenant_updated", "products", ["tenant_id", "updated_at"])
    if op.get_bind().dialect.name == "postgresql":
        # 상품조회: substring search on names (pg_trgm lives in public so every schema's search_path finds it),
        # category subtree search by id prefix (ids are hierarchical).
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        op.execute("CREATE INDEX ix_products_name_trgm ON products USING gin (search_name public.gin_trgm_ops)")
        op.execute("CREATE INDEX ix_products_tenant_category ON products (tenant_id, category_id varchar_pattern_ops)")
    else:
        op.create_index("ix_products_tenant_category", "products", ["tenant_id", "category_id"])
    op.create_table(
        "import_jobs",
        sa.Column("tenant_id", sa.String(36), nullable=False),
        sa.Column("job_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("actor_id", sa.String(100), nullable=False),
        sa.Column("total_rows", sa.Integer, nullable=False, server_default="0"),
        sa.Column("processed_rows", sa.Integer, nullable=False, server_default="0"),
        sa.Column("succeeded_rows", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed_rows", sa.Integer, nullable=False, server_default="0"),
        sa.Column("errors", Json),
        sa.Column("message", sa.String(500)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("tenant_id", "job_id"),
    )


def downgrade() -> None:
    op.drop_table("import_jobs")
    op.drop_index("ix_products_tenant_category", "products")
    op.drop_index("ix_products_tenant_updated", "products")
    op.drop_index("ix_products_tenant_price", "products")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_products_name_trgm", "products")
    op.drop_index("uq_products_tenant_seller_code", "products")
    with op.batch_alter_table("products") as batch:
        for name in ("search_name", "attributes", "deleted_at", "deleted", "total_stock", "model_no", "model_name"):
            batch.drop_column(name)
        batch.drop_column("seller_product_code")
