"""Fulfillment domain: the Order aggregate (pure; no I/O, no framework imports)."""
