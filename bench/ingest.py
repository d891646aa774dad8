"""Order ingest end to end in the distributed mode.

The sandbox holds N orders (default 20,000) across several SmartStore accounts; the clock runs from the
collection request until every order is queryable through the gateway. In the same run: the machine's
raw baseline (batched inserts of the same number of order rows into PostgreSQL with asyncpg), the ratio,
and the peak RSS of every process.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import httpx
from marketbridge.embedded.distributed import Stack
from marketbridge.runtime.testing import servers

from bench.results import Results


async def raw_baseline(n: int, batch: int = 300) -> float:
    """Rows/s of batched inserts of order-sized JSON rows into PostgreSQL (no framework)."""
    name = await servers.create_database("mbbench")
    conn = await asyncpg.connect(servers.PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}")
    try:
        await conn.execute("CREATE TABLE orders (id text primary key, tenant_id text, data jsonb)")
        payload = json.dumps({"product_name": "데일리 면 티셔츠", "quantity": 1, "unit_price": 19900,
                              "receiver": "홍길동", "address": "서울특별시 중구 세종대로 110", "status": "new"})
        rows = [(str(uuid.uuid4()), "t", payload) for _ in range(n)]
        started = time.perf_counter()
        for i in range(0, n, batch):
            async with conn.transaction():
                await conn.executemany("INSERT INTO orders VALUES ($1, $2, $3::jsonb)", rows[i : i + batch])
        return n / (time.perf_counter() - started)
    finally:
        await conn.close()
        await servers.drop_database(name)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def run(results: Results, orders: int, accounts: int) -> None:
    from tests.e2e.conftest import create_owner, login

    base = 31000
    stack = Stack(
        database=f"mbbench_{uuid.uuid4().hex[:8]}", namespace=f"mbbench{uuid.uuid4().hex[:6]}", base_port=base,
        gateway_port=base + 90, sandbox_port=base + 91, log_dir=Path(tempfile.mkdtemp(prefix="mb-bench-")),
        sandbox_args=["--no-rate-limit"],
        extra_env={"MB_MARKETPLACE_RATE_LIMITS": json.dumps({"naver": 1000}), "MB_LOG_LEVEL": "WARNING",
                   "MB_SCHEDULER_ENABLED": "false"},
    )
    await stack.start()
    try:
        create_owner(stack, "bench@shop.example", "passw0rd!", "벤치상점")
        api = await login(stack, "bench@shop.example", "passw0rd!")
        sandbox = httpx.AsyncClient(base_url=stack.sandbox_url, timeout=300)
        account_ids = []
        for i in range(accounts):
            app = (await sandbox.post("/naver/admin/apps", json={"name": f"bench-{i}"})).json()
            r = await api.post("/api/v1/marketplace-accounts", json={
                "marketplace": "naver", "seller_id": app["account_id"], "display_name": f"스토어 {i}",
                "credentials": {"client_id": app["client_id"], "client_secret": app["client_secret"]}})
            account_ids.append(r.json()["account_id"])
            product = (await sandbox.post("/naver/admin/products", json={"account_id": app["account_id"]})).json()
            await sandbox.post("/naver/admin/orders", json={
                "product_no": product["originProductNo"], "count": orders // accounts, "return_ids": False})
        await asyncio.sleep(2)  # let the account projections settle before the clock starts
        started = time.perf_counter()
        r = await api.post("/api/v1/collections", json={"account_ids": account_ids})
        assert r.status_code == 202, r.text
        total = 0
        while total < orders:
            await asyncio.sleep(0.25)
            total = (await api.get("/api/v1/orders", params={"limit": 1})).json()["total"]
            if time.perf_counter() - started > 900:
                raise TimeoutError(f"only {total} of {orders} orders after 900 s")
        elapsed = time.perf_counter() - started
        ingest_rate = orders / elapsed
        baseline = await raw_baseline(orders)
        results.add(f"order ingest end to end ({orders} orders, {accounts} accounts)", elapsed, "s")
        results.add("order ingest end to end", ingest_rate, "orders/s")
        results.add("raw baseline: batched PostgreSQL inserts (300/tx)", baseline, "rows/s")
        results.add("order ingest / raw baseline", ingest_rate / baseline, "ratio")
        for name in sorted(stack.processes):
            results.add(f"peak RSS {name}", peak_rss_mb(stack.pid(name)), "MiB")
    finally:
        await stack.stop()
        await stack.drop_database()
        await servers.delete_namespace(stack.namespace)


def main(results: Results) -> None:
    orders = int(os.environ.get("MB_BENCH_ORDERS", "20000"))
    accounts = int(os.environ.get("MB_BENCH_ACCOUNTS", "4"))
    print(f"order ingest: {orders} orders across {accounts} accounts (distributed mode)")
    asyncio.run(run(results, orders, accounts))
