"""MarketBridge order collector."""
