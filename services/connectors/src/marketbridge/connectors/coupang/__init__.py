"""Coupang WING Open API adapter (CEA HMAC-SHA256 signing, order sheets by shipment box)."""

from marketbridge.connectors.coupang.adapter import CoupangAdapter
from marketbridge.connectors.coupang.signing import CoupangCredentials, authorization, signature, signed_date

__all__ = ["CoupangAdapter", "CoupangCredentials", "authorization", "signature", "signed_date"]
