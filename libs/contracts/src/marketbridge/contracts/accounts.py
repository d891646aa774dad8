"""Marketplace account events published by connectors (never carrying secrets)."""

from __future__ import annotations

from marketbridge.contracts.base import Message


class MarketplaceAccountRegistered(Message):
    TYPE = "connectors.marketplace_account_registered.v1"
    account_id: str
    marketplace: str
    seller_id: str
    display_name: str
    active: bool = True


class MarketplaceAccountChanged(Message):
    TYPE = "connectors.marketplace_account_changed.v1"
    account_id: str
    marketplace: str
    seller_id: str
    display_name: str
    active: bool
