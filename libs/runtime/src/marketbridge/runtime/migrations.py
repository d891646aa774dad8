"""Alembic, one history per service. Services keep their history in `<package>/migrations` and call
`await upgrade(db, script_location)` at start (or `python -m marketbridge.<svc> migrate`)."""

from __future__ import annotations

import asyncio
import zlib
from typing import Any

import sqlalchemy as sa
from alembic import command, context, op
from alembic.config import Config
from marketbridge.runtime.db import Database
from marketbridge.runtime.tables import BigId, Json
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine


def alembic_config(script_location: str, url: str, schema: str | None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", script_location)
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["schema"] = schema
    return cfg


async def upgrade(db: Database, script_location: str, revision: str = "head") -> None:
    cfg = alembic_config(script_location, db.url, None if db.is_sqlite else db.schema)
    await asyncio.to_thread(command.upgrade, cfg, revision)


def run_env(target_metadata: MetaData) -> None:
    """Body of every service's migrations/env.py (online mode; runs in a worker thread of its own)."""
    cfg = context.config
    url = cfg.get_main_option("sqlalchemy.url") or ""
    schema: str | None = cfg.attributes.get("schema")
    connect_args: dict[str, Any] = {"server_settings": {"search_path": schema}} if schema else {}

    def migrate(conn: Connection) -> None:
        if conn.dialect.name == "postgresql" and schema:
            # Several processes of one service (API, workers) may start together: one migrates at a time.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": zlib.crc32(f"migrate:{schema}".encode())})
            conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        context.configure(
            connection=conn,
            target_metadata=target_metadata,
            version_table_schema=schema,
            render_as_batch=conn.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool, connect_args=connect_args)
        async with engine.connect() as conn:
            await conn.run_sync(migrate)
            await conn.commit()
        await engine.dispose()

    asyncio.run(run())


def create_runtime_tables() -> None:
    """The first migration of every service creates the runtime's events, outbox and inbox tables."""
    op.create_table(
        "events",
        sa.Column("global_position", BigId, primary_key=True, autoincrement=True),
        sa.Column("stream_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("type", sa.String(200), nullable=False),
        sa.Column("data", Json, nullable=False),
        sa.Column("metadata", Json, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.UniqueConstraint("stream_id", "version", name="uq_events_stream_version"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(36), nullable=False, unique=True),
        sa.Column("routing_key", sa.String(255), nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("headers", Json, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "inbox",
        sa.Column("consumer", sa.String(100), nullable=False),
        sa.Column("message_id", sa.String(36), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("consumer", "message_id", name="pk_inbox"),
    )


def drop_runtime_tables() -> None:
    for name in ("inbox", "outbox", "events"):
        op.drop_table(name)
