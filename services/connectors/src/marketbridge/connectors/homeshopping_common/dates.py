"""KST dates for the home-shopping dialects: they query by day (`yyyyMMdd` / `yyyy-MM-dd`), so every
window is split into the KST calendar days it touches."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from marketbridge.connectors.kst import KST as KST  # re-exported: callers import it from here
from marketbridge.connectors.parsing import EPOCH as EPOCH  # re-exported for the dialect parsers

_SEPARATORS = str.maketrans("", "", "-: T./")


def kst_days(window_from: datetime, window_to: datetime) -> list[date]:
    if window_from.tzinfo is None or window_to.tzinfo is None:
        raise ValueError("naive datetime: pass timezone-aware datetimes")
    first, last = window_from.astimezone(KST).date(), window_to.astimezone(KST).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def parse_compact(text: str | None) -> datetime | None:
    """`yyyyMMddHHmmss` / `yyyyMMddHHmm` / `yyyyMMdd` / `yyyy-MM-dd HH:mm:ss` / `yyyy-MM-dd` in KST (sliced by
    hand: strptime would cost ~25 µs per call, the largest share of parsing an order page)."""
    if not text:
        return None
    digits = text if text.isdigit() else text.translate(_SEPARATORS)
    if not digits.isdigit():
        digits = "".join(c for c in digits if c.isdigit())
    size = len(digits)
    if size < 8:
        return None
    try:
        return datetime(
            int(digits[0:4]),
            int(digits[4:6]),
            int(digits[6:8]),
            int(digits[8:10]) if size >= 12 else 0,
            int(digits[10:12]) if size >= 12 else 0,
            int(digits[12:14]) if size >= 14 else 0,
            tzinfo=KST,
        )
    except ValueError:
        return None


def ymd(day: date | datetime, sep: str = "") -> str:
    return day.strftime(f"%Y{sep}%m{sep}%d")


def order_day_window(order_no: str) -> tuple[datetime, datetime]:
    """The days to search for an order: these malls' order numbers begin with the order date (`yyyyMMdd`,
    modelled); one that does not is looked for over the last week."""
    day = parse_compact(order_no[:8])
    if day is not None:
        return day, day
    now = datetime.now(KST)
    return now - timedelta(days=6), now
