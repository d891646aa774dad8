"""CAT-CODE-1: product codes `yyyyMMdd` + 7-digit serial, allocated per tenant and day in the caller's
transaction. The counter row is incremented with one `INSERT … ON CONFLICT DO UPDATE … RETURNING`, so
concurrent registrations queue on the row lock and never get the same serial."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from marketbridge.catalog.adapters.tables import product_code_counters
from marketbridge.catalog.domain import format_product_code
from marketbridge.catalog.domain.product_code import SERIAL_MAX
from marketbridge.runtime.errors import Conflict
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

KST = timezone(timedelta(hours=9), "KST")  # Korea has no daylight saving time


def today_kst() -> date:
    return datetime.now(UTC).astimezone(KST).date()


async def allocate_product_code(conn: AsyncConnection, tenant_id: str, day: date) -> str:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    counters = product_code_counters
    stmt = (
        dialect.insert(counters)
        .values(tenant_id=tenant_id, day=day, serial=1)
        .on_conflict_do_update(index_elements=["tenant_id", "day"], set_={"serial": counters.c.serial + 1})
        .returning(counters.c.serial)
    )
    serial = int((await conn.execute(stmt)).scalar_one())
    if serial > SERIAL_MAX:
        raise Conflict("PRODUCT_CODE_EXHAUSTED", "오늘 등록할 수 있는 상품 수를 초과했습니다. (CAT-CODE-1)")
    return format_product_code(day, serial)


async def allocate_product_codes(conn: AsyncConnection, tenant_id: str, day: date, count: int) -> list[str]:
    """`count` consecutive codes in one statement (bulk registration)."""
    if count <= 0:
        return []
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    counters = product_code_counters
    stmt = (
        dialect.insert(counters)
        .values(tenant_id=tenant_id, day=day, serial=count)
        .on_conflict_do_update(index_elements=["tenant_id", "day"], set_={"serial": counters.c.serial + count})
        .returning(counters.c.serial)
    )
    last = int((await conn.execute(stmt)).scalar_one())
    if last > SERIAL_MAX:
        raise Conflict("PRODUCT_CODE_EXHAUSTED", "오늘 등록할 수 있는 상품 수를 초과했습니다. (CAT-CODE-1)")
    return [format_product_code(day, serial) for serial in range(last - count + 1, last + 1)]
