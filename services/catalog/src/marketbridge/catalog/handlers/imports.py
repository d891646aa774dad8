"""상품대량등록 / 상품대량수정: Excel import jobs. The upload returns at once with a job id; the job runs as an
asyncio task in the service process, validates every row (cell formats, then every domain rule) and saves
the valid rows in batches. One transaction per batch holds the batch's events (`append_many`), read-model
rows and outbox messages *and* the job's progress and errors, so the job row always says exactly which rows
are stored. Invalid rows are never stored.

A job survives a restart: the uploaded file stays on the job until it ends, and the job is leased by the
process running it (worker id + heartbeat). A process that stops gracefully releases its jobs; one that dies
stops refreshing the heartbeat. Either way another catalog process (or the same one restarted) adopts the
job and carries on from the first row not yet committed: no row is stored twice, none is skipped."""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import structlog
from marketbridge.catalog import metrics, views
from marketbridge.catalog.adapters.product_codes import allocate_product_codes, today_kst
from marketbridge.catalog.adapters.tables import import_jobs, products
from marketbridge.catalog.domain import Decision, Product, RegisterProduct, ReviseProduct, decide
from marketbridge.catalog.domain import events as domain_events
from marketbridge.catalog.excel import columns as col
from marketbridge.catalog.excel.rows import RowReader
from marketbridge.catalog.excel.workbook import MAX_ROWS, WorkbookInvalid, read_rows
from marketbridge.catalog.handlers.products import (
    CatalogHandlers,
    build_command,
    prepared,
    project,
    seller_code_taken,
    to_envelope,
)
from marketbridge.catalog.handlers.projection import integration_event, read_model_row
from marketbridge.runtime.db import after_commit
from marketbridge.runtime.errors import DomainError, ValidationFailed
from marketbridge.runtime.eventstore import Append
from marketbridge.runtime.http import RequestContext
from marketbridge.runtime.service import ServiceRuntime
from sqlalchemy import insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

log = structlog.get_logger(__name__)
Kind = Literal["register", "update"]
Row = tuple[int, dict[str, object]]
UNFINISHED = ("queued", "running")
INTERRUPTED = "서비스 재시작으로 작업이 중단되었습니다. 파일을 다시 올려 주세요."
FAILED = "처리 중 오류가 발생했습니다. 잠시 후 다시 시도해 주세요."
GAVE_UP = "작업이 여러 번 중단되어 더 진행하지 않았습니다. 저장된 행을 확인하고 나머지 행을 나눠서 다시 올려 주세요."
MAX_ATTEMPTS = 3  # a job is run by at most three processes in turn: a file that crashes each one is given up
PLACEHOLDER_CODE = "200001010000001"  # replaced by the allocated code once the row is valid
LEASE_SECONDS = 60.0  # a job whose heartbeat is older than this belongs to a process that is gone
HEARTBEAT_SECONDS = 10.0
SHOWN = [c for c in import_jobs.c if c.name not in {"tenant_id", "file_data", "tenant_name", "worker_id"}]


class JobTakenOver(Exception):
    """This process lost the job's lease (it stalled past the lease and another process adopted the job)."""


@dataclass
class Job:
    tenant_id: str
    job_id: str
    kind: Kind
    ctx: RequestContext
    processed: int = 0
    succeeded: int = 0
    failed: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Valid:
    number: int
    state: Product | None
    version: int
    decision: Decision


