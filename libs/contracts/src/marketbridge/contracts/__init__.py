"""MarketBridge integration contracts: the envelope and the schemas of every event and command that
crosses a service boundary. Pydantic only; no runtime behaviour."""

from marketbridge.contracts import accounts, catalog, listing, marketplaces, orders
from marketbridge.contracts.base import REGISTRY, Message, base_type
from marketbridge.contracts.envelope import Envelope, new_message_id

__all__ = [
    "REGISTRY",
    "Envelope",
    "Message",
    "accounts",
    "base_type",
    "catalog",
    "listing",
    "marketplaces",
    "new_message_id",
    "orders",
]
