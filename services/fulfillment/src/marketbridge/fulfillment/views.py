"""Read side of the fulfillment service: SQL-first queries on the orders read model, always tenant-scoped;
an order's detail adds its history from the event stream."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marketbridge.fulfillment.adapters.tables import orders
from marketbridge.fulfillment.domain.order import stream_id
from marketbridge.fulfillment.domain.rules import order_not_found
from marketbridge.fulfillment.domain.values import OrderStatus
from marketbridge.runtime.eventstore import EventStore
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection


async def list_orders(
    conn: AsyncConnection,
    tenant_id: str,
    *,
    status: str | None,
    marketplace: str | None,
    account_id: str | None,
    ordered_from: datetime | None,
    ordered_to: datetime | None,
    q: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    where = [orders.c.tenant_id == tenant_id]
    if status:
        where.append(orders.c.status == status)
    if marketplace:
        where.append(orders.c.marketplace == marketplace)
    if account_id:
        where.append(orders.c.account_id == account_id)
    if ordered_from:
        where.append(orders.c.ordered_at >= ordered_from)
    if ordered_to:
        where.append(orders.c.ordered_at <= ordered_to)
    if q:
        term = q.strip()
        where.append(
            or_(orders.c.market_order_id == term, orders.c.order_id == term, orders.c.market_order_line_id == term)
        )
    total = await conn.scalar(select(func.count()).select_from(orders).where(*where))
    rows = await conn.execute(
        select(orders).where(*where).order_by(orders.c.ordered_at.desc(), orders.c.order_id).limit(limit).offset(offset)
    )
    return {"total": int(total or 0), "items": [_row(r._mapping) for r in rows]}


async def get_order(conn: AsyncConnection, store: EventStore, tenant_id: str, order_id: str) -> dict[str, Any]:
    row = (
        await conn.execute(select(orders).where(orders.c.tenant_id == tenant_id, orders.c.order_id == order_id))
    ).first()
    if row is None:
        raise order_not_found(order_id)
    history = [
        {
            "version": e.version,
            "type": e.type,
            "at": e.data.get("at"),
            "actor_id": e.data.get("actor_id"),
            "recorded_at": e.recorded_at,
            "data": {k: v for k, v in e.data.items() if k not in ("order_id", "type", "at", "actor_id")},
        }
        for e in await store.read(conn, stream_id(order_id))
    ]
    return _row(row._mapping) | {"history": history}


async def count_by_status(conn: AsyncConnection, tenant_id: str) -> dict[str, Any]:
    """UI-3: how many orders are in each status (every status listed, zero included)."""
    rows = await conn.execute(
        select(orders.c.status, func.count()).where(orders.c.tenant_id == tenant_id).group_by(orders.c.status)
    )
    counts = {s.value: 0 for s in OrderStatus} | {status: int(n) for status, n in rows}
    return {"counts": counts, "total": sum(counts.values())}


def _row(m: Any) -> dict[str, Any]:
    d = dict(m)
    d.pop("tenant_id", None)
    d["status_label"] = OrderStatus(d["status"]).label
    return d
