"""Builds the Naver adapter for one account (see marketbridge.connectors.factories)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.naver.adapter import NaverAdapter
from marketbridge.connectors.naver.auth import NaverCredentials
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("client_id", "client_secret")


def build(config: AdapterConfig) -> MarketplaceAdapter:
    credentials = NaverCredentials(
        client_id=config.credentials["client_id"],
        client_secret=config.credentials["client_secret"],
        account_id=config.credentials.get("account_id") or None,
    )
    rate = RateLimit.within(config.rate_per_second)
    timeout = config.http_timeout()
    return NaverAdapter(credentials, config.base_url, rate, account_key=config.account_id, timeout=timeout)
