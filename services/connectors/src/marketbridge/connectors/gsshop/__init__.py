"""GS SHOP supplier API adapter (JSON, request-then-push) and the receiver GS pushes orders to.

(modelled) parts are listed in `adapter.py` and `receiver.py`.
"""

from marketbridge.connectors.gsshop.adapter import GsshopAdapter, GsshopCredentials
from marketbridge.connectors.gsshop.store import InMemoryPushedOrderStore, PushedOrderStore

__all__ = ["GsshopAdapter", "GsshopCredentials", "InMemoryPushedOrderStore", "PushedOrderStore"]
