"""MarketBridge catalog."""
