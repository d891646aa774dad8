"""How each marketplace's adapter is built from an account's configuration.

Every adapter package `marketbridge.connectors.<package>` has a module `factory` exposing
`CREDENTIAL_FIELDS` (the credentials an account must register) and `build(config) -> MarketplaceAdapter`.
A marketplace is connectable when its factory module exists.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from marketbridge.connectors.ports import MarketplaceAdapter

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

AdapterFactory = Callable[["AdapterConfig"], MarketplaceAdapter]

# marketplace code → adapter package (Gmarket and Auction share the ESM dialect)
PACKAGES = {
    "naver": "naver", "coupang": "coupang", "st11": "st11", "gmarket": "esm", "auction": "esm",
    "lotteon": "lotteon", "interpark": "interpark", "gsshop": "gsshop", "cjmall": "cjmall", "hmall": "hmall",
    "lottehs": "lottehs", "publichs": "publichs",
}


def factory_module(marketplace: str) -> ModuleType | None:
    package = PACKAGES.get(marketplace)
    name = f"marketbridge.connectors.{package}.factory"
    if package is None or importlib.util.find_spec(f"marketbridge.connectors.{package}") is None:
        return None
    if importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)


def connectable() -> list[str]:
    return [m for m in PACKAGES if factory_module(m) is not None]


def credential_fields(marketplace: str) -> tuple[str, ...]:
    module = factory_module(marketplace)
    return tuple(module.CREDENTIAL_FIELDS) if module is not None else ()


def default_factories() -> dict[str, AdapterFactory]:
    out: dict[str, AdapterFactory] = {}
    for marketplace in PACKAGES:
        module = factory_module(marketplace)
        if module is not None:
            out[marketplace] = module.build
    return out
