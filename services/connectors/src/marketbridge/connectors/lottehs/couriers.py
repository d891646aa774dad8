"""Our carrier codes <-> 롯데홈쇼핑 `hdc_cd` ("new" mapping of 10x10's production code)."""

from __future__ import annotations

from marketbridge.connectors.homeshopping_common.couriers import reverse, to_market

TO_LOTTEHS: dict[str, str] = {
    "CJ_LOGISTICS": "12",
    "LOTTE": "11",
    "HANJIN": "15",
    "EPOST": "31",
    "LOGEN": "24",
    "KDEXP": "49",
    "ILYANG": "18",
    "CHUNIL": "17",
    "DAESIN": "38",
    "CVSNET": "62",
}
FROM_LOTTEHS = reverse(TO_LOTTEHS)


def to_lottehs(carrier: str, operation: str = "dispatch") -> str:
    return to_market("lottehs", "롯데홈쇼핑", TO_LOTTEHS, carrier, operation)


def from_lottehs(code: str | None) -> str | None:
    return FROM_LOTTEHS.get(code) if code else None
