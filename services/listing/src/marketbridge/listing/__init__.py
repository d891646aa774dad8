"""MarketBridge listing."""
