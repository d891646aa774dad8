"""MarketBridge gateway."""
