"""Builds the 공영홈쇼핑 adapter — (modelled) dialect, our invention — for one account (see factories)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.publichs.adapter import PublicHsAdapter, PublicHsCredentials
from marketbridge.connectors.ratelimit import RateLimit

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("vendor_cd", "api_key")


def build(config: AdapterConfig) -> MarketplaceAdapter:
    credentials = PublicHsCredentials(config.credentials["vendor_cd"], config.credentials["api_key"])
    rate = RateLimit.within(config.rate_per_second)
    timeout = config.http_timeout()
    return PublicHsAdapter(credentials, config.base_url, rate, account_key=config.account_id, timeout=timeout)
