"""롯데ON seller Open API adapter (종합몰: no seller cancel, no option prices, no add-ons)."""

from marketbridge.connectors.lotteon.adapter import LotteOnAdapter

__all__ = ["LotteOnAdapter"]
