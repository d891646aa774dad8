"""Our carrier codes (marketbridge `Carrier` values) <-> 11번가 `dlvEtprsCd` (spec 11st.md §4; the
seller-office list `PD016` is not public, so carriers it does not show are left unmapped)."""

from __future__ import annotations

TO_ST11: dict[str, str] = {
    "CJ_LOGISTICS": "00034",
    "HANJIN": "00011",
    "LOTTE": "00012",  # 롯데(구 현대)택배
    "EPOST": "00007",
    "LOGEN": "00002",
    "KDEXP": "00026",
    "ILYANG": "00022",
    "CHUNIL": "00027",
    "HDEXP": "00035",
    "DAESIN": "00021",
    "KUNYOUNG": "00037",
    "CVSNET": "00060",
    "CUPARCEL": "00061",
}
FROM_ST11: dict[str, str] = {code: ours for ours, code in TO_ST11.items()}
OTHER = "00099"  # 기타


def to_st11(courier_code: str) -> str | None:
    return TO_ST11.get(courier_code)


def from_st11(code: str | None) -> str | None:
    return FROM_ST11.get(code) if code else None
