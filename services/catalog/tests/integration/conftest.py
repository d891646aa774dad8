"""Fixtures for the catalog service on real PostgreSQL: the service in-process (ASGI transport, in-memory
bus, images in a temporary folder) and `api`, the helpers every integration test uses (importlib mode
cannot import a conftest, so they come through a fixture)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from marketbridge.catalog.adapters.image_storage import LocalImageStorage
from marketbridge.catalog.adapters.tables import metadata
from marketbridge.catalog.bootstrap import CatalogService, Settings, build
from marketbridge.catalog.reference import shipped
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime.bus.base import Subscription
from marketbridge.runtime.bus.memory import InMemoryBus
from sqlalchemy import func, select

TENANT, OTHER = "tenant-a", "tenant-b"
TSHIRT = "01010101"  # 패션의류 > 여성의류 > 티셔츠 > 반팔티셔츠 (notice: wear)
MUG = "08010202"  # 생활/주방 > 주방용품 > 식기 > 컵/머그 (notice: kitchen)
Service = tuple[CatalogService, InMemoryBus, httpx.AsyncClient]


class Api:
    tenant, other, tshirt_category, mug_category = TENANT, OTHER, TSHIRT, MUG

    @staticmethod
    def headers(tenant: str = TENANT, role: str = "manager", user: str = "u1") -> dict[str, str]:
        return {
            "x-mb-tenant-id": tenant,
            "x-mb-user-id": user,
            "x-mb-user-role": role,
            "x-mb-internal-token": "dev-internal-token",
            "x-mb-tenant-name": "%EB%8D%B0%EB%AA%A8%EC%83%81%EC%A0%90",  # 데모상점, URL-encoded by the gateway
        }

    @staticmethod
    def notice(group: str, **values: Any) -> dict[str, Any]:
        info = shipped().notice_group(group)
        assert info is not None
        return {"group": group, "fields": {f.code: values.get(f.code, "상세페이지 참조") for f in info.fields}}

    @classmethod
    def tshirt(cls, **overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": "면 티셔츠 무료배송",
            "category_id": TSHIRT,
            "price": 10000,
            "notice": cls.notice("wear"),
            "options": {
                "type": "combination",
                "names": [{"name": "색상", "values": "빨강,파랑"}, {"name": "사이즈", "values": ["S", "M"]}],
                "rows": [
                    {"values": ["빨강", "S"], "add_price": 0, "stock": 3},
                    {"values": ["빨강", "M"], "add_price": 1000, "stock": 3},
                    {"values": ["파랑", "S"], "sign": "-", "add_price": 500, "stock": 3},
                    {"values": ["파랑", "M"], "add_price": 6000, "sale_flag": "unsellable", "stock": 1},
                ],
            },
        }
        return body | overrides

    @classmethod
    def mug(cls, **overrides: Any) -> dict[str, Any]:
        body = {"name": "머그컵", "category_id": MUG, "price": 5000, "stock": 10, "notice": cls.notice("kitchen")}
        return body | overrides

    @classmethod
    async def register(cls, client: httpx.AsyncClient, body: dict[str, Any], tenant: str = TENANT) -> dict[str, Any]:
        r = await client.post("/api/v1/products", json=body, headers=cls.headers(tenant))
        assert r.status_code == 201, r.text
        result: dict[str, Any] = r.json()
        return result

    @staticmethod
    async def capture(bus: InMemoryBus, *types: str) -> list[Envelope]:
        seen: list[Envelope] = []

        async def handler(env: Envelope) -> None:
            seen.append(env)

        await bus.subscribe(Subscription(f"test.capture.{'.'.join(types)}", list(types), handler, 1))
        return seen

    @staticmethod
    async def eventually(check: Any, timeout: float = 30) -> Any:
        for _ in range(int(timeout / 0.05)):
            result = await check()
            if result:
                return result
            await asyncio.sleep(0.05)
        raise AssertionError("not reached in time")

    @classmethod
    async def arrived(cls, seen: list[Envelope], count: int = 1) -> list[Envelope]:
        async def enough() -> list[Envelope] | None:
            return seen if len(seen) >= count else None

        result: list[Envelope] = await cls.eventually(enough)
        return result

    @staticmethod
    async def counts(svc: CatalogService) -> tuple[int, int, int]:
        t = metadata.tables
        async with svc.runtime.db.read() as conn:
            found = [
                await conn.scalar(select(func.count()).select_from(t[n])) for n in ("events", "products", "outbox")
            ]
        return int(found[0] or 0), int(found[1] or 0), int(found[2] or 0)


@pytest.fixture
def api() -> type[Api]:
    return Api


@pytest.fixture
async def service(pg_url: str, tmp_path: Path) -> AsyncIterator[Service]:
    bus = InMemoryBus()
    settings = Settings(database_url=pg_url, database_schema="catalog")
    svc = build(settings, bus=bus, image_storage=LocalImageStorage(tmp_path / "images"))
    await svc.start()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=svc.app), base_url="http://catalog") as client:
        yield svc, bus, client
    await svc.stop()
    await bus.close()
