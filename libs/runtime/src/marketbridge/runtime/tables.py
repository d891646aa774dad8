"""The runtime's own tables, present in every service's database: events, outbox, inbox."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB

# BIGSERIAL on PostgreSQL; SQLite only auto-increments an INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")
Json = JSON().with_variant(JSONB(), "postgresql")


@dataclass(frozen=True)
class RuntimeTables:
    events: Table
    outbox: Table
    inbox: Table

    def all(self) -> list[Table]:
        return [self.events, self.outbox, self.inbox]


def runtime_tables(metadata: MetaData) -> RuntimeTables:
    """Declare the runtime tables on a service's metadata (its migrations create them)."""
    events = Table(
        "events",
        metadata,
        Column("global_position", BigId, primary_key=True, autoincrement=True),
        Column("stream_id", String(200), nullable=False),
        Column("version", Integer, nullable=False),
        Column("type", String(200), nullable=False),
        Column("data", Json, nullable=False),
        Column("metadata", Json, nullable=False),
        Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        UniqueConstraint("stream_id", "version", name="uq_events_stream_version"),
    )
    outbox = Table(
        "outbox",
        metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("message_id", String(36), nullable=False, unique=True),
        Column("routing_key", String(255), nullable=False),
        Column("body", LargeBinary, nullable=False),
        Column("headers", Json, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    inbox = Table(
        "inbox",
        metadata,
        Column("consumer", String(100), nullable=False),
        Column("message_id", String(36), nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        PrimaryKeyConstraint("consumer", "message_id", name="pk_inbox"),
    )
    return RuntimeTables(events=events, outbox=outbox, inbox=inbox)
