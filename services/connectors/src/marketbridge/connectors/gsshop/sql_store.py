"""`PushedOrderStore` on the connectors service's database (PostgreSQL or SQLite) with SQLAlchemy Core.

The table is declared on its own MetaData: the connectors service adds it to its Alembic history (this
package ships no migration) — same columns as below; then installs the store at start-up:

    from marketbridge.connectors.gsshop import store
    store.configure(SqlPushedOrderStore(database))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from marketbridge.runtime.db import Database
from marketbridge.runtime.tables import Json, UtcDateTime
from sqlalchemy import Column, Index, MetaData, PrimaryKeyConstraint, String, Table, and_, or_, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

metadata = MetaData()
pushed_orders = Table(
    "gsshop_pushed_orders",
    metadata,
    Column("sup_cd", String(20), nullable=False),
    Column("ord_type_cd", String(1), nullable=False),
    Column("ord_no", String(20), nullable=False),
    Column("ord_item_no", String(20), nullable=False),
    Column("sd_dt", String(8), nullable=False),
    Column("payload", Json, nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("sup_cd", "ord_type_cd", "ord_no", "ord_item_no", name="pk_gsshop_pushed_orders"),
    Index("ix_gsshop_pushed_orders_day", "sup_cd", "sd_dt"),
    Index("ix_gsshop_pushed_orders_line", "sup_cd", "ord_no", "ord_item_no"),
)
UPSERT_BATCH = 500


def _payload(row: Mapping[str, Any], sd_dt: str, received_at: datetime) -> dict[str, Any]:
    return {**row, "sdDt": sd_dt, "receivedAt": received_at.isoformat()}


class SqlPushedOrderStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def save(self, sup_cd: str, sd_dt: str, rows: Sequence[Mapping[str, Any]], received_at: datetime) -> int:
        values = [
            {
                "sup_cd": sup_cd,
                "ord_type_cd": str(r.get("ordTypeCd", "")),
                "ord_no": str(r.get("ordNo", "")),
                "ord_item_no": str(r.get("ordItemNo", "")),
                "sd_dt": sd_dt,
                "payload": _payload(r, sd_dt, received_at),
                "received_at": received_at,
            }
            for r in rows
        ]
        insert = sqlite_insert if self.db.is_sqlite else pg_insert
        async with self.db.transaction() as conn:
            for start in range(0, len(values), UPSERT_BATCH):
                stmt = insert(pushed_orders).values(values[start : start + UPSERT_BATCH])
                stmt = stmt.on_conflict_do_update(
                    index_elements=["sup_cd", "ord_type_cd", "ord_no", "ord_item_no"],
                    set_={
                        "sd_dt": stmt.excluded.sd_dt,
                        "payload": stmt.excluded.payload,
                        "received_at": stmt.excluded.received_at,
                    },
                )
                await conn.execute(stmt)
        return len(values)

    async def rows_for_day(self, sup_cd: str, sd_dt: str) -> list[dict[str, Any]]:
        query = (
            select(pushed_orders.c.payload)
            .where(and_(pushed_orders.c.sup_cd == sup_cd, pushed_orders.c.sd_dt == sd_dt))
            .order_by(pushed_orders.c.received_at, pushed_orders.c.ord_no, pushed_orders.c.ord_item_no)
        )
        async with self.db.read() as conn:
            return [dict(row.payload) for row in await conn.execute(query)]

    async def rows_for_lines(self, sup_cd: str, line_ids: Sequence[str]) -> list[dict[str, Any]]:
        keys = [tuple(i.split(":", 1)) for i in dict.fromkeys(line_ids) if ":" in i]
        if not keys:
            return []
        if self.db.is_sqlite:
            match = or_(*(and_(pushed_orders.c.ord_no == o, pushed_orders.c.ord_item_no == i) for o, i in keys))
        else:
            match = tuple_(pushed_orders.c.ord_no, pushed_orders.c.ord_item_no).in_(keys)
        query = (
            select(pushed_orders.c.payload)
            .where(and_(pushed_orders.c.sup_cd == sup_cd, match))
            .order_by(pushed_orders.c.received_at)
        )
        async with self.db.read() as conn:
            return [dict(row.payload) for row in await conn.execute(query)]
