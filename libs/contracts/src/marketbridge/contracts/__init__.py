"""MarketBridge contracts."""
