"""Builds the 롯데홈쇼핑 adapter for one account (see marketbridge.connectors.factories)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.lottehs.adapter import LotteHsAdapter, LotteHsCredentials
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("user_id", "password")


def build(config: AdapterConfig) -> MarketplaceAdapter:
    credentials = LotteHsCredentials(config.credentials["user_id"], config.credentials["password"])
    rate = RateLimit.within(config.rate_per_second)
    timeout = config.http_timeout()
    return LotteHsAdapter(credentials, config.base_url, rate, account_key=config.account_id, timeout=timeout)
