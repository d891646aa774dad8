"""MarketBridge sandbox."""
