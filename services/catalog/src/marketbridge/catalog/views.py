"""Read side of the catalog service: SQL-first queries on the products read model, always tenant-scoped."""

from __future__ import annotations

from typing import Any

from marketbridge.catalog.adapters.tables import active_listings, products
from marketbridge.runtime.errors import NotFound
from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncConnection


async def list_products(
    conn: AsyncConnection,
    tenant_id: str,
    *,
    name: str | None,
    product_code: str | None,
    category_id: str | None,
    status: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    where = [products.c.tenant_id == tenant_id]
    if name:
        where.append(products.c.name.icontains(name.strip(), autoescape=True))
    if product_code:
        where.append(products.c.product_code == product_code.strip())
    if category_id:
        where.append(products.c.category_id == category_id)
    if status:
        where.append(products.c.status == status)
    total = await conn.scalar(select(func.count()).select_from(products).where(*where))
    rows = await conn.execute(
        select(products)
        .where(*where)
        .order_by(products.c.created_at.desc(), products.c.product_code.desc())
        .limit(limit)
        .offset(offset)
    )
    return {"total": int(total or 0), "items": [_row(r._mapping) for r in rows]}


async def get_product(conn: AsyncConnection, tenant_id: str, product_id: str) -> dict[str, Any]:
    row = (
        await conn.execute(
            select(products).where(products.c.tenant_id == tenant_id, products.c.product_id == product_id)
        )
    ).first()
    if row is None:
        raise NotFound("PRODUCT_NOT_FOUND", f"상품을 찾을 수 없습니다: {product_id}")
    return _row(row._mapping)


async def has_active_listings(conn: AsyncConnection, tenant_id: str, product_id: str) -> bool:
    """OPT-8: the product has at least one listing published to a marketplace."""
    query = select(
        exists().where(
            active_listings.c.tenant_id == tenant_id,
            active_listings.c.product_id == product_id,
            active_listings.c.published.is_(True),
        )
    )
    return bool(await conn.scalar(query))


def _row(m: Any) -> dict[str, Any]:
    d = dict(m)
    d.pop("tenant_id", None)
    return d
