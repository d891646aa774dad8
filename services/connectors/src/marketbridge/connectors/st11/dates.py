"""11번가 date-times: `yyyyMMddHHmm` path segments (KST), `yyyyMMdd` for Q&A, `yyyy-MM-dd HH:mm:ss`
(or `yyyy/MM/dd HH:mm:ss`) in bodies, and splitting windows into the 7-day maximum."""

from __future__ import annotations

from datetime import datetime, timedelta

from marketbridge.connectors.kst import KST as KST  # re-exported: callers import it from here
from marketbridge.connectors.kst import SEPARATED, fixed_width
from marketbridge.connectors.kst import to_kst as _kst

MAX_WINDOW = timedelta(days=7)
MINUTE = timedelta(minutes=1)


def minute(moment: datetime) -> str:
    return f"{_kst(moment):%Y%m%d%H%M}"


def day(moment: datetime) -> str:
    return f"{_kst(moment):%Y%m%d}"


def parse(text: str | None) -> datetime | None:
    """`yyyy-MM-dd HH:mm:ss` or `yyyy/MM/dd HH:mm:ss` (KST); None for empty, `null` or unreadable values."""
    if not text or len(text) < 19 or text == "null":
        return None
    return fixed_width(text[:19], SEPARATED)


def split_minutes(start: datetime, end: datetime, span: timedelta = MAX_WINDOW) -> list[tuple[str, str]]:
    """Consecutive `yyyyMMddHHmm` pairs (both minutes inclusive) covering [start, end], each <= `span`."""
    cursor = _kst(start).replace(second=0, microsecond=0)
    last = _kst(end).replace(second=0, microsecond=0)
    slices: list[tuple[str, str]] = []
    while cursor <= last:
        slice_end = min(cursor + span - MINUTE, last)
        slices.append((minute(cursor), minute(slice_end)))
        cursor = slice_end + MINUTE
    return slices


def split_days(start: datetime, end: datetime, days: int = 7) -> list[tuple[str, str]]:
    """`yyyyMMdd` pairs (both days inclusive) of at most `days` calendar days covering [start, end]."""
    cursor, last = _kst(start).date(), _kst(end).date()
    slices: list[tuple[str, str]] = []
    while cursor <= last:
        slice_end = min(cursor + timedelta(days=days - 1), last)
        slices.append((f"{cursor:%Y%m%d}", f"{slice_end:%Y%m%d}"))
        cursor = slice_end + timedelta(days=1)
    return slices
