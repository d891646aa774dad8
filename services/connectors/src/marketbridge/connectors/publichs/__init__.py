"""공영홈쇼핑 supplier API adapter — (modelled): the whole dialect is our invention (see `adapter.py`)."""

from marketbridge.connectors.publichs.adapter import PublicHsAdapter, PublicHsCredentials

__all__ = ["PublicHsAdapter", "PublicHsCredentials"]