class ImportJobs:
    def __init__(
        self, rt: ServiceRuntime, handlers: CatalogHandlers, *, batch_size: int = 500,
        lease_seconds: float = LEASE_SECONDS, heartbeat_seconds: float = HEARTBEAT_SECONDS,
    ) -> None:  # fmt: skip
        self.rt, self.handlers, self.batch_size = rt, handlers, batch_size
        self.lease, self.heartbeat = timedelta(seconds=lease_seconds), heartbeat_seconds
        self.worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.reader = RowReader(handlers.reference)
        self._tasks: set[asyncio.Task[None]] = set()
        self._alive: set[str] = set()  # job ids whose task runs in this process
        self._watch: asyncio.Task[None] | None = None

    async def start(self, ctx: RequestContext, kind: Kind, file_name: str, data: bytes) -> dict[str, Any]:
        job = Job(ctx.tenant_id, str(uuid.uuid4()), kind, ctx)
        row = {"tenant_id": ctx.tenant_id, "job_id": job.job_id, "kind": kind, "status": "queued",
               "file_name": file_name[:255], "actor_id": ctx.user_id, "errors": [], "file_data": data,
               "tenant_name": ctx.tenant_name[:200], "worker_id": self.worker_id,
               "heartbeat_at": datetime.now(UTC)}  # fmt: skip
        async with self.rt.db.transaction() as conn:
            await conn.execute(insert(import_jobs).values(**row))
        self._launch(job, data)
        return await self.status(ctx.tenant_id, job.job_id)

    async def status(self, tenant_id: str, job_id: str, *, with_errors: bool = True) -> dict[str, Any]:
        t = import_jobs.c
        columns = [c for c in SHOWN if with_errors or c.name != "errors"]
        async with self.rt.db.read() as conn:
            found = (await conn.execute(select(*columns).where(t.tenant_id == tenant_id, t.job_id == job_id))).first()
        if found is None:
            raise DomainError("IMPORT_JOB_NOT_FOUND", f"대량등록 작업을 찾을 수 없습니다: {job_id}", status=404)
        return dict(found._mapping)

    async def wait(self) -> None:
        """Until every running job has finished (tests, benchmarks)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def recover(self) -> None:
        """At start: adopt the jobs no live process runs, then keep our leases fresh and keep looking."""
        await self.adopt_abandoned()
        self._watch = asyncio.create_task(self._keep_alive(), name="catalog-import-leases")

    async def stop(self) -> None:
        """Graceful stop: cancel our jobs and release their leases, so the next process resumes them at once."""
        for task in [*self._tasks, *([self._watch] if self._watch else [])]:
            task.cancel()
        await asyncio.gather(*self._tasks, *([self._watch] if self._watch else []), return_exceptions=True)
        t = import_jobs.c
        async with self.rt.db.transaction() as conn:
            await conn.execute(
                update(import_jobs)
                .where(t.worker_id == self.worker_id, t.status.in_(UNFINISHED))
                .values(heartbeat_at=None)
            )

    # -- leases ----------------------------------------------------------------------------------
    async def adopt_abandoned(self) -> int:
        """Claim every unfinished job whose lease has run out and resume it; returns how many."""
        t = import_jobs.c
        stale = or_(t.heartbeat_at.is_(None), t.heartbeat_at < datetime.now(UTC) - self.lease)
        async with self.rt.db.read() as conn:
            candidates = (
                await conn.execute(select(t.tenant_id, t.job_id).where(t.status.in_(UNFINISHED), stale))
            ).all()
        adopted = 0
        for tenant_id, job_id in candidates:
            if job_id not in self._alive:  # our own task, merely late with its heartbeat, keeps its job
                adopted += await self._adopt(tenant_id, job_id, stale)
        return adopted

    async def _adopt(self, tenant_id: str, job_id: str, stale: Any) -> int:
        t = import_jobs.c
        async with self.rt.db.transaction() as conn:
            claimed = await conn.execute(
                update(import_jobs)
                .where(t.tenant_id == tenant_id, t.job_id == job_id, t.status.in_(UNFINISHED), stale)
                .values(worker_id=self.worker_id, heartbeat_at=datetime.now(UTC), attempts=t.attempts + 1)
            )
            if claimed.rowcount != 1:  # another process was quicker
                return 0
            found = (await conn.execute(select(import_jobs).where(t.tenant_id == tenant_id, t.job_id == job_id))).one()
        row = found._mapping
        job = Job(tenant_id, job_id, row["kind"], _context(row), row["processed_rows"], row["succeeded_rows"],
                  row["failed_rows"], list(row["errors"] or []))  # fmt: skip
        if row["file_data"] is None or row["attempts"] > MAX_ATTEMPTS:
            # a job from before jobs kept their file, or one that brought down every process that ran it
            message = INTERRUPTED if row["file_data"] is None else GAVE_UP
            await self._update(job, **_ended("failed", message=message))
            log.error("catalog_import_abandoned", job_id=job_id, attempts=row["attempts"], from_row=job.processed)
            return 1
        log.info("catalog_import_resumed", job_id=job_id, from_row=job.processed, worker_id=self.worker_id)
        self._launch(job, row["file_data"])
        return 1

    async def _keep_alive(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat)
            try:
                await self._refresh_leases()
                await self.adopt_abandoned()
            except Exception:  # the database may be briefly away: try again on the next beat
                log.exception("catalog_import_lease_refresh_failed", worker_id=self.worker_id)

    async def _refresh_leases(self) -> None:
        """Only jobs whose task is alive here: a job whose task died must expire and be adopted."""
        if not self._alive:
            return
        t = import_jobs.c
        async with self.rt.db.transaction() as conn:
            await conn.execute(
                update(import_jobs)
                .where(t.worker_id == self.worker_id, t.job_id.in_(list(self._alive)), t.status.in_(UNFINISHED))
                .values(heartbeat_at=datetime.now(UTC))
            )

    # -- the job ---------------------------------------------------------------------------------
    def _launch(self, job: Job, data: bytes) -> None:
        task = asyncio.create_task(self._run(job, data), name=f"catalog-import-{job.job_id}")
        self._tasks.add(task)
        self._alive.add(job.job_id)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(lambda _: self._alive.discard(job.job_id))

    async def _run(self, job: Job, data: bytes) -> None:
        try:
            rows = await asyncio.to_thread(lambda: list(read_rows(data)))
            if len(rows) > MAX_ROWS:
                raise WorkbookInvalid(f"한 번에 {MAX_ROWS:,}행까지 올릴 수 있습니다(현재 {len(rows):,}행).")
            await self._update(job, status="running", total_rows=len(rows))
            seen: dict[str, int] = {}
            for start in range(job.processed, len(rows), self.batch_size):
                await self._chunk(job, rows[start : start + self.batch_size], seen)
            await self._update(job, **_ended("completed"))
            log.info("catalog_import_completed", job_id=job.job_id, succeeded=job.succeeded, failed=job.failed)
        except JobTakenOver:
            log.warning("catalog_import_taken_over", job_id=job.job_id, worker_id=self.worker_id)
        except WorkbookInvalid as exc:
            await self._finish_failed(job, str(exc))
        except Exception:
            log.exception("catalog_import_failed", job_id=job.job_id)
            await self._finish_failed(job, FAILED)

    async def _finish_failed(self, job: Job, message: str) -> None:
        try:
            await self._update(job, **_ended("failed", message=message))
        except JobTakenOver:
            log.warning("catalog_import_taken_over", job_id=job.job_id, worker_id=self.worker_id)

    async def _update(self, job: Job, **values: Any) -> None:
        status = values.get("status")
        values |= {"processed_rows": job.processed, "succeeded_rows": job.succeeded, "failed_rows": job.failed,
                   "errors": job.errors}  # fmt: skip
        async with self.rt.db.transaction() as conn:
            await self._owned_update(conn, job, values)
            if status in ("completed", "failed"):
                after_commit(conn, lambda: metrics.count_job(job.kind, status))

    async def _owned_update(self, conn: AsyncConnection, job: Job, values: dict[str, Any]) -> None:
        """Write the job row only while this process holds the job: a lost lease rolls the batch back."""
        t = import_jobs.c
        result = await conn.execute(
            update(import_jobs)
            .where(t.tenant_id == job.tenant_id, t.job_id == job.job_id, t.worker_id == self.worker_id)
            .values(**values, heartbeat_at=datetime.now(UTC))
        )
        if result.rowcount != 1:
            raise JobTakenOver(job.job_id)

    async def _chunk(self, job: Job, chunk: list[Row], seen: dict[str, int]) -> None:
        errors: list[dict[str, Any]] = []
        async with self.rt.db.read() as conn:
            valid = await (self._validate_register if job.kind == "register" else self._validate_update)(
                conn, job, chunk, errors
            )
            valid = await self._unique_seller_codes(conn, job, valid, seen, errors, chunk)
        try:
            await self._save(job, valid, len(chunk), errors)
        except DomainError as exc:  # e.g. a concurrent edit or a racing own product code: the batch failed
            errors += [_row_error(v.number, dict(chunk).get(v.number, {}), [exc]) for v in valid]
            await self._save(job, [], len(chunk), errors)

    async def _validate_register(
        self, conn: AsyncConnection, job: Job, chunk: list[Row], errors: list[dict[str, Any]]
    ) -> list[Valid]:
        valid = []
        for number, raw in chunk:
            fields, problems = self.reader.read(raw, updating=False)
            if raw.get("product_code") not in (None, ""):
                message = (
                    "[상품코드] 대량등록에서는 상품코드를 비워 주세요(자동 부여). 기존 상품은 대량수정으로 올려 주세요."
                )
                problems.append(DomainError("EXCEL_PRODUCT_CODE_NOT_ALLOWED", message, "product_code", "CAT-CODE-1"))
            decision = (
                None
                if problems
                else self._decide(job, None, RegisterProduct, fields | {"product_code": PLACEHOLDER_CODE}, problems)
            )
            if decision is None:
                errors.append(_row_error(number, raw, problems))
            else:
                valid.append(Valid(number, None, 0, decision))
        return valid

    async def _validate_update(
        self, conn: AsyncConnection, job: Job, chunk: list[Row], errors: list[dict[str, Any]]
    ) -> list[Valid]:
        codes = [str(raw.get("product_code") or "").strip() for _, raw in chunk]
        ids = await _product_ids(conn, job.tenant_id, [c for c in codes if c])
        streams = await self.handlers.rt.store.read_many(conn, [f"Product-{i}" for i in ids.values()])
        on_sale = await views.products_on_sale(conn, job.tenant_id, list(ids.values()))
        valid, used = [], set[str]()
        for (number, raw), code in zip(chunk, codes, strict=True):
            fields, problems = self.reader.read(raw, updating=True)
            product_id = ids.get(code)
            if product_id is None or code in used:
                message = f"[상품코드] 수정할 상품을 찾을 수 없거나 파일에 중복된 상품코드입니다: '{code}'"
                problems.append(DomainError("EXCEL_PRODUCT_NOT_FOUND", message, "product_code"))
            used.add(code)
            state, version = (None, 0)
            if product_id is not None:
                stored = streams.get(f"Product-{product_id}", [])
                state = self.handlers.repo.apply(None, [self.handlers.repo.codec.decode(e) for e in stored])
                version = stored[-1].version if stored else 0
            extra = {"has_active_listings": product_id in on_sale}
            decision = (
                None if problems else self._decide(job, state, ReviseProduct, fields | extra, problems, product_id)
            )
            if decision is None:
                errors.append(_row_error(number, raw, problems))
            else:
                valid.append(Valid(number, state, version, decision))
        return valid

    def _decide(
        self, job: Job, state: Product | None, cls: type[RegisterProduct] | type[ReviseProduct], fields: dict[str, Any],
        problems: list[DomainError], product_id: str | None = None,
    ) -> Decision | None:  # fmt: skip
        ids = {"tenant_id": job.tenant_id, "product_id": product_id or str(uuid.uuid4()), "actor_id": job.ctx.user_id}
        try:
            cmd = build_command(cls, {**prepared(fields), **ids})
            return decide(state, cmd, company_name=job.ctx.tenant_name, reference=self.handlers.reference)
        except ValidationFailed as exc:
            problems += exc.errors
        except DomainError as exc:
            problems.append(exc)
        return None

    async def _unique_seller_codes(
        self, conn: AsyncConnection, job: Job, valid: list[Valid], seen: dict[str, int], errors: list[dict[str, Any]],
        chunk: list[Row],
    ) -> list[Valid]:  # fmt: skip
        """CAT-CODE-2 across the file and against the seller's saved products."""
        new_codes = {v.number: _new_seller_code(v) for v in valid}
        wanted = [c for c in new_codes.values() if c]
        t = products.c
        owners = {}
        if wanted:
            query = select(t.seller_product_code, t.product_id).where(
                t.tenant_id == job.tenant_id, t.seller_product_code.in_(wanted)
            )
            owners = {r[0]: r[1] for r in await conn.execute(query)}
        raw_by_number = dict(chunk)
        kept = []
        for v in valid:
            code = new_codes[v.number]
            owner = owners.get(code) if code else None
            if code and ((owner is not None and owner != v.decision.events[0].product_id) or code in seen):
                errors.append(_row_error(v.number, raw_by_number[v.number], [seller_code_taken(code)]))
                continue
            if code:
                seen[code] = v.number
            kept.append(v)
        return kept

    async def _save(self, job: Job, valid: list[Valid], rows: int, errors: list[dict[str, Any]]) -> None:
        """One transaction: the batch's valid rows and the job's progress past all of its rows."""
        processed, succeeded, all_errors = job.processed + rows, job.succeeded + len(valid), job.errors + errors
        progress = {"processed_rows": processed, "succeeded_rows": succeeded,
                    "failed_rows": processed - succeeded, "errors": all_errors}  # fmt: skip
        async with self.rt.db.transaction() as conn:
            if valid:
                await self._save_valid(conn, job, valid)
            await self._owned_update(conn, job, progress)
            after_commit(conn, lambda: metrics.count_rows(job.kind, len(valid), rows - len(valid)))
        job.processed, job.succeeded, job.failed = processed, succeeded, processed - succeeded
        job.errors = all_errors

    async def _save_valid(self, conn: AsyncConnection, job: Job, valid: list[Valid]) -> None:
        now = datetime.now(UTC)
        registering = [v for v in valid if v.state is None]
        codes = iter(await allocate_product_codes(conn, job.tenant_id, today_kst(), len(registering)))
        appends, rows, envelopes = [], [], []
        for v in valid:
            events = v.decision.events
            if v.state is None:
                events = [events[0].model_copy(update={"product_code": next(codes)})]
            if not events:
                continue
            state = self.handlers.repo.apply(v.state, events)
            assert state is not None
            stream = self.handlers.repo.stream_id(state.product_id)
            meta = {"actor_id": job.ctx.user_id, "import_job_id": job.job_id}
            appends.append(Append(stream, v.version, [self.handlers.repo.codec.encode(e, meta) for e in events]))
            rows.append(read_model_row(state, v.version + len(events), now))
            envelopes += [to_envelope(integration_event(e, state), job.tenant_id, job.job_id) for e in events]
        await self.rt.store.append_many(conn, appends)
        for start in range(0, len(rows), 1000):
            await project(conn, rows[start : start + 1000])
        await self.rt.outbox.add(conn, envelopes)


