"""인터파크 (Interpark) supplier API adapter (EUC-KR XML; products pulled from our `dataUrl` feed)."""

from marketbridge.connectors.interpark.adapter import InterparkAdapter
from marketbridge.connectors.interpark.feed import LocalProductFeed, MountedProductFeed, ProductFeed, feed_router
from marketbridge.connectors.interpark.http import InterparkCredentials

__all__ = [
    "InterparkAdapter",
    "InterparkCredentials",
    "LocalProductFeed",
    "MountedProductFeed",
    "ProductFeed",
    "feed_router",
]
