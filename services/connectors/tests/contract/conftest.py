"""The shared contract suite: every (adapter, emulator) pair found in the tree runs the same scenario.

A marketplace takes part as soon as its adapter factory (`marketbridge.connectors.<pkg>.factory`) and its
emulator driver (`marketbridge.sandbox.<pkg>.driver`) exist (docs/CONNECTORS.md)."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from marketbridge.connectors.config import Settings
from marketbridge.connectors.factories import PACKAGES, connectable, factory_module
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.registry import AdapterConfig
from marketbridge.contracts.marketplaces import MARKETPLACES
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.testing import serve_in_loop


def paired_marketplaces() -> list[str]:
    return [m for m in connectable() if importlib.util.find_spec(f"marketbridge.sandbox.{PACKAGES[m]}.driver")]


@dataclass
class Pair:
    marketplace: str
    driver: Any
    seller: dict[str, str]
    base_url: str
    general_mall: bool

    def adapter(self, **overrides: Any) -> MarketplaceAdapter:
        module = factory_module(self.marketplace)
        assert module is not None
        credentials = {k: v for k, v in self.seller.items() if k != "seller_id"}
        config = AdapterConfig(
            marketplace=self.marketplace,
            account_id="contract-account",
            seller_id=self.seller["seller_id"],
            credentials=credentials,
            base_url=f"{self.base_url}/{PACKAGES[self.marketplace]}/external",
            rate_per_second=overrides.get("rate", Settings().marketplace_rate_limits.get(self.marketplace, 5.0)),
            timeout_seconds=overrides.get("timeout", 5.0),
        )
        adapter: MarketplaceAdapter = module.build(config)
        return adapter


@pytest.fixture(scope="module")
def sandbox_app() -> Any:
    return create_app()


@pytest.fixture(params=paired_marketplaces())
async def pair(request: pytest.FixtureRequest, sandbox_app: Any) -> AsyncIterator[Pair]:
    marketplace = request.param
    driver_module = importlib.import_module(f"marketbridge.sandbox.{PACKAGES[marketplace]}.driver")
    async with serve_in_loop(sandbox_app) as base_url, httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        driver = (
            driver_module.Driver(client)
            if marketplace not in ("gmarket", "auction")
            else driver_module.Driver(client, site=marketplace)
        )
        seller = await driver.create_seller()
        yield Pair(marketplace, driver, seller, base_url, MARKETPLACES[marketplace].type == "general_mall")
        await driver.clear_faults()
