"""Our carrier codes (marketbridge `Carrier` values) <-> 롯데ON `dvCoCd` (4 digits; spec lotteon.md §4).

CVSNET and CUPARCEL both map to `0044` 편의점택배(GS/CU); `0044` reads back as CVSNET."""

from __future__ import annotations

from marketbridge.connectors.errors import PermanentMarketplaceError

TO_LOTTEON: dict[str, str] = {
    "CJ_LOGISTICS": "0002",
    "LOTTE": "0001",
    "HANJIN": "0006",
    "EPOST": "0004",
    "LOGEN": "0005",
    "KDEXP": "0024",
    "ILYANG": "0041",
    "CHUNIL": "0043",
    "HDEXP": "0049",
    "DAESIN": "0028",
    "KUNYOUNG": "0023",
    "CVSNET": "0044",
    "CUPARCEL": "0044",
}
FROM_LOTTEON: dict[str, str] = {code: ours for ours, code in reversed(TO_LOTTEON.items())}


def to_lotteon(courier_code: str) -> str | None:
    return TO_LOTTEON.get(courier_code)


def require_lotteon(courier_code: str, operation: str) -> str:
    code = TO_LOTTEON.get(courier_code)
    if code is None:
        raise PermanentMarketplaceError(
            "lotteon", "UNMAPPED_COURIER", f"롯데ON에 매핑된 택배사가 아닙니다: {courier_code}", operation=operation
        )
    return code


def from_lotteon(code: str | None) -> str | None:
    return FROM_LOTTEON.get(code) if code else None
