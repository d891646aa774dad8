"""롯데홈쇼핑 (롯데아이몰) Open API adapter; (modelled) parts are listed in `adapter.py`."""

from marketbridge.connectors.lottehs.adapter import LotteHsAdapter, LotteHsCredentials

__all__ = ["LotteHsAdapter", "LotteHsCredentials"]
