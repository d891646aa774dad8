"""인터파크 date-times: `yyyyMMddHHmmss` (KST) query values and body fields, windows of one calendar day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from marketbridge.connectors.kst import COMPACT, fixed_width
from marketbridge.connectors.kst import KST as KST  # re-exported: callers import it from here
from marketbridge.connectors.kst import to_kst as _kst


def stamp(moment: datetime) -> str:
    return f"{_kst(moment):%Y%m%d%H%M%S}"


def day(moment: datetime) -> str:
    return f"{_kst(moment):%Y%m%d}"


def parse(text: str | None) -> datetime | None:
    """`yyyyMMddHHmmss` (KST); None for empty or unreadable values."""
    if not text or len(text) < 14:
        return None
    return fixed_width(text[:14], COMPACT)


def split_days(start: datetime, end: datetime) -> list[tuple[str, str]]:
    """(`yyyyMMddHHmmss`, `yyyyMMddHHmmss`) per KST calendar day covering [start, end], seconds inclusive."""
    lo, hi = _kst(start).replace(microsecond=0), _kst(end).replace(microsecond=0)
    slices: list[tuple[str, str]] = []
    cursor = lo
    while cursor <= hi:
        day_end = cursor.replace(hour=23, minute=59, second=59)
        slices.append((stamp(cursor), stamp(min(day_end, hi))))
        cursor = day_end + timedelta(seconds=1)
    return slices


def whole_day(value: date) -> tuple[str, str]:
    return f"{value:%Y%m%d}000000", f"{value:%Y%m%d}235959"
