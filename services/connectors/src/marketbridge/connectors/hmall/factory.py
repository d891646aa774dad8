"""Builds the 현대Hmall adapter for one account (see marketbridge.connectors.factories)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.hmall.adapter import HmallAdapter, HmallCredentials
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("oauser_id", "oause_key")


def build(config: AdapterConfig) -> MarketplaceAdapter:
    credentials = HmallCredentials(config.credentials["oauser_id"], config.credentials["oause_key"])
    rate = RateLimit.within(config.rate_per_second)
    timeout = config.http_timeout()
    return HmallAdapter(credentials, config.base_url, rate, account_key=config.account_id, timeout=timeout)
