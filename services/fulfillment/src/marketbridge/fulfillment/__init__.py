"""MarketBridge fulfillment."""
