"""MarketBridge runtime."""
