"""CJ온스타일 (CJmall) supplier interface adapter; (modelled) parts are listed in `adapter.py`."""

from marketbridge.connectors.cjmall.adapter import CjmallAdapter, CjmallCredentials

__all__ = ["CjmallAdapter", "CjmallCredentials"]
