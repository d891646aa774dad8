"""KST date-time helpers shared by the dialects (epoch milliseconds <-> ISO 8601 strings)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

KST = timezone(timedelta(hours=9))
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)
HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS


@lru_cache(maxsize=8192)
def _kst_seconds(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, KST).strftime("%Y-%m-%dT%H:%M:%S")


def fmt_kst(ms: int) -> str:
    """`yyyy-MM-dd'T'HH:mm:ss.SSS+09:00` for epoch milliseconds."""
    seconds, rest = divmod(ms, 1000)
    return f"{_kst_seconds(seconds)}.{rest:03d}+09:00"


def fmt_kst_date(ms: int) -> str:
    return _kst_seconds(ms // 1000)[:10]


def parse_datetime_ms(text: str) -> int:
    """Parse an ISO 8601 date-time (offset optional, KST assumed) into epoch milliseconds.

    A `+` that arrived unencoded in a query string becomes a space; it is put back.
    """
    value = text.strip().replace(" ", "+")
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=KST)
    return (parsed - _EPOCH) // _MS


def parse_date_ms(text: str) -> int:
    """`yyyy-MM-dd` in KST -> epoch milliseconds of its midnight."""
    parsed = datetime.strptime(text.strip(), "%Y-%m-%d").replace(tzinfo=KST)
    return (parsed - _EPOCH) // _MS


def kst_yyyymmdd(ms: int) -> str:
    return _kst_seconds(ms // 1000)[:10].replace("-", "")
