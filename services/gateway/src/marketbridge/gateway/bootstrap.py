"""Composition root: `build(settings, *, bus=None, transports=None) -> Gateway`.

Distributed: services are reached at `settings.service_urls`. Embedded: the host passes an in-process
`httpx.ASGITransport` per service (and its shared in-memory bus); the code is the same either way.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.responses import Response
from marketbridge.gateway.adapters import repository as repo
from marketbridge.gateway.adapters.openapi import MergedOpenApi
from marketbridge.gateway.adapters.passwords import Passwords
from marketbridge.gateway.adapters.tables import metadata
from marketbridge.gateway.adapters.tokens import Tokens
from marketbridge.gateway.adapters.upstream import Upstreams
from marketbridge.gateway.config import GatewaySettings
from marketbridge.gateway.domain.commands import RegisterTenant
from marketbridge.gateway.entrypoints.api import api_router
from marketbridge.gateway.entrypoints.edge import install_edge
from marketbridge.gateway.entrypoints.proxy import proxy_router
from marketbridge.gateway.entrypoints.security import principal_dependency
from marketbridge.gateway.handlers import Context
from marketbridge.gateway.handlers.tenants import register_tenant
from marketbridge.runtime.bus.base import MessageBus
from marketbridge.runtime.errors import Conflict
from marketbridge.runtime.http import OrjsonResponse, create_service_app
from marketbridge.runtime.service import ServiceRuntime

MIGRATIONS = str(Path(__file__).parent / "migrations")
DEMO_TENANT_NAME = "데모상점"
DEMO_EMAIL = "demo@marketbridge.local"
DEMO_PASSWORD = "demo"
DESCRIPTION = (
    "MarketBridge 공개 API. `POST /api/v1/auth/token`으로 로그인한 뒤 `Authorization: Bearer <token>`으로 호출합니다. "
    "오류는 모두 `{code, message, errors[{code, field, rule, message}]}` 형식입니다."
)


@dataclass
class Gateway:
    settings: GatewaySettings
    runtime: ServiceRuntime
    context: Context
    upstreams: Upstreams
    embedded: bool
    app: FastAPI = field(init=False)
    _started: bool = field(default=False, init=False)

    async def start(self) -> None:
        """Migrate, then start the outbox relay (the gateway consumes nothing)."""
        if not self._started:
            await self.runtime.start()
            self._started = True

    async def stop(self) -> None:
        if self._started:
            self._started = False
            await self.upstreams.aclose()
            await self.runtime.stop()


def build(
    settings: GatewaySettings,
    *,
    bus: MessageBus | None = None,
    transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
) -> Gateway:
    runtime = ServiceRuntime.build(settings, metadata, migrations=MIGRATIONS, bus=bus)
    hasher = PasswordHasher(time_cost=settings.password_hash_time_cost, memory_cost=settings.password_hash_memory_kib)
    tokens = Tokens(settings.jwt_secret, settings.jwt_ttl_seconds)
    context = Context(runtime.db, runtime.outbox, Passwords(hasher), tokens)
    timeout = httpx.Timeout(settings.upstream_timeout_seconds, connect=settings.upstream_connect_timeout_seconds)
    upstreams = Upstreams(settings.service_urls, transports, timeout=timeout)
    gateway = Gateway(settings, runtime, context, upstreams, embedded=transports is not None)
    gateway.app = _create_app(gateway)
    return gateway


def _create_app(gateway: Gateway) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await gateway.start()
        try:
            yield
        finally:
            await gateway.stop()

    current_principal = principal_dependency(gateway.context)
    routers = [
        api_router(gateway.context, current_principal),
        proxy_router(gateway.upstreams, current_principal, gateway.settings.internal_token),
    ]
    app = create_service_app(
        service="gateway", routers=routers, readiness=[gateway.runtime.ready], lifespan=lifespan, title="MarketBridge API"
    )
    app.description, app.version = DESCRIPTION, "1"
    install_edge(app)
    _serve_merged_openapi(app, gateway)
    return app


def _serve_merged_openapi(app: FastAPI, gateway: Gateway) -> None:
    """Replaces FastAPI's own /openapi.json (which /docs reads) by the merged document."""
    merged = MergedOpenApi(
        gateway.upstreams,
        app.openapi,
        cache_seconds=gateway.settings.openapi_cache_seconds,
        timeout=gateway.settings.openapi_timeout_seconds,
    )
    app.router.routes[:] = [r for r in app.router.routes if getattr(r, "path", None) != app.openapi_url]

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi_json() -> Response:
        return OrjsonResponse(await merged.document())


async def create_owner(
    gateway: Gateway, tenant_name: str, email: str, password: str, display_name: str
) -> tuple[str, str]:
    """A new tenant and its first owner (the CLI's `create-owner`); answers (tenant_id, user_id)."""
    cmd = RegisterTenant(tenant_name=tenant_name, email=email, password=password, display_name=display_name)
    return await register_tenant(gateway.context, cmd, correlation_id=str(uuid.uuid4()))


async def ensure_demo_tenant(gateway: Gateway) -> tuple[str, str]:
    """Embedded dev mode only: tenant '데모상점' with owner demo@marketbridge.local / 'demo' (idempotent).
    'demo' fails the password policy; this seeding alone skips it, explicitly."""
    if gateway.settings.environment != "dev" or not gateway.embedded:
        raise RuntimeError("the demo account exists only in the embedded mode with environment=dev")
    existing = await _demo_owner(gateway)
    if existing is not None:
        return existing
    cmd = RegisterTenant(DEMO_TENANT_NAME, DEMO_EMAIL, DEMO_PASSWORD, "데모 대표", enforce_password_policy=False)
    try:
        return await register_tenant(gateway.context, cmd, correlation_id=str(uuid.uuid4()))
    except Conflict:  # seeded concurrently
        seeded = await _demo_owner(gateway)
        if seeded is None:
            raise
        return seeded


async def _demo_owner(gateway: Gateway) -> tuple[str, str] | None:
    async with gateway.runtime.db.read() as conn:
        found = await repo.credentials_by_email(conn, DEMO_EMAIL)
    return (found.user.tenant_id, found.user.id) if found else None
