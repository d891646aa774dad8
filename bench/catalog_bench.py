"""Catalog benchmarks on a fresh PostgreSQL database, the catalog service in-process (httpx ASGITransport,
in-memory bus):

1. 상품대량등록: a 10,000-product Excel file, each product with 3×3×2 = 18 option combinations, uploaded in one
   request; the clock runs from the upload until the job reports completed (every product validated and
   stored: events, read model, outbox). Baselines in the same run: reading the same file with openpyxl alone,
   and batched raw asyncpg inserts of the same number of event-sized JSON rows.
2. 상품조회: p50/p99 latency of product searches through the API over 100,000 products of one seller (the
   10,000 imported plus 90,000 read-model rows loaded with COPY), a mix of name substring, category subtree,
   status/stock filters with sorting and paging; baseline: the same SQL run with raw asyncpg.
"""

from __future__ import annotations

import asyncio
import io
import json
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
from marketbridge.catalog.adapters.image_storage import LocalImageStorage
from marketbridge.catalog.bootstrap import Settings, build
from marketbridge.catalog.excel import columns as col
from marketbridge.catalog.excel.workbook import read_rows
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.runtime.testing import servers
from openpyxl import Workbook

from bench.results import Results

TENANT = "bench-tenant"
HEADERS = {
    "x-mb-tenant-id": TENANT,
    "x-mb-user-id": "bench",
    "x-mb-user-role": "owner",
    "x-mb-internal-token": "dev-internal-token",
    "x-mb-tenant-name": "%EB%B2%A4%EC%B9%98%EC%83%81%EC%A0%90",  # 벤치상점
}
WORDS = ["데일리", "베이직", "오버핏", "슬림", "코튼", "린넨", "스트라이프", "무지", "프리미엄", "빈티지"]
ITEMS = [("01010101", "반팔 티셔츠"), ("01010102", "긴팔 티셔츠"), ("01020101", "남성 반팔티"), ("01010501", "청바지")]


