"""Courier lookups shared by the home-shopping adapters (each has its own table in `<package>/couriers.py`)."""

from __future__ import annotations

from collections.abc import Mapping

from marketbridge.connectors.carriers import CARRIER_NAMES as CARRIER_NAMES  # re-exported
from marketbridge.connectors.carriers import unmapped_courier


def to_market(marketplace: str, name_ko: str, table: Mapping[str, str], carrier: str, operation: str) -> str:
    code = table.get(carrier)
    if code is None:
        raise unmapped_courier(marketplace, name_ko, carrier, operation)
    return code


def reverse(table: Mapping[str, str]) -> dict[str, str]:
    """market code -> our carrier (the first of ours mapped to it wins)."""
    out: dict[str, str] = {}
    for ours, theirs in table.items():
        out.setdefault(theirs, ours)
    return out
