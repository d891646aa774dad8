"""The sync log users read (LOG-1..6): one log per job and user action (correlation id), one line per item
with the marketplace's own message on failure."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from marketbridge.connectors.adapters.tables import sync_log_lines, sync_logs
from marketbridge.runtime.errors import NotFound
from marketbridge.runtime.sql import insert_new
from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

KST = ZoneInfo("Asia/Seoul")  # log lines are read by Korean sellers (LOG-3, 24-hour clock: Q8)
JOBS = {
    "collect": ("주문서 수집", "주문 수집을 시작합니다.", "주문 수집을 종료합니다."),
    "acknowledge": ("발주확인 처리 연동", "발주확인 연동을 시작합니다.", "발주확인 연동을 종료합니다."),
    "invoice": ("송장송신 처리 연동", "송장송신 연동을 시작합니다.", "송장송신 연동을 종료합니다."),
    "publish": ("상품연동처리", "연동처리를 시작합니다.", "연동처리를 종료합니다."),
    "cancel": ("판매취소 처리 연동", "판매취소 연동을 시작합니다.", "판매취소 연동을 종료합니다."),
}


async def open_log(
    conn: AsyncConnection, *, tenant_id: str, account_id: str, marketplace: str, job: str,
    correlation_id: str, actor_id: str | None = None,
) -> str:
    """The log of this job for this user action; created with its start line the first time."""
    now = datetime.now(UTC)
    log_id = str(uuid.uuid4())
    row = {
        "log_id": log_id, "tenant_id": tenant_id, "account_id": account_id, "marketplace": marketplace,
        "job": job, "correlation_id": correlation_id, "actor_id": actor_id, "started_at": now,
    }
    keys = ["tenant_id", "account_id", "job", "correlation_id"]
    if await insert_new(conn, sync_logs, [row], keys):
        name, start, _ = JOBS[job]
        await _line(conn, log_id, "start", name, f"[시작]{name} {now.astimezone(KST):%Y-%m-%d %H:%M:%S} {start}")
        return log_id
    found = await conn.scalar(
        select(sync_logs.c.log_id).where(*(sync_logs.c[k] == row[k] for k in keys))
    )
    return str(found)


async def item(conn: AsyncConnection, log_id: str, key: str, ok: bool, message: str, market_code: str | None = None) -> None:
    await _line(conn, log_id, "success" if ok else "failure", key, message, market_code)
    column = sync_logs.c.succeeded if ok else sync_logs.c.failed
    await conn.execute(update(sync_logs).where(sync_logs.c.log_id == log_id).values({column: column + 1}))


async def close_log(conn: AsyncConnection, log_id: str, job: str) -> None:
    now = datetime.now(UTC)
    name, _, end = JOBS[job]
    await _line(conn, log_id, "end", name, f"{end} [종료]{name} {now.astimezone(KST):%Y-%m-%d %H:%M:%S}")
    await conn.execute(update(sync_logs).where(sync_logs.c.log_id == log_id).values(finished_at=now))


async def _line(conn: AsyncConnection, log_id: str, outcome: str, key: str, message: str, code: str | None = None) -> None:
    await conn.execute(insert(sync_log_lines).values(
        log_id=log_id, at=datetime.now(UTC), item_key=key, outcome=outcome, message=message, market_code=code
    ))


async def list_logs(conn: AsyncConnection, tenant_id: str, account_id: str | None, job: str | None, limit: int) -> dict[str, Any]:
    where = [sync_logs.c.tenant_id == tenant_id]
    if account_id:
        where.append(sync_logs.c.account_id == account_id)
    if job:
        where.append(sync_logs.c.job == job)
    total = await conn.scalar(select(func.count()).select_from(sync_logs).where(*where))
    rows = await conn.execute(select(sync_logs).where(*where).order_by(sync_logs.c.started_at.desc()).limit(limit))
    return {"total": int(total or 0), "items": [_public(r._mapping) for r in rows]}


async def get_log(conn: AsyncConnection, tenant_id: str, log_id: str) -> dict[str, Any]:
    row = (await conn.execute(
        select(sync_logs).where(sync_logs.c.tenant_id == tenant_id, sync_logs.c.log_id == log_id)
    )).first()
    if row is None:
        raise NotFound("SYNC_LOG_NOT_FOUND", "연동이력을 찾을 수 없습니다.")
    lines = await conn.execute(select(sync_log_lines).where(sync_log_lines.c.log_id == log_id).order_by(sync_log_lines.c.id))
    out = _public(row._mapping)
    out["lines"] = [
        {"at": line.at, "item_key": line.item_key, "outcome": line.outcome, "message": line.message,
         "market_code": line.market_code}
        for line in lines
    ]
    return out


def _public(m: Any) -> dict[str, Any]:
    d = dict(m)
    d.pop("tenant_id", None)
    d["job_name"] = JOBS[d["job"]][0]
    return d
