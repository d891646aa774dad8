"""Our carrier codes <-> Hmall `DsrvDlvcoCd` (10x10 production mapping; see the spec's homeshopping.md)."""

from __future__ import annotations

from marketbridge.connectors.homeshopping_common.couriers import reverse, to_market

TO_HMALL: dict[str, str] = {
    "CJ_LOGISTICS": "12",
    "LOTTE": "11",
    "HANJIN": "13",
    "EPOST": "35",
    "LOGEN": "33",
    "KDEXP": "61",
    "ILYANG": "38",
    "CHUNIL": "64",
    "HDEXP": "68",
    "DAESIN": "69",
    "KUNYOUNG": "70",
    "CVSNET": "65",
    "CUPARCEL": "65",
}
FROM_HMALL = reverse(TO_HMALL)


def to_hmall(carrier: str, operation: str = "dispatch") -> str:
    return to_market("hmall", "현대Hmall", TO_HMALL, carrier, operation)


def from_hmall(code: str | None) -> str | None:
    return FROM_HMALL.get(code) if code else None
