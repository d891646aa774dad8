"""MarketBridge inquiries."""
