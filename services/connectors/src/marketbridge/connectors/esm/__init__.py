"""ESM Trading API adapter (G마켓 + 옥션): one dialect, the site chosen per adapter (`siteType` per call)."""

from marketbridge.connectors.esm.adapter import AuctionAdapter, EsmAdapter, GmarketAdapter
from marketbridge.connectors.esm.auth import EsmCredentials, make_token
from marketbridge.connectors.esm.http import OrderListPacer

__all__ = ["AuctionAdapter", "EsmAdapter", "EsmCredentials", "GmarketAdapter", "OrderListPacer", "make_token"]
