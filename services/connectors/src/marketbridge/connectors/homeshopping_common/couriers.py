"""Courier lookups shared by the home-shopping adapters (each has its own table in `<package>/couriers.py`)."""

from __future__ import annotations

from collections.abc import Mapping

from marketbridge.connectors.carriers import CARRIER_NAMES as CARRIER_NAMES  # re-exported
from marketbridge.connectors.errors import PermanentMarketplaceError


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
