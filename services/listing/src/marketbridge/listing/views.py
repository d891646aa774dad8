"""Read side of the listing service: SQL-first queries on the listings read model, always tenant-scoped."""

from __future__ import annotations

from typing import Any

from marketbridge.listing.adapters.tables import listings
from marketbridge.runtime.errors import NotFound
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection


async def list_listings(
    conn: AsyncConnection,
    tenant_id: str,
    *,
    product_id: str | None,
    marketplace: str | None,
    status: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    where = [listings.c.tenant_id == tenant_id]
    if product_id:
        where.append(listings.c.product_id == product_id)
    if marketplace:
        where.append(listings.c.marketplace == marketplace)
    if status:
        where.append(listings.c.status == status)
    total = await conn.scalar(select(func.count()).select_from(listings).where(*where))
    rows = await conn.execute(
        select(listings)
        .where(*where)
        .order_by(listings.c.created_at.desc(), listings.c.listing_id)
        .limit(limit)
        .offset(offset)
    )
    return {"total": int(total or 0), "items": [_row(r._mapping) for r in rows]}


async def get_listing(conn: AsyncConnection, tenant_id: str, listing_id: str) -> dict[str, Any]:
    row = (
        await conn.execute(
            select(listings).where(listings.c.tenant_id == tenant_id, listings.c.listing_id == listing_id)
        )
    ).first()
    if row is None:
        raise NotFound("LISTING_NOT_FOUND", "판매정보를 찾을 수 없습니다.")
    return _row(row._mapping)


def _row(m: Any) -> dict[str, Any]:
    d = dict(m)
    d.pop("tenant_id", None)
    return d
