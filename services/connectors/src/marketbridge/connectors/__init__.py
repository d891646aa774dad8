"""MarketBridge connectors."""
