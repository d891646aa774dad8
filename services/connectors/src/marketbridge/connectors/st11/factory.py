"""Builds the 11번가 adapter for one account (see marketbridge.connectors.factories)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit
from marketbridge.connectors.st11.adapter import St11Adapter

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("api_key",)


def build(config: AdapterConfig) -> MarketplaceAdapter:
    rate = RateLimit.within(config.rate_per_second)
    timeout = config.http_timeout()
    return St11Adapter(
        config.credentials["api_key"], config.base_url, rate, account_key=config.account_id, timeout=timeout
    )
