import asyncio
import json
import os
import subprocess
import sys

import httpx
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from marketbridge.gateway.adapters.tables import metadata
from marketbridge.gateway.bootstrap import DEMO_EMAIL, build, ensure_demo_tenant
from marketbridge.gateway.config import GatewaySettings
from marketbridge.runtime.migrations import alembic_config, upgrade
from sqlalchemy import text


async def test_alembic_creates_exactly_the_declared_tables(gateway) -> None:
    async with gateway.runtime.db.read() as conn:
        version = await conn.scalar(text("SELECT version_num FROM alembic_version"))
        diff = await conn.run_sync(lambda sync: compare_metadata(MigrationContext.configure(sync), metadata))
    assert version == "gateway_0001"
    assert diff == []
    assert {"events", "outbox", "inbox", "tenants", "users"} <= set(metadata.tables)


async def test_migrations_downgrade_and_upgrade_again(gateway) -> None:
    db = gateway.runtime.db
    cfg = alembic_config(gateway.runtime.migrations or "", db.url, db.schema)
    await asyncio.to_thread(command.downgrade, cfg, "base")
    async with db.read() as conn:
        tables = await conn.scalar(text("SELECT count(*) FROM pg_tables WHERE tablename IN ('users', 'tenants') AND schemaname = :s"),
                                    {"s": db.schema})
    assert tables == 0
    async with db.read() as conn:
        leftovers = await conn.scalar(text("SELECT count(*) FROM pg_tables WHERE schemaname = :s"), {"s": db.schema})
    assert leftovers == 1  # alembic_version only
    await upgrade(db, gateway.runtime.migrations or "")
    async with db.read() as conn:
        assert await conn.scalar(text("SELECT version_num FROM alembic_version")) == "gateway_0001"


def run_cli(pg_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MB_DATABASE_URL": pg_url, "MB_PASSWORD_HASH_TIME_COST": "1",
           "MB_PASSWORD_HASH_MEMORY_KIB": "1024"}
    return subprocess.run([sys.executable, "-m", "marketbridge.gateway", *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


async def test_create_owner_cli_makes_a_tenant_whose_owner_can_log_in(pg_url, settings, transports) -> None:
    args = ["create-owner", "--tenant-name", "별빛상회", "--email", "boss@star.example.kr", "--password", "start-pass-1"]
    done = run_cli(pg_url, *args, "--name", "김대표")
    assert done.returncode == 0, done.stderr
    created = json.loads(done.stdout.strip().splitlines()[-1])
    again = run_cli(pg_url, *args)
    assert again.returncode == 1 and "EMAIL_ALREADY_USED" in again.stderr and "이미 사용 중인 이메일" in again.stderr
    weak = run_cli(pg_url, "create-owner", "--tenant-name", "x", "--email", "w@x.kr", "--password", "weak")
    assert weak.returncode == 1 and "PASSWORD_TOO_SHORT" in weak.stderr

    gateway = build(settings, transports=transports)
    await gateway.start()
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway.app), base_url="http://gw") as client:
            token = await client.post("/api/v1/auth/token",
                                      data={"username": "boss@star.example.kr", "password": "start-pass-1"})
            me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token.json()['access_token']}"})
        assert me.json()["id"] == created["user_id"] and me.json()["tenant"] == {"id": created["tenant_id"],
                                                                                  "name": "별빛상회"}
    finally:
        await gateway.stop()


async def test_demo_tenant_is_seeded_only_in_embedded_dev_mode(pg_url, transports) -> None:
    dev = GatewaySettings(database_url=pg_url, environment="dev", password_hash_time_cost=1,
                          password_hash_memory_kib=1024)
    distributed = build(dev)
    with pytest.raises(RuntimeError):
        await ensure_demo_tenant(distributed)
    await distributed.runtime.db.dispose()
    test_env = build(dev.model_copy(update={"environment": "test"}), transports=transports)
    with pytest.raises(RuntimeError):
        await ensure_demo_tenant(test_env)
    await test_env.runtime.db.dispose()

    embedded = build(dev, transports=transports)
    await embedded.start()
    try:
        first = await ensure_demo_tenant(embedded)
        assert await ensure_demo_tenant(embedded) == first
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=embedded.app), base_url="http://gw") as client:
            token = await client.post("/api/v1/auth/token", data={"username": DEMO_EMAIL, "password": "demo"})
            assert token.status_code == 200
            auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
            assert (await client.get("/api/v1/tenant", headers=auth)).json()["name"] == "데모상점"
    finally:
        await embedded.stop()
