"""MarketBridge claims."""
