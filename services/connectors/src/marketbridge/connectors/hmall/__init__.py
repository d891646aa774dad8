"""현대Hmall supplier API adapter (Nexacro-style XML datasets, headers `oauserId`/`oauseKey`).

(modelled) parts are listed in `marketbridge.connectors.hmall.adapter`.
"""

from marketbridge.connectors.hmall.adapter import HmallAdapter, HmallCredentials

__all__ = ["HmallAdapter", "HmallCredentials"]
