"""11번가 (11st) seller Open API adapter (XML in EUC-KR, `openapikey` header)."""

from marketbridge.connectors.st11.adapter import St11Adapter

__all__ = ["St11Adapter"]
