"""Builds the GS SHOP adapter for one account (see marketbridge.connectors.factories). Pushed orders are read
from `marketbridge.connectors.gsshop.store.default_store()` (install the service's store with `configure`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.gsshop.adapter import GsshopAdapter, GsshopCredentials
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("sup_cd", "sender_id", "receiver_token")


def build(config: AdapterConfig) -> MarketplaceAdapter:
    c = config.credentials
    credentials = GsshopCredentials(c["sup_cd"], c["sender_id"], c["receiver_token"])
    rate = RateLimit.within(config.rate_per_second)
    timeout = config.http_timeout()
    return GsshopAdapter(credentials, config.base_url, rate, account_key=config.account_id, timeout=timeout)
