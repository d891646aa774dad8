"""The embedded mode: every service in one process and one event loop, each on its own SQLite file,
talking through one in-memory bus; the sandbox marketplaces are served by the same HTTP server under
/sandbox, and the gateway reaches each service in-process (httpx.ASGITransport). Same code as the
distributed mode, different wiring."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import structlog
from marketbridge.connectors.factories import PACKAGES, connectable
from marketbridge.embedded.distributed import sandbox_base_urls
from marketbridge.gateway.bootstrap import Gateway, ensure_demo_tenant
from marketbridge.gateway.bootstrap import build as build_gateway
from marketbridge.gateway.config import GatewaySettings
from marketbridge.runtime.bus.base import RetryPolicy
from marketbridge.runtime.bus.memory import InMemoryBus
from marketbridge.runtime.entry import Service
from marketbridge.sandbox.app import create_app as create_sandbox_app
from marketbridge.sandbox.state import SandboxState

log = structlog.get_logger(__name__)
SERVICES = ("catalog", "listing", "order_collector", "fulfillment", "claims", "inquiries", "analytics")
SANDBOX_PREFIX = "/sandbox"
DEMO_TENANT = "데모상점"


def sandbox_driver(marketplace: str, client: httpx.AsyncClient, webhooks_url: str) -> Any | None:
    """The emulator driver of a marketplace (docs/CONNECTORS.md), or None when it has none."""
    package = PACKAGES[marketplace]
    name = f"marketbridge.sandbox.{package}.driver"
    if importlib.util.find_spec(name) is None:
        return None
    module = importlib.import_module(name)
    if package == "esm":
        return module.Driver(client, site=marketplace)
    if package == "gsshop":  # GS SHOP pushes orders to the receiver our connectors service exposes
        return module.Driver(client, receiver_base_url=f"{webhooks_url}/gsshop")
    return module.Driver(client)


@dataclass
class EmbeddedHost:
    data_dir: Path = Path("data")
    host: str = "127.0.0.1"
    port: int = 8000
    bus: InMemoryBus = field(default_factory=lambda: InMemoryBus(RetryPolicy((1000, 5000, 30000), 4)))
    sandbox: SandboxState = field(default_factory=SandboxState)
    services: dict[str, Service] = field(default_factory=dict)
    gateway: Gateway | None = None
    sandbox_app: Any = None
    demo_sellers: dict[str, dict[str, str]] = field(default_factory=dict)  # the sandbox sellers of this run

    def _settings(self, module: Any, name: str) -> Any:
        return module.Settings(
            database_url=f"sqlite+aiosqlite:///{self.data_dir}/{name}.db", bus="memory", environment="dev",
            http_host=self.host, http_port=self.port,
        )

    def build(self) -> Gateway:
        for name in SERVICES:
            module = importlib.import_module(f"marketbridge.{name}.bootstrap")
            kwargs = {"bus": self.bus} if "bus" in module.build.__code__.co_varnames else {}
            self.services[name] = module.build(self._settings(module, name), **kwargs)
        connectors = importlib.import_module("marketbridge.connectors.bootstrap")
        settings = self._settings(connectors, "connectors").model_copy(update={
            "marketplace_base_urls": sandbox_base_urls(f"http://{self.host}:{self.port}{SANDBOX_PREFIX}"),
        })
        self.services["connectors"] = connectors.build(settings, bus=self.bus, workers=tuple(connectable()))
        transports = {
            name.replace("_", "-"): httpx.ASGITransport(app=svc.app) for name, svc in self.services.items()
        }
        gateway_settings = GatewaySettings(
            database_url=f"sqlite+aiosqlite:///{self.data_dir}/gateway.db", bus="memory", environment="dev",
        )
        self.gateway = build_gateway(gateway_settings, bus=self.bus, transports=transports)
        self.sandbox_app = create_sandbox_app(self.sandbox)
        self.gateway.app.mount(SANDBOX_PREFIX, self.sandbox_app)
        self.gateway.app.mount("/webhooks", self.services["connectors"].webhooks)  # type: ignore[attr-defined]
        return self.gateway

    async def start(self) -> None:
        assert self.gateway is not None
        await self.bus.start()
        for svc in self.services.values():
            await svc.start()
        await self.gateway.start()
        tenant_id, user_id = await ensure_demo_tenant(self.gateway)
        await self._ensure_demo_accounts(tenant_id, user_id)

    async def _ensure_demo_accounts(self, tenant_id: str, user_id: str) -> None:
        """The demo seller has an account on every sandbox marketplace (embedded mode only). The sandbox
        forgets its sellers when the process stops, so each start creates fresh sandbox sellers and points
        the demo accounts (kept in SQLite) at them."""
        from marketbridge.connectors.accounts import Accounts
        from marketbridge.connectors.bootstrap import ConnectorsService
        from marketbridge.contracts.marketplaces import MARKETPLACES
        from marketbridge.runtime.http import RequestContext

        connectors = self.services["connectors"]
        assert isinstance(connectors, ConnectorsService)
        accounts = Accounts(connectors.runtime, connectors.pool.box)
        existing = {a["marketplace"]: a for a in await accounts.list(tenant_id)}
        ctx = RequestContext(tenant_id, user_id, "owner", "demo-seed", DEMO_TENANT)
        transport = httpx.ASGITransport(app=self.sandbox_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox", timeout=30) as client:
            for marketplace in connectable():
                driver = sandbox_driver(marketplace, client, f"http://{self.host}:{self.port}/webhooks")
                if driver is None:
                    continue
                seller = await driver.create_seller()
                self.demo_sellers[marketplace] = seller
                credentials = {k: v for k, v in seller.items() if k != "seller_id"}
                if marketplace in existing:
                    await accounts.reseed(existing[marketplace]["account_id"], seller["seller_id"], credentials)
                else:
                    await accounts.register(
                        ctx, marketplace=marketplace, seller_id=seller["seller_id"],
                        display_name=f"데모 {MARKETPLACES[marketplace].name_ko} (샌드박스)", credentials=credentials,
                        key_expires_at=None,
                    )

    async def stop(self) -> None:
        await self.bus.stop_consuming()
        for svc in self.services.values():
            await svc.stop()
        if self.gateway is not None:
            await self.gateway.stop()
        await self.bus.close()
