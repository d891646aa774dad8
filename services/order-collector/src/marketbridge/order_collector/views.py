"""Read side of the order collector: collection runs and the collection status per account (ORD-COL-5),
always tenant-scoped."""

from __future__ import annotations

from typing import Any

from marketbridge.order_collector.adapters.tables import accounts, collection_runs, collection_status
from marketbridge.order_collector.domain.run_messages import RunStatus
from marketbridge.order_collector.domain.status import AccountCollectionStatus
from marketbridge.runtime.errors import NotFound
from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncConnection


async def list_runs(
    conn: AsyncConnection, tenant_id: str, *, account_id: str | None, limit: int, offset: int
) -> dict[str, Any]:
    where = [collection_runs.c.tenant_id == tenant_id]
    if account_id:
        where.append(collection_runs.c.account_id == account_id)
    total = await conn.scalar(select(func.count()).select_from(collection_runs).where(*where))
    rows = await conn.execute(
        select(collection_runs)
        .where(*where)
        .order_by(collection_runs.c.requested_at.desc(), collection_runs.c.run_id)
        .limit(limit)
        .offset(offset)
    )
    return {"total": int(total or 0), "items": [_run(r._mapping) for r in rows]}


async def get_run(conn: AsyncConnection, tenant_id: str, run_id: str) -> dict[str, Any]:
    row = (
        await conn.execute(
            select(collection_runs).where(collection_runs.c.tenant_id == tenant_id, collection_runs.c.run_id == run_id)
        )
    ).first()
    if row is None:
        raise NotFound("COLLECTION_RUN_NOT_FOUND", "수집 작업을 찾을 수 없습니다.")
    return _run(row._mapping)


async def collection_status_of(conn: AsyncConnection, tenant_id: str) -> dict[str, Any]:
    """ORD-COL-5: per account, 최종수집일 and 성공/실패 for 신규주문 and 배송완료, with the counts."""
    rows = await conn.execute(
        select(accounts, collection_status.c.snapshot)
        .select_from(
            accounts.outerjoin(
                collection_status,
                and_(
                    collection_status.c.tenant_id == accounts.c.tenant_id,
                    collection_status.c.account_id == accounts.c.account_id,
                ),
            )
        )
        .where(accounts.c.tenant_id == tenant_id)
        .order_by(accounts.c.marketplace, accounts.c.account_id)
    )
    return {"items": [_account_status(r) for r in rows]}


def _account_status(r: Any) -> dict[str, Any]:
    status = AccountCollectionStatus.model_validate(r.snapshot) if r.snapshot else None
    kinds = {
        kind.value: {
            "label": kind.label,
            "last_run_id": k.last_run_id,
            "last_collected_at": k.last_collected_at,
            "collected_at_text": k.collected_at_text,
            "status": k.last_status.value,
            "status_label": k.status_label,
            "fetched": k.fetched,
            "new": k.new,
            "duplicates": k.duplicates,
            "last_failure_reason": k.last_failure_reason,
            "guidance": k.guidance,
        }
        for kind, k in (status.kinds.items() if status else [])
    }
    latest = max(status.kinds.values(), key=lambda k: k.last_collected_at) if status and status.kinds else None
    return {
        "account_id": r.account_id,
        "marketplace": r.marketplace,
        "display_name": r.display_name,
        "active": r.active,
        "last_started_at": status.last_started_at if status else None,
        "in_flight_run_id": status.in_flight_run_id if status else None,
        "last_collected_at": latest.last_collected_at if latest else None,
        "status": latest.last_status.value if latest else None,
        "status_label": latest.status_label if latest else None,
        "fetched": latest.fetched if latest else 0,
        "new": latest.new if latest else 0,
        "duplicates": latest.duplicates if latest else 0,
        "failure_reason": latest.last_failure_reason if latest and latest.last_status is RunStatus.FAILED else None,
        "guidance": latest.guidance if latest else None,
        "kinds": kinds,
    }


def _run(m: Any) -> dict[str, Any]:
    d = dict(m)
    d.pop("tenant_id", None)
    d["status_label"] = RunStatus(d["status"]).label
    return d
