"""Builds the 인터파크 adapter for one account (see marketbridge.connectors.factories).

`config.base_url` is the order host (`https://joinapi.interpark.com`); products go to
`https://ipss1.interpark.com` unless the credentials name a `product_base_url`, or the base URL is not
the real order host (the sandbox serves both under one base URL). The product feed is
`feed.default_feed()` (see feed.py for how the connectors service mounts it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.interpark.adapter import InterparkAdapter
from marketbridge.connectors.interpark.http import InterparkCredentials
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("entr_id", "supply_entr_no", "supply_ctrt_seq", "cite_key", "secret_key")
ORDER_HOST = "joinapi.interpark.com"
PRODUCT_BASE_URL = "https://ipss1.interpark.com"


def build(config: AdapterConfig) -> MarketplaceAdapter:
    c = config.credentials
    credentials = InterparkCredentials(
        c["entr_id"], c["supply_entr_no"], c["supply_ctrt_seq"], c["cite_key"], c["secret_key"]
    )
    product_url = c.get("product_base_url") or (PRODUCT_BASE_URL if ORDER_HOST in config.base_url else config.base_url)
    rate = RateLimit.within(config.rate_per_second)
    timeout = config.http_timeout()
    return InterparkAdapter(
        credentials, config.base_url, product_url, rate, account_key=config.account_id, timeout=timeout
    )
