"""Courier lookups shared by the home-shopping adapters (each has its own table in `<package>/couriers.py`)."""

from __future__ import annotations

from collections.abc import Mapping

from marketbridge.connectors.errors import PermanentMarketplaceError

CARRIER_NAMES = {
    "CJ_LOGISTICS": "CJ대한통운",
    "LOTTE": "롯데택배",
    "HANJIN": "한진택배",
    "EPOST": "우체국택배",
    "LOGEN": "로젠택배",
    "KDEXP": "경동택배",
    "DAESIN": "대신택배",
    "ILYANG": "일양로지스",
    "CHUNIL": "천일택배",
    "HDEXP": "합동택배",
    "CVSNET": "GS Postbox 편의점택배",
    "CUPARCEL": "CU 편의점택배",
    "NONGHYUP": "농협택배",
    "SLX": "SLX택배",
    "KUNYOUNG": "건영택배",
    "HONAM": "호남택배",
    "YONGMA": "용마로지스",
    "REGISTPOST": "우체국등기",
    "DHL": "DHL",
    "FEDEX": "FedEx",
    "UPS": "UPS",
    "EMS": "EMS",
    "TNT": "TNT",
}


def to_market(marketplace: str, name_ko: str, table: Mapping[str, str], carrier: str, operation: str) -> str:
    code = table.get(carrier)
    if code is None:
        label = CARRIER_NAMES.get(carrier, carrier)
        raise PermanentMarketplaceError(
            marketplace,
            "UNMAPPED_COURIER",
            f"{name_ko}에 등록되지 않은 택배사입니다: {label}({carrier})",
            operation=operation,
        )
    return code


def reverse(table: Mapping[str, str]) -> dict[str, str]:
    """market code -> our carrier (the first of ours mapped to it wins)."""
    out: dict[str, str] = {}
    for ours, theirs in table.items():
        out.setdefault(theirs, ours)
    return out
