"""Builds the CJ온스타일 adapter for one account (see marketbridge.connectors.factories)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.cjmall.adapter import CjmallAdapter, CjmallCredentials
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("vendor_id", "vendor_cert_key")


def build(config: AdapterConfig) -> MarketplaceAdapter:
    credentials = CjmallCredentials(config.credentials["vendor_id"], config.credentials["vendor_cert_key"])
    rate = RateLimit.within(config.rate_per_second)
    timeout = config.http_timeout()
    return CjmallAdapter(credentials, config.base_url, rate, account_key=config.account_id, timeout=timeout)
