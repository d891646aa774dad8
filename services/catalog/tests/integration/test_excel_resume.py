"""An Excel import survives its process: the job keeps its file and a lease, and the next catalog process
resumes it from the first row not yet committed — after a crash (the lease runs out) or a graceful stop
(the lease is released at once). No row is stored twice, none is skipped, errors found before are kept."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from marketbridge.catalog.adapters.image_storage import LocalImageStorage
from marketbridge.catalog.adapters.tables import import_jobs, products
from marketbridge.catalog.bootstrap import Settings, build
from marketbridge.catalog.excel import columns as col
from marketbridge.catalog.excel import workbook
from marketbridge.catalog.handlers.imports import ImportJobs
from marketbridge.catalog.reference import shipped
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.runtime.http import RequestContext
from sqlalchemy import func, select

ROWS = 7  # row 2 of the file is invalid; batches of 2 → the crash comes after rows 1–2 are committed


@pytest.fixture(params=["postgresql", "sqlite"])
async def service(request: Any, tmp_path: Path) -> AsyncIterator[Any]:
    """The catalog on PostgreSQL (distributed mode) and on SQLite (embedded mode)."""
    if request.param == "postgresql":
        url, schema = request.getfixturevalue("pg_url"), "catalog"
    else:
        url, schema = f"sqlite+aiosqlite:///{tmp_path / 'catalog.db'}", None
    bus = InMemoryBus()
    svc = build(Settings(database_url=url, database_schema=schema), bus=bus, image_storage=LocalImageStorage(tmp_path))
    await svc.start()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=svc.app), base_url="http://catalog") as client:
        yield svc, bus, client
    await svc.stop()
    await bus.close()


def upload_file() -> bytes:
    def row(n: int) -> dict[str, object]:
        return {
            "name": f"머그컵 {n}", "status": "판매가능", "category_id": "08010202", "price": 5000 + n,
            "tax_type": "과세", "origin_type": "원산지표시대상아님", "notice_group": "주방용품",
            "notice_fields": col.SEE_DETAIL, "sales_region": "전국", "stock": 10,
            "seller_product_code": f"R-{n}",
        }  # fmt: skip

    rows = [row(n) for n in range(ROWS)]
    rows[1]["price"] = "만원"  # not a number: Excel row 4 fails
    return workbook.export(shipped(), rows)


def stalling_after_first_batch(jobs: ImportJobs, gate: asyncio.Event | None = None) -> asyncio.Event:
    """The process stalls (or 'dies') right after its first batch is committed: the next batch waits for the
    gate, which by default never opens."""
    committed = asyncio.Event()
    save = jobs._save

    async def save_then_stall(*args: Any) -> None:
        if committed.is_set():
            await (gate or asyncio.Event()).wait()
        await save(*args)
        committed.set()

    jobs._save = save_then_stall  # type: ignore[method-assign]
    return committed


async def started_and_stalled(jobs: ImportJobs, api: Any, gate: asyncio.Event | None = None) -> str:
    """Start the upload on `jobs` and wait until its first batch is committed; returns the job id."""
    committed = stalling_after_first_batch(jobs, gate)
    job_id: str = (await jobs.start(context(api), "register", "products.xlsx", upload_file()))["job_id"]
    await asyncio.wait_for(committed.wait(), 30)
    return job_id


async def kill(jobs: ImportJobs) -> None:
    """kill -9 of the process running `jobs`: its tasks stop, nothing is released, the heartbeat stops."""
    for task in list(jobs._tasks):
        task.cancel()
    await asyncio.gather(*jobs._tasks, return_exceptions=True)


async def job_row(svc: Any, job_id: str) -> dict[str, Any]:
    async with svc.runtime.db.read() as conn:
        found = (await conn.execute(select(import_jobs).where(import_jobs.c.job_id == job_id))).one()
    return dict(found._mapping)


async def stored_products(svc: Any) -> list[str]:
    async with svc.runtime.db.read() as conn:
        return list((await conn.execute(select(products.c.seller_product_code))).scalars())


async def event_count(svc: Any) -> int:
    events = svc.runtime.tables.events
    async with svc.runtime.db.read() as conn:
        return int(await conn.scalar(select(func.count()).select_from(events)) or 0)


def context(api: Any) -> RequestContext:
    return RequestContext(api.tenant, "u1", "manager", "corr-1", "데모상점")


async def check_resumed(svc: Any, api: Any, client: Any, job_id: str) -> None:
    status = (await client.get(f"/api/v1/products/excel/imports/{job_id}", headers=api.headers())).json()
    assert (status["status"], status["total_rows"], status["processed_rows"]) == ("completed", ROWS, ROWS)
    assert (status["succeeded_rows"], status["failed_rows"]) == (ROWS - 1, 1)
    assert [e["row"] for e in status["errors"]] == [4]  # found before the crash, kept after it
    assert "file_data" not in status and "worker_id" not in status
    assert sorted(await stored_products(svc)) == sorted(f"R-{n}" for n in range(ROWS) if n != 1)
    assert await event_count(svc) == ROWS - 1  # one ProductRegistered per stored row: none twice
    row = await job_row(svc, job_id)
    assert row["file_data"] is None and row["finished_at"] is not None
    listed = (await client.get("/api/v1/products", headers=api.headers())).json()["items"]
    assert {p["manufacturer"] for p in listed} == {"데모상점"}  # the resumed rows act for the same seller


async def test_an_import_whose_process_died_is_resumed_once_its_lease_runs_out(service: Any, api: Any) -> None:
    svc, _bus, client = service
    dying = ImportJobs(svc.runtime, svc.handlers, batch_size=2)
    job_id = await started_and_stalled(dying, api)
    await kill(dying)
    row = await job_row(svc, job_id)
    assert (row["status"], row["processed_rows"], row["worker_id"]) == ("running", 2, dying.worker_id)

    successor = ImportJobs(svc.runtime, svc.handlers, batch_size=2, lease_seconds=0.5, heartbeat_seconds=0.1)
    assert await successor.adopt_abandoned() == 0  # the lease is still fresh: nobody takes a live job
    await asyncio.sleep(0.6)
    await successor.recover()
    await successor.wait()
    await successor.stop()
    await check_resumed(svc, api, client, job_id)


async def test_a_graceful_stop_releases_the_import_and_the_next_process_resumes_it_at_once(
    service: Any, api: Any
) -> None:
    svc, _bus, client = service
    stopping = ImportJobs(svc.runtime, svc.handlers, batch_size=2)
    job_id = await started_and_stalled(stopping, api)
    await stopping.stop()
    assert (await job_row(svc, job_id))["heartbeat_at"] is None

    successor = ImportJobs(svc.runtime, svc.handlers, batch_size=2)  # the default one-minute lease
    assert await successor.adopt_abandoned() == 1
    await successor.wait()
    await successor.stop()
    await check_resumed(svc, api, client, job_id)


async def test_a_job_taken_over_by_another_process_stores_nothing_more_here(service: Any, api: Any) -> None:
    svc, _bus, client = service
    slow, gate = ImportJobs(svc.runtime, svc.handlers, batch_size=2), asyncio.Event()
    job_id = await started_and_stalled(slow, api, gate)
    # this process stalls past its lease; another adopts the job and finishes it
    successor = ImportJobs(svc.runtime, svc.handlers, batch_size=2, lease_seconds=0.0)
    assert await successor.adopt_abandoned() == 1
    await successor.wait()
    await successor.stop()
    # the stalled process wakes up: its next batch finds the job taken and rolls back
    gate.set()
    await asyncio.wait_for(slow.wait(), 30)
    await slow.stop()
    await check_resumed(svc, api, client, job_id)
    assert (await job_row(svc, job_id))["worker_id"] == successor.worker_id


async def test_a_file_that_brings_down_every_process_is_given_up_after_three(service: Any, api: Any) -> None:
    svc, _bus, client = service
    dying = ImportJobs(svc.runtime, svc.handlers, batch_size=2)
    job_id = await started_and_stalled(dying, api)
    for attempt in (2, 3):  # each successor dies the same way after its first batch
        await kill(dying)
        dying = ImportJobs(svc.runtime, svc.handlers, batch_size=2, lease_seconds=0.0)
        committed = stalling_after_first_batch(dying)
        assert await dying.adopt_abandoned() == 1
        await asyncio.wait_for(committed.wait(), 30)
        assert (await job_row(svc, job_id))["attempts"] == attempt
    await kill(dying)
    last = ImportJobs(svc.runtime, svc.handlers, batch_size=2, lease_seconds=0.0)
    assert await last.adopt_abandoned() == 1
    status = (await client.get(f"/api/v1/products/excel/imports/{job_id}", headers=api.headers())).json()
    assert status["status"] == "failed" and "여러 번 중단" in status["message"]
    assert (status["processed_rows"], status["succeeded_rows"]) == (6, 5)  # three batches stored, none twice
    assert len(await stored_products(svc)) == 5 and (await job_row(svc, job_id))["file_data"] is None


async def test_a_process_never_adopts_a_job_its_own_task_is_still_running(service: Any, api: Any) -> None:
    svc, _bus, _client = service
    jobs, gate = ImportJobs(svc.runtime, svc.handlers, batch_size=2, lease_seconds=0.0), asyncio.Event()
    job_id = await started_and_stalled(jobs, api, gate)
    assert await jobs.adopt_abandoned() == 0  # the lease looks stale, but the job's task runs here
    gate.set()
    await jobs.wait()
    await jobs.stop()
    row = await job_row(svc, job_id)
    assert (row["status"], row["attempts"], row["succeeded_rows"]) == ("completed", 1, ROWS - 1)
    assert await event_count(svc) == ROWS - 1
