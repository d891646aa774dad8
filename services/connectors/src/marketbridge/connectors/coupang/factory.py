"""Builds the Coupang adapter for one account (see marketbridge.connectors.factories)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.coupang.adapter import CoupangAdapter
from marketbridge.connectors.coupang.signing import CoupangCredentials
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("access_key", "secret_key", "vendor_id")
MAX_RATE = 8.0  # documented ~10 calls/s per vendor: rate + burst stays <= 10 calls in any second


def build(config: AdapterConfig) -> MarketplaceAdapter:
    creds = config.credentials
    credentials = CoupangCredentials(
        access_key=creds["access_key"],
        secret_key=creds["secret_key"],
        vendor_id=creds["vendor_id"],
        wing_user_id=creds.get("wing_user_id") or None,
    )
    rate = min(config.rate_per_second, MAX_RATE)
    timeout = config.http_timeout()
    return CoupangAdapter(
        credentials,
        config.base_url,
        RateLimit(rate=rate, burst=max(1, min(2, int(rate)))),
        account_key=config.account_id,
        timeout=timeout,
    )