def excel_file(n: int) -> bytes:
    """n products of the 의류 group, each with options 3×3×2 (the combinations generated from 옵션재고)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("상품")
    ws.append(list(col.HEADERS))
    ws.append([c.guide for c in col.COLUMNS])
    for i in range(n):
        category, noun = ITEMS[i % len(ITEMS)]
        row = {
            "name": f"{WORDS[i % 10]} {noun} {i}", "status": "판매가능", "category_id": category,
            "price": 10000 + (i % 50) * 100, "tax_type": "과세", "origin_type": "원산지표시대상아님",
            "notice_group": "의류", "notice_fields": col.SEE_DETAIL, "sales_region": "전국", "keywords": "티셔츠 여름",
            "option_type": "조합형", "option_name_1": "색상", "option_values_1": "화이트,블랙,네이비",
            "option_name_2": "사이즈", "option_values_2": "S,M,L", "option_name_3": "핏", "option_values_3": "레귤러,오버",
            "option_stock": 5, "seller_product_code": f"B{i:07d}",
        }  # fmt: skip
        ws.append([row.get(c.key) for c in col.COLUMNS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


async def raw_insert_baseline(dsn: str, n: int, payload: dict[str, Any], batch: int = 500) -> float:
    """Seconds to insert n event-sized JSON rows in batches with raw asyncpg (no framework, no validation)."""
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("CREATE TABLE raw_events (id text primary key, data jsonb)")
        data = json.dumps(payload, ensure_ascii=False)
        rows = [(str(uuid.uuid4()), data) for _ in range(n)]
        started = time.perf_counter()
        for i in range(0, n, batch):
            async with conn.transaction():
                await conn.executemany("INSERT INTO raw_events VALUES ($1, $2::jsonb)", rows[i : i + batch])
        return time.perf_counter() - started
    finally:
        await conn.close()


async def import_excel(client: httpx.AsyncClient, data: bytes) -> tuple[float, dict[str, Any]]:
    files = {"file": ("bench.xlsx", data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}
    started = time.perf_counter()
    r = await client.post("/api/v1/products/excel/imports", files=files, headers=HEADERS)
    assert r.status_code == 202, r.text
    job_id = r.json()["job_id"]
    while True:
        status = (
            await client.get(f"/api/v1/products/excel/imports/{job_id}", params={"errors": False}, headers=HEADERS)
        ).json()
        if status["status"] in {"completed", "failed"}:
            return time.perf_counter() - started, status
        await asyncio.sleep(0.1)


async def seed_read_model(dsn: str, n: int) -> None:
    """n more products of the same seller straight into the read model (COPY), for the search benchmark."""
    conn = await asyncpg.connect(dsn, server_settings={"search_path": "catalog"})
    try:
        base = datetime.now(UTC) - timedelta(days=400)
        rows: list[tuple[object, ...]] = []
        for i in range(n):
            category, noun = ITEMS[i % len(ITEMS)] if i % 3 else ("08010202", "머그컵")
            created = base + timedelta(minutes=i * 5)
            name = f"{WORDS[i % 10]} {noun} S{i}"
            rows.append((
                TENANT, str(uuid.uuid4()), f"2024{(i % 12) + 1:02d}01{i:07d}", name, category,
                5000 + (i % 97) * 100, "taxable", "벤치상점", "벤치상점", "sellable" if i % 7 else "unsellable", "none",
                None, i % 20, 1, created, created, None, None, None, i % 20, False, None, None, name.lower(),
            ))  # fmt: skip
        columns = [
            "tenant_id", "product_id", "product_code", "name", "category_id", "price", "tax_type", "manufacturer",
            "brand", "status", "option_type", "options", "stock", "version", "created_at", "updated_at",
            "seller_product_code", "model_name", "model_no", "total_stock", "deleted", "deleted_at", "attributes",
            "search_name",
        ]  # fmt: skip
        await conn.copy_records_to_table("products", records=rows, columns=columns)
        await conn.execute("VACUUM ANALYZE products")  # what autovacuum does to a table in service
    finally:
        await conn.close()


def search_mix(rng: random.Random) -> dict[str, Any]:
    kind = rng.randrange(6)
    if kind == 0:
        return {"name": f"{rng.choice(WORDS)} {rng.choice(ITEMS)[1].split()[-1]}"}
    if kind == 1:
        return {"name": f"S{rng.randrange(90_000)}"}
    if kind == 2:
        return {"category_id": rng.choice(["01", "0101", "08010202"]), "offset": rng.randrange(0, 500, 50)}
    if kind == 3:
        return {"status": "sellable", "stock_state": "in_stock", "sort": "price", "order": "asc"}
    if kind == 4:
        return {"seller_product_code": f"B{rng.randrange(10_000):07d}"}
    return {"sort": "created_at", "offset": rng.randrange(0, 1000, 50)}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def name_only(rng: random.Random) -> dict[str, Any]:
    return {"name": rng.choice(WORDS)}


def exact_mix(rng: random.Random) -> dict[str, Any]:
    """The same mix, asking for the exact total (`exact_total=true`) instead of the capped one."""
    return search_mix(rng) | {"exact_total": "true"}


async def search_latencies(client: httpx.AsyncClient, n: int, mix: Any = search_mix) -> list[float]:
    rng = random.Random(7)
    times = []
    for _ in range(n):
        params = mix(rng)
        started = time.perf_counter()
        r = await client.get("/api/v1/products", params=params, headers=HEADERS)
        times.append((time.perf_counter() - started) * 1000)
        assert r.status_code == 200, r.text
    return times


async def raw_search_latencies(dsn: str, n: int) -> list[float]:
    """The name search as plain SQL through asyncpg: the same capped count + first page as the service."""
    conn = await asyncpg.connect(dsn, server_settings={"search_path": "catalog"})
    rng = random.Random(7)
    times = []
    try:
        for _ in range(n):
            pattern = f"%{rng.choice(WORDS)}%"
            started = time.perf_counter()
            where = "tenant_id = $1 AND deleted IS false AND search_name LIKE $2"
            await conn.fetchval(
                f"SELECT count(*) FROM (SELECT 1 FROM products WHERE {where} LIMIT 1001) t", TENANT, pattern
            )
            await conn.fetch(
                f"SELECT * FROM products WHERE {where} ORDER BY created_at DESC, product_code DESC LIMIT 50",
                TENANT,
                pattern,
            )
            times.append((time.perf_counter() - started) * 1000)
    finally:
        await conn.close()
    return times


async def run(results: Results, products: int, extra: int, searches: int) -> None:
    name = await servers.create_database("mbbench")
    url = servers.asyncpg_url(name)
    dsn = servers.PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    bus = InMemoryBus()
    svc = build(
        Settings(database_url=url, database_schema="catalog", log_level="WARNING"),
        bus=bus,
        image_storage=LocalImageStorage(Path(tempfile.mkdtemp(prefix="mb-bench-img-"))),
    )
    await svc.start()
    try:
        data = await asyncio.to_thread(excel_file, products)
        started = time.perf_counter()
        parsed = await asyncio.to_thread(lambda: sum(1 for _ in read_rows(data)))
        read_only = time.perf_counter() - started
        transport = httpx.ASGITransport(app=svc.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://catalog", timeout=600) as client:
            elapsed, status = await import_excel(client, data)
            assert status["status"] == "completed" and status["succeeded_rows"] == products == parsed, status
            sample = (await client.get("/api/v1/products", params={"limit": 1}, headers=HEADERS)).json()["items"][0]
            raw = await raw_insert_baseline(dsn, products, {"type": "ProductRegistered", **sample})
            print(f"  ({products:,} products × 18 options; file {len(data) / 1e6:.1f} MB)")
            results.add(f"catalog excel import {products // 1000}k products (3x3x2 options)", elapsed, "s")
            results.add("catalog excel import throughput", products / elapsed, "products/s")
            results.add("baseline: openpyxl read of the same file", read_only, "s")
            results.add(f"baseline: raw asyncpg insert of {products // 1000}k event rows", raw, "s")
            results.add("ratio import / (file read + raw insert)", elapsed / (read_only + raw), "x")

            started = time.perf_counter()
            exported = await client.get("/api/v1/products/excel/export", headers=HEADERS)
            assert exported.status_code == 200, exported.text
            results.add(f"catalog excel export {products // 1000}k products (3x3x2 options)",
                        time.perf_counter() - started, "s")

            await seed_read_model(dsn, extra)
            await search_latencies(client, 50)  # warm up
            api = await search_latencies(client, searches)
            by_name = await search_latencies(client, searches, name_only)
            exact = await search_latencies(client, searches, exact_mix)
            baseline = await raw_search_latencies(dsn, searches)
            total = products + extra
            print(f"  ({total:,} products of one seller, {searches} searches each: mixed filters; name only)")
            results.add("catalog search p50", statistics.median(api), "ms")
            results.add("catalog search p99", percentile(api, 99), "ms")
            results.add("catalog name search p99 (API)", percentile(by_name, 99), "ms")
            results.add("catalog search with exact total p50", statistics.median(exact), "ms")
            results.add("catalog search with exact total p99", percentile(exact, 99), "ms")
            results.add("baseline: raw asyncpg name search p50", statistics.median(baseline), "ms")
            results.add("baseline: raw asyncpg name search p99", percentile(baseline, 99), "ms")
            results.add("ratio name search p99 API / raw", percentile(by_name, 99) / percentile(baseline, 99), "x")
    finally:
        await svc.stop()
        await bus.close()
        await servers.drop_database(name)


def main(results: Results, products: int = 10_000, extra: int = 90_000, searches: int = 1_000) -> None:
    print("catalog: Excel import and product search (PostgreSQL, in-process service)")
    asyncio.run(run(results, products, extra, searches))
