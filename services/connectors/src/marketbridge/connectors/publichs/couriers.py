"""Our carrier codes <-> 공영홈쇼핑 `dlvCoCd` — (modelled): no table is public; CJ온스타일's `delicompCd` is used."""

from __future__ import annotations

from marketbridge.connectors.homeshopping_common.couriers import reverse, to_market

TO_PUBLICHS: dict[str, str] = {
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
FROM_PUBLICHS = reverse(TO_PUBLICHS)


def to_publichs(carrier: str, operation: str = "dispatch") -> str:
    return to_market("publichs", "공영홈쇼핑", TO_PUBLICHS, carrier, operation)


def from_publichs(code: str | None) -> str | None:
    return FROM_PUBLICHS.get(code) if code else None
