"""Our carrier codes (marketbridge `Carrier` values) <-> 인터파크 `sc.delvEntrNo` (6-digit entity numbers
from the spec's 10x10 mapping; may be stale). Carriers without a known number are left unmapped."""

from __future__ import annotations

TO_INTERPARK: dict[str, str] = {
    "CJ_LOGISTICS": "169177",  # 대한통운 (169168, the old CJ GLS number, is read back as CJ too)
    "HANJIN": "169178",
    "LOTTE": "169198",  # 현대(롯데)
    "EPOST": "169199",
    "LOGEN": "169182",
    "KDEXP": "303978",
    "ILYANG": "263792",
    "CHUNIL": "230175",
    "DAESIN": "258064",
    "KUNYOUNG": "231194",
    "CVSNET": "169172",
}
FROM_INTERPARK: dict[str, str] = {code: ours for ours, code in TO_INTERPARK.items()} | {"169168": "CJ_LOGISTICS"}


def to_interpark(courier_code: str) -> str | None:
    return TO_INTERPARK.get(courier_code)


def from_interpark(code: str | None) -> str | None:
    return FROM_INTERPARK.get(code) if code else None
