"""상품조회: SQL-first queries on the products read model, always tenant-scoped."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from marketbridge.catalog.adapters.product_codes import KST
from marketbridge.catalog.adapters.tables import active_listings, products
from marketbridge.catalog.domain import Reference
from marketbridge.runtime.db import Database
from marketbridge.runtime.errors import NotFound
from sqlalchemy import ColumnElement, exists, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

COUNT_CAP = 1_000  # totals above this are reported as "1,000+": counting a whole large catalog costs too much
SortKey = Literal["created_at", "updated_at", "name", "price", "product_code", "total_stock"]
# the list (상품조회) shows each product in one line; options and the other fields come with the detail
LIST_COLUMNS = [c for c in products.c if c.name not in ("tenant_id", "attributes", "search_name", "options")]


@dataclass(frozen=True)
class ProductQuery:
    name: str | None = None
    product_code: str | None = None
    seller_product_code: str | None = None
    model: str | None = None
    category_id: str | None = None  # a category and everything below it
    status: str | None = None
    stock_state: Literal["in_stock", "sold_out"] | None = None
    date_field: Literal["created_at", "updated_at"] = "created_at"
    date_from: date | None = None  # inclusive, Korean calendar days
    date_to: date | None = None
    deleted: bool = False  # True: the 상품복원 list
    sort: SortKey = "created_at"
    order: Literal["asc", "desc"] = "desc"
    limit: int = 50
    offset: int = 0
    exact_total: bool = False  # count every match instead of stopping at COUNT_CAP (slower on large results)


def _where(tenant_id: str, q: ProductQuery) -> list[ColumnElement[bool]]:
    c = products.c
    where = [c.tenant_id == tenant_id, c.deleted.is_(q.deleted)]
    if q.name:
        where.append(c.search_name.contains(q.name.strip().lower(), autoescape=True))
    if q.product_code:
        where.append(c.product_code == q.product_code.strip())
    if q.seller_product_code:
        where.append(c.seller_product_code == q.seller_product_code.strip())
    if q.model:
        m = q.model.strip()
        where.append(c.model_name.icontains(m, autoescape=True) | (c.model_no == m))
    if q.category_id:
        where.append(c.category_id.startswith(q.category_id.strip(), autoescape=True))  # ids are hierarchical
    if q.status:
        where.append(c.status == q.status)
    if q.stock_state == "in_stock":
        where.append(c.total_stock > 0)
    elif q.stock_state == "sold_out":
        where.append(c.total_stock <= 0)
    column = c.created_at if q.date_field == "created_at" else c.updated_at
    if q.date_from:
        where.append(column >= datetime.combine(q.date_from, time(), KST))
    if q.date_to:
        where.append(column < datetime.combine(q.date_to + timedelta(days=1), time(), KST))
    return where


async def search_products(conn: AsyncConnection, tenant_id: str, q: ProductQuery) -> dict[str, Any]:
    """`total` is exact up to COUNT_CAP; `total_capped` says there are more."""
    total = await count_products(conn, tenant_id, q)
    return _page(total, await page_products(conn, tenant_id, q), q.exact_total)


async def search_products_in(db: Database, tenant_id: str, q: ProductQuery) -> dict[str, Any]:
    """The same, counting and fetching the page at once on two connections (상품조회 latency)."""

    async def count() -> int:
        async with db.read() as conn:
            return await count_products(conn, tenant_id, q)

    async def page() -> list[dict[str, Any]]:
        async with db.read() as conn:
            return await page_products(conn, tenant_id, q)

    total, items = await asyncio.gather(count(), page())
    return _page(total, items, q.exact_total)


def _page(total: int, items: list[dict[str, Any]], exact: bool = False) -> dict[str, Any]:
    if exact:
        return {"total": total, "total_capped": False, "items": items}
    return {"total": min(total, COUNT_CAP), "total_capped": total > COUNT_CAP, "items": items}


async def _custom_plans(conn: AsyncConnection, q: ProductQuery) -> None:
    """A generic plan cannot see the name pattern and picks the trigram index even for two-letter words
    (`무지`), which have no trigram: the whole index is read. Plan each name search for its pattern."""
    if q.name and conn.dialect.name == "postgresql":
        await conn.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


async def count_products(conn: AsyncConnection, tenant_id: str, q: ProductQuery) -> int:
    await _custom_plans(conn, q)
    matching = select(products.c.product_id).where(*_where(tenant_id, q))
    if not q.exact_total:
        matching = matching.limit(COUNT_CAP + 1)
    return int(await conn.scalar(select(func.count()).select_from(matching.subquery())) or 0)


async def page_products(conn: AsyncConnection, tenant_id: str, q: ProductQuery) -> list[dict[str, Any]]:
    await _custom_plans(conn, q)
    sort = products.c[q.sort]
    order = [sort.asc() if q.order == "asc" else sort.desc()]
    if q.sort != "product_code":
        order.append(products.c.product_code.asc() if q.order == "asc" else products.c.product_code.desc())
    query = select(*LIST_COLUMNS).where(*_where(tenant_id, q)).order_by(*order).limit(q.limit).offset(q.offset)
    return [dict(r._mapping) for r in await conn.execute(query)]


async def get_product(
    conn: AsyncConnection, tenant_id: str, product_id: str, reference: Reference, *, include_deleted: bool = False
) -> dict[str, Any]:
    """상품 상세: every field, the category path, and whether a listing is on sale."""
    where = [products.c.tenant_id == tenant_id, products.c.product_id == product_id]
    if not include_deleted:
        where.append(products.c.deleted.is_(False))
    row = (await conn.execute(select(products).where(*where))).first()
    if row is None:
        raise NotFound("PRODUCT_NOT_FOUND", f"상품을 찾을 수 없습니다: {product_id}")
    d = dict(row._mapping)
    d.pop("tenant_id", None)
    d.pop("search_name", None)
    d |= d.pop("attributes", None) or {}
    category = reference.category(d["category_id"])
    d["category_path"] = category.label if category is not None else None
    return d


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


async def products_on_sale(conn: AsyncConnection, tenant_id: str, product_ids: list[str]) -> set[str]:
    """OPT-8 for a batch (bulk edit)."""
    t = active_listings.c
    query = select(t.product_id).where(t.tenant_id == tenant_id, t.product_id.in_(product_ids), t.published.is_(True))
    return {r[0] for r in await conn.execute(query)}


async def seller_code_owner(conn: AsyncConnection, tenant_id: str, code: str) -> str | None:
    """CAT-CODE-2 `중복체크`: the product holding own product code `code`, deleted ones included."""
    query = select(products.c.product_id).where(
        products.c.tenant_id == tenant_id, products.c.seller_product_code == code.strip()
    )
    found = await conn.scalar(query)
    return str(found) if found is not None else None
