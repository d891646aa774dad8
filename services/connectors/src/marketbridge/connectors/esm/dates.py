"""ESM date formats (KST): `YYYY-MM-DD hh:mm` (order lists), `YYYY-MM-DD` (claims, CS), `YYYY-MM-DDThh:mm:ss`
(ShippingDate and answers); splitting long windows into the API's maximum."""

from __future__ import annotations

from datetime import datetime, timedelta

from marketbridge.connectors.kst import KST as KST  # re-exported: callers import it from here
from marketbridge.connectors.kst import to_kst as _kst

ORDER_WINDOW = timedelta(days=31)
CLAIM_WINDOW_DAYS = 6  # documented "≤ 7 days", and exactly 7 is refused in practice




def fmt_minute(moment: datetime) -> str:
    return f"{_kst(moment):%Y-%m-%d %H:%M}"


def fmt_day(moment: datetime) -> str:
    return f"{_kst(moment):%Y-%m-%d}"


def fmt_second(moment: datetime) -> str:
    return f"{_kst(moment):%Y-%m-%dT%H:%M:%S}"


def parse(text: str | None) -> datetime | None:
    if not text:
        return None
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=KST)


def minute_slices(start: datetime, end: datetime, span: timedelta = ORDER_WINDOW) -> list[tuple[datetime, datetime]]:
    """Consecutive [from, to] minute ranges (both inclusive) covering [start, end], each at most `span`."""
    cursor = _kst(start).replace(second=0, microsecond=0)
    last = _kst(end).replace(second=0, microsecond=0)
    slices: list[tuple[datetime, datetime]] = []
    while cursor <= last:
        slice_end = min(cursor + span, last)
        slices.append((cursor, slice_end))
        cursor = slice_end + timedelta(minutes=1)
    return slices


def day_slices(start: datetime, end: datetime, days: int = CLAIM_WINDOW_DAYS) -> list[tuple[str, str]]:
    """Consecutive [StartDate, EndDate] day ranges (both inclusive, KST) with EndDate - StartDate ≤ `days`."""
    cursor, last = _kst(start).date(), _kst(end).date()
    slices: list[tuple[str, str]] = []
    while cursor <= last:
        slice_end = min(cursor + timedelta(days=days), last)
        slices.append((cursor.isoformat(), slice_end.isoformat()))
        cursor = slice_end + timedelta(days=1)
    return slices
