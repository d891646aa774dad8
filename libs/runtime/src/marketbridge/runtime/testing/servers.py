"""Create and drop what a test run needs on the real servers; fail loudly when a server is down."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import subprocess
import uuid
from collections.abc import Coroutine
from typing import Any, TypeVar

import aio_pika
import asyncpg  # type: ignore[import-untyped]

PG_ADMIN_DSN = os.environ.get("MB_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
T = TypeVar("T")
AMQP_URL = os.environ.get("MB_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")


class ServerUnavailable(RuntimeError):
    pass


def asyncpg_url(database: str) -> str:
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    return f"{base}/{database}"


async def create_database(prefix: str = "mbtest") -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    try:
        conn = await asyncpg.connect(PG_ADMIN_DSN, timeout=10)
    except (OSError, asyncpg.PostgresError) as exc:
        raise ServerUnavailable(
            f"PostgreSQL is required for this test and is not reachable at {PG_ADMIN_DSN}: {exc}. "
            "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
        ) from exc
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name


async def drop_database(name: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_DSN, timeout=10)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def check_rabbitmq() -> None:
    try:
        conn = await aio_pika.connect(AMQP_URL, timeout=10)
    except Exception as exc:
        raise ServerUnavailable(
            f"RabbitMQ is required for this test and is not reachable at {AMQP_URL}: {exc}. "
            "Start it with: rabbitmq-server -detached"
        ) from exc
    await conn.close()


def _rabbitmqctl(kind: str) -> list[str]:
    out = subprocess.run(
        ["rabbitmqctl", "-q", f"list_{kind}", "name"], capture_output=True, text=True, timeout=60, check=False
    )
    return [line.strip() for line in out.stdout.splitlines() if line.strip()]


async def delete_namespace(prefix: str) -> None:
    """Delete every queue and exchange whose name starts with `prefix` (a test run's namespace)."""
    queues = [q for q in _rabbitmqctl("queues") if q.startswith(prefix)]
    exchanges = [e for e in _rabbitmqctl("exchanges") if e.startswith(prefix)]
    if not queues and not exchanges:
        return
    conn = await aio_pika.connect(AMQP_URL, timeout=10)
    try:
        channel = await conn.channel()
        for q in queues:
            await channel.queue_delete(q)
        for e in exchanges:
            await channel.exchange_delete(e)
    finally:
        await conn.close()


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code, even inside a running loop (session fixtures)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
