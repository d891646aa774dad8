"""MarketBridge gateway: the only public HTTP entry (/api/v1), authentication, tenants, users, forwarding."""