def _ended(status: str, **values: Any) -> dict[str, Any]:
    return {"status": status, "file_data": None, "finished_at": datetime.now(UTC), **values}


def _context(row: Any) -> RequestContext:
    """The uploader's identity as the job recorded it (a resumed job acts for the same seller and user)."""
    return RequestContext(row["tenant_id"], row["actor_id"], "manager", row["job_id"], row["tenant_name"])


def _new_seller_code(v: Valid) -> str | None:
    """The own product code the row sets, if it sets a new one."""
    for e in v.decision.events:
        if isinstance(e, domain_events.ProductRegistered):
            return e.seller_product_code
        if isinstance(e, domain_events.ProductRevised) and e.seller_product_code is not None:
            return e.seller_product_code.new
    return None


async def _product_ids(conn: AsyncConnection, tenant_id: str, codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    t = products.c
    query = select(t.product_code, t.product_id).where(
        t.tenant_id == tenant_id, t.product_code.in_(codes), t.deleted.is_(False)
    )
    return {r[0]: r[1] for r in await conn.execute(query)}


def _row_error(number: int, raw: dict[str, object], problems: list[DomainError]) -> dict[str, Any]:
    """One failed row: its Excel row number, what identifies it, and each problem with its column."""
    items = []
    for p in problems:
        column = col.BY_KEY.get(p.field or "") or col.column_of(p.field)
        items.append({"column": column.header if column else None, "field": p.field, "code": p.code,
                      "rule": p.rule, "message": p.message})  # fmt: skip
    return {"row": number, "product_code": raw.get("product_code"), "name": raw.get("name"), "errors": items}
