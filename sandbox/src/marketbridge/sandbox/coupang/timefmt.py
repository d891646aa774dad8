"""Coupang date formats: `yyyy-MM-dd` (day paging), `yyyy-MM-dd'T'HH:mm` (timeFrame) and
`yyyy-MM-dd'T'HH:mm:ss` (exchanges), optionally with the v5 `+09:00` offset; response times
`yyyy-MM-dd'T'HH:mm:ss` (orderedAt, paidAt) or `yyyy-MM-dd HH:mm:ss` (other fields), KST without offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

KST = timezone(timedelta(hours=9))
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)
MINUTE_MS = 60_000
DAY_MS = 86_400_000


@lru_cache(maxsize=16384)
def _kst(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, KST).strftime("%Y-%m-%dT%H:%M:%S")


def iso(ms: int | None) -> str | None:
    """`yyyy-MM-ddTHH:mm:ss` (KST)."""
    return None if ms is None else _kst(ms // 1000)


def spaced(ms: int | None) -> str | None:
    """`yyyy-MM-dd HH:mm:ss` (KST)."""
    return None if ms is None else _kst(ms // 1000).replace("T", " ")


def day(ms: int) -> str:
    return _kst(ms // 1000)[:10]


def parse_query_time(text: str) -> tuple[int, bool]:
    """A query date or date-time (KST unless an offset is given) -> (epoch ms, has a time part)."""
    value = text.strip().replace(" ", "+")
    has_time = "T" in value
    if not has_time and len(value) > 10:  # `2025-07-15+09:00`
        value = value[:10] + "T00:00" + value[10:]
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=KST)
    return (parsed - _EPOCH) // _MS, has_time
