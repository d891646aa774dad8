"""The runtime's own tables, present in every service's database: events, outbox, inbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

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
    TypeDecorator,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect


class UtcDateTime(TypeDecorator[datetime]):
    """Timestamps are stored in UTC and always read back timezone-aware, on PostgreSQL (timestamptz) and on
    SQLite (which keeps no offset: a naive value there means UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass timezone-aware datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


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
        Column("recorded_at", UtcDateTime(), nullable=False, server_default=func.now()),
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
        Column("created_at", UtcDateTime(), nullable=False, server_default=func.now()),
    )
    inbox = Table(
        "inbox",
        metadata,
        Column("consumer", String(100), nullable=False),
        Column("message_id", String(36), nullable=False),
        Column("processed_at", UtcDateTime(), nullable=False, server_default=func.now()),
        PrimaryKeyConstraint("consumer", "message_id", name="pk_inbox"),
    )
    return RuntimeTables(events=events, outbox=outbox, inbox=inbox)
