"""Our carrier codes <-> CJ온스타일 `delicompCd` (10x10's production mapping)."""

from __future__ import annotations

from marketbridge.connectors.homeshopping_common.couriers import reverse, to_market

TO_CJMALL: dict[str, str] = {
    "CJ_LOGISTICS": "22",
    "LOTTE": "11",
    "HANJIN": "15",
    "EPOST": "16",
    "LOGEN": "70",
    "KDEXP": "78",
    "ILYANG": "71",
    "CHUNIL": "82",
    "DAESIN": "81",
    "KUNYOUNG": "65",
}
FROM_CJMALL = reverse(TO_CJMALL)


def to_cjmall(carrier: str, operation: str = "dispatch") -> str:
    return to_market("cjmall", "CJ온스타일", TO_CJMALL, carrier, operation)


def from_cjmall(code: str | None) -> str | None:
    return FROM_CJMALL.get(code) if code else None
