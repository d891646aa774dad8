"""Builds the ESM adapter (G마켓 or 옥션, by `config.marketplace`) for one account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.connectors.esm.adapter import AuctionAdapter, EsmAdapter, GmarketAdapter
from marketbridge.connectors.esm.auth import EsmCredentials
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.ratelimit import RateLimit

if TYPE_CHECKING:
    from marketbridge.connectors.registry import AdapterConfig

CREDENTIAL_FIELDS = ("master_id", "secret_key", "site_seller_id")
ADAPTERS: dict[str, type[EsmAdapter]] = {"gmarket": GmarketAdapter, "auction": AuctionAdapter}


def build(config: AdapterConfig) -> MarketplaceAdapter:
    adapter_type = ADAPTERS.get(config.marketplace)
    if adapter_type is None:
        raise ValueError(f"the ESM factory serves gmarket and auction, not {config.marketplace}")
    credentials = EsmCredentials(
        master_id=config.credentials["master_id"],
        secret_key=config.credentials["secret_key"],
        site_seller_id=config.credentials.get("site_seller_id") or config.seller_id,
        site=adapter_type.site,
    )
    rate = RateLimit.within(config.rate_per_second)
    timeout = config.http_timeout()
    return adapter_type(credentials, config.base_url, rate, account_key=config.account_id, timeout=timeout)
