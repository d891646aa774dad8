"""Our carrier codes <-> GS SHOP `deliveryCd` (2 letters; 10x10's production mapping)."""

from __future__ import annotations

from marketbridge.connectors.homeshopping_common.couriers import reverse, to_market

TO_GSSHOP: dict[str, str] = {
    "CJ_LOGISTICS": "DH",
    "LOTTE": "HD",
    "HANJIN": "HJ",
    "EPOST": "EP",
    "LOGEN": "KG",
    "KDEXP": "KD",
    "ILYANG": "IY",
    "CHUNIL": "CI",
    "HDEXP": "H1",
    "DAESIN": "DS",
    "KUNYOUNG": "KY",
    "CVSNET": "CV",
}
FROM_GSSHOP = reverse(TO_GSSHOP)


def to_gsshop(carrier: str, operation: str = "dispatch") -> str:
    return to_market("gsshop", "GS SHOP", TO_GSSHOP, carrier, operation)


def from_gsshop(code: str | None) -> str | None:
    return FROM_GSSHOP.get(code) if code else None
