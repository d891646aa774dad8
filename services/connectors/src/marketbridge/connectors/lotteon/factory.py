"""Builds the 롯데ON adapter for one account (see marketbridge.connectors.factories)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.lotteon.adapter import LotteOnAdapter
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("api_key", "tr_no")


def build(config: AdapterConfig) -> MarketplaceAdapter:
    rate = RateLimit.within(config.rate_per_second)
    timeout = config.http_timeout()
    return LotteOnAdapter(
        config.credentials["api_key"],
        config.credentials.get("tr_no") or config.seller_id,
        config.base_url,
        rate,
        lrtr_no=config.credentials.get("lrtr_no") or None,
        account_key=config.account_id,
        timeout=timeout,
    )
