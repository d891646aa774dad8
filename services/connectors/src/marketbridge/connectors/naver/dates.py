"""Naver date-times: `yyyy-MM-dd'T'HH:mm:ss.SSS+09:00`, and splitting windows into 24-hour slices."""

from __future__ import annotations

from datetime import datetime, timedelta

from marketbridge.connectors.kst import KST as KST  # re-exported: callers import it from here

MAX_WINDOW = timedelta(hours=24)
_ONE_MS = timedelta(milliseconds=1)


def fmt(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass timezone-aware datetimes")
    local = moment.astimezone(KST)
    return f"{local:%Y-%m-%dT%H:%M:%S}.{local.microsecond // 1000:03d}+09:00"


def fmt_date(moment: datetime) -> str:
    return f"{moment.astimezone(KST):%Y-%m-%d}"


def parse(text: str | None) -> datetime | None:
    if not text:
        return None
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=KST)


def split_window(start: datetime, end: datetime, span: timedelta = MAX_WINDOW) -> list[tuple[datetime, datetime]]:
    """Consecutive [from, to] slices (both inclusive, millisecond precision) covering [start, end]."""
    start = start.replace(microsecond=start.microsecond // 1000 * 1000)
    slices: list[tuple[datetime, datetime]] = []
    cursor = start
    while cursor <= end:
        slice_end = min(cursor + span, end)
        slices.append((cursor, slice_end))
        cursor = slice_end + _ONE_MS
    return slices
