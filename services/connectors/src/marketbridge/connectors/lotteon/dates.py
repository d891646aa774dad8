"""롯데ON date-times: compact `yyyyMMddHHmmss` (KST) in bodies and answers, `yyyyMMdd` for inquiries."""

from __future__ import annotations

from datetime import datetime, timedelta

from marketbridge.connectors.kst import KST as KST  # re-exported: callers import it from here
from marketbridge.connectors.kst import to_kst as _kst

ORDER_WINDOW = timedelta(days=1)  # "day windows in practice"
CLAIM_WINDOW = timedelta(days=7)  # (modelled)
QNA_WINDOW = timedelta(days=7)  # (modelled)
INQUIRY_WINDOW_DAYS = 30  # (modelled) the sandbox allows 31




def fmt(moment: datetime) -> str:
    return f"{_kst(moment):%Y%m%d%H%M%S}"


def fmt_day(moment: datetime) -> str:
    return f"{_kst(moment):%Y%m%d}"


def parse(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=KST)


def slices(start: datetime, end: datetime, span: timedelta) -> list[tuple[datetime, datetime]]:
    """Consecutive [from, to] second ranges (both inclusive) covering [start, end], each at most `span`."""
    cursor, last = _kst(start).replace(microsecond=0), _kst(end).replace(microsecond=0)
    out: list[tuple[datetime, datetime]] = []
    while cursor <= last:
        slice_end = min(cursor + span, last)
        out.append((cursor, slice_end))
        cursor = slice_end + timedelta(seconds=1)
    return out


def day_slices(start: datetime, end: datetime, days: int) -> list[tuple[str, str]]:
    cursor, last = _kst(start).date(), _kst(end).date()
    out: list[tuple[str, str]] = []
    while cursor <= last:
        slice_end = min(cursor + timedelta(days=days), last)
        out.append((cursor.strftime("%Y%m%d"), slice_end.strftime("%Y%m%d")))
        cursor = slice_end + timedelta(days=1)
    return out
