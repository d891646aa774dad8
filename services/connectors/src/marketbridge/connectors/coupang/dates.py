"""Coupang date formats and window splitting.

Requests: `yyyy-MM-dd+09:00` (order sheets by day), `yyyy-MM-dd'T'HH:mm+09:00` (timeFrame), the v5/v6
forms with the KST offset; exchanges `yyyy-MM-dd'T'HH:mm:ss`; inquiries `yyyy-MM-dd`. Responses carry KST
times without offset, as `yyyy-MM-dd'T'HH:mm:ss` or `yyyy-MM-dd HH:mm:ss`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

from marketbridge.connectors.kst import KST as KST  # re-exported: callers import it from here
from marketbridge.connectors.kst import to_kst as _kst


def fmt_day(moment: datetime | date) -> str:
    value = moment if not isinstance(moment, datetime) else _kst(moment).date()
    return f"{value:%Y-%m-%d}+09:00"


def fmt_minute(moment: datetime) -> str:
    return f"{_kst(moment):%Y-%m-%dT%H:%M}+09:00"


def fmt_minute_plain(moment: datetime) -> str:
    return f"{_kst(moment):%Y-%m-%dT%H:%M}"


def fmt_second(moment: datetime) -> str:
    return f"{_kst(moment):%Y-%m-%dT%H:%M:%S}"


def fmt_date(moment: datetime) -> str:
    return f"{_kst(moment):%Y-%m-%d}"


def kst_date(moment: datetime) -> date:
    return _kst(moment).date()


def parse(text: str | None) -> datetime | None:
    """A Coupang response time (KST when no offset is given); None for empty or unreadable values."""
    return _parse(text) if text else None


@lru_cache(maxsize=65_536)
def _parse(text: str) -> datetime | None:
    value = text.strip().replace(" ", "T", 1)
    if len(value) in (10, 16, 19) and value[:4].isdigit():  # no offset: KST
        value += "T00:00:00+09:00" if len(value) == 10 else "+09:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=KST)


def parse_day(text: str | None) -> datetime | None:
    return parse(text[:10]) if text else None


def split(start: datetime, end: datetime, span: timedelta) -> list[tuple[datetime, datetime]]:
    """Consecutive half-open slices [a, b) of at most `span` covering [start, end) (one slice when equal)."""
    slices: list[tuple[datetime, datetime]] = []
    cursor = start
    while cursor < end:
        stop = min(cursor + span, end)
        slices.append((cursor, stop))
        cursor = stop
    return slices or [(start, end)]


def split_days(start: datetime, end: datetime, days: int) -> list[tuple[date, date]]:
    """Inclusive KST date ranges of at most `days` days covering the dates of [start, end]."""
    first, last = kst_date(start), kst_date(end)
    ranges = []
    while first <= last:
        stop = min(first + timedelta(days=days - 1), last)
        ranges.append((first, stop))
        first = stop + timedelta(days=1)
    return ranges
