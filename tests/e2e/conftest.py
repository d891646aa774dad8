"""End-to-end fixtures: the distributed mode (every service and worker its own process) on the real
PostgreSQL and RabbitMQ, with a fresh database and broker namespace, torn down afterwards."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from marketbridge.embedded.distributed import Stack
from marketbridge.runtime.testing import servers

pytestmark = pytest.mark.e2e


def _free_base_port() -> int:
    for _ in range(200):
        base = random.randrange(20000, 40000, 100)
        ports = [base + i for i in range(0, 60)]
        if all(_free(p) for p in ports):
            return base
    raise RuntimeError("no free port range")


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@dataclass
class Seller:
    stack: Stack
    client: httpx.AsyncClient  # the gateway, logged in as the owner
    sandbox: httpx.AsyncClient
    account_id: str
    naver_seller: str


async def start_stack(tmp_path: Path, session_prefix: str, extra_env: dict[str, str] | None = None,
                      sandbox_args: list[str] | None = None) -> Stack:
    servers.run(servers.check_rabbitmq())
    base = _free_base_port()
    stack = Stack(
        database=f"mbe2e_{uuid.uuid4().hex[:10]}", namespace=f"{session_prefix}-e2e{uuid.uuid4().hex[:6]}",
        base_port=base, gateway_port=base + 90, sandbox_port=base + 91, log_dir=tmp_path / "logs",
        sandbox_args=sandbox_args or ["--demo", "--rate", "200", "--burst", "400"],
        extra_env={"MB_RETRY_DELAYS_MS": "[300,1000,2000]", "MB_LOG_LEVEL": "INFO", **(extra_env or {})},
    )
    try:
        # 23 processes importing at once on 2 cores: under other load the slowest needs well over a minute
        await stack.start(timeout=360.0)
    except Exception:
        await stack.stop()
        _dump_logs(stack)
        raise
    return stack


def _dump_logs(stack: Stack) -> None:
    for log in sorted(stack.log_dir.glob("*.log")):
        tail = log.read_text(errors="replace")[-3000:]
        print(f"----- {log.name} -----\n{tail}")


async def stop_stack(stack: Stack, failed: bool) -> None:
    await stack.stop()
    if failed:
        _dump_logs(stack)
    await stack.drop_database()
    await servers.delete_namespace(stack.namespace)


def create_owner(stack: Stack, email: str, password: str, tenant: str) -> None:
    spec = next(s for s in stack.specs() if s.name == "gateway")
    env = stack.env_for(spec)
    out = subprocess.run(
        [sys.executable, "-m", "marketbridge.gateway", "create-owner", "--tenant-name", tenant, "--email", email,
         "--password", password, "--name", "대표"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert out.returncode == 0, out.stderr + out.stdout


async def login(stack: Stack, email: str, password: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=stack.gateway_url, timeout=30)
    r = await client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert r.status_code == 200, r.text
    client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    return client


async def onboard(stack: Stack, email: str = "owner@shop.example", tenant: str = "테스트상점") -> Seller:
    create_owner(stack, email, "passw0rd!", tenant)
    client = await login(stack, email, "passw0rd!")
    sandbox = httpx.AsyncClient(base_url=stack.sandbox_url, timeout=60)
    app = (await sandbox.post("/naver/admin/apps", json={"name": tenant})).json()
    r = await client.post("/api/v1/marketplace-accounts", json={
        "marketplace": "naver", "seller_id": app["account_id"], "display_name": "스마트스토어",
        "credentials": {"client_id": app["client_id"], "client_secret": app["client_secret"]},
    })
    assert r.status_code == 201, r.text
    return Seller(stack, client, sandbox, r.json()["account_id"], app["account_id"])


async def eventually(check: Any, timeout: float = 60.0, interval: float = 0.3) -> Any:
    import asyncio

    deadline = asyncio.get_running_loop().time() + timeout
    last: Any = None
    while asyncio.get_running_loop().time() < deadline:
        last = await check()
        if last:
            return last
        await asyncio.sleep(interval)
    raise AssertionError(f"condition not reached within {timeout}s (last: {last!r})")


@pytest.fixture
async def stack(tmp_path: Path, session_prefix: str, request: pytest.FixtureRequest) -> AsyncIterator[Stack]:
    s = await start_stack(tmp_path, session_prefix)
    yield s
    failed = bool(getattr(request.node, "rep_call", None) and request.node.rep_call.failed)
    await stop_stack(s, failed)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Any:
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


os.environ.setdefault("MB_E2E", "1")
