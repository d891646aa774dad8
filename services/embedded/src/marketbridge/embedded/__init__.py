"""MarketBridge embedded."""
