"""The connectors service on the real PostgreSQL with the in-memory bus and the whole sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from marketbridge.connectors.bootstrap import ConnectorsService, build
from marketbridge.connectors.config import Settings
from marketbridge.runtime.bus.base import RetryPolicy
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.naver.driver import Driver
from marketbridge.sandbox.testing import serve_in_loop

TENANT = "tenant-health"


def headers(role: str = "manager", tenant: str = TENANT) -> dict[str, str]:
    return {
        "x-mb-tenant-id": tenant,
        "x-mb-user-id": "u1",
        "x-mb-user-role": role,
        "x-mb-internal-token": "dev-internal-token",
    }


@pytest.fixture
async def world(pg_url: str) -> AsyncIterator[tuple[ConnectorsService, InMemoryBus, httpx.AsyncClient, Any, str]]:
    async with serve_in_loop(create_app()) as sandbox_url, httpx.AsyncClient(base_url=sandbox_url) as sandbox:
        bus = InMemoryBus(RetryPolicy((50,), 2))
        settings = Settings(database_url=pg_url, marketplace_base_urls={"naver": f"{sandbox_url}/naver/external"})
        svc = build(settings, bus=bus, workers=("naver",))
        await svc.start()
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=svc.app), base_url="http://c") as client:
            yield svc, bus, client, Driver(sandbox), sandbox_url
        await svc.stop()
        await bus.close()
