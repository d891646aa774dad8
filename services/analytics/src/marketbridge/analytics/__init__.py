"""MarketBridge analytics."""
