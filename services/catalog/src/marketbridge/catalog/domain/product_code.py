"""CAT-CODE-1: the system-assigned product code, 15 digits = registration date `yyyyMMdd` + 7-digit serial."""

from __future__ import annotations

from datetime import date

SERIAL_MIN = 1
SERIAL_MAX = 9_999_999
PRODUCT_CODE_LENGTH = 15


def format_product_code(day: date, serial: int) -> str:
    """`format_product_code(date(2018, 11, 16), 50198) == "201811160050198"`."""
    if not SERIAL_MIN <= serial <= SERIAL_MAX:
        raise ValueError(f"product code serial must be {SERIAL_MIN}..{SERIAL_MAX}, got {serial}")
    return f"{day.year:04d}{day.month:02d}{day.day:02d}{serial:07d}"


def parse_product_code(code: str) -> tuple[date, int]:
    """The registration date and serial of a product code; ValueError when it is not one."""
    if len(code) != PRODUCT_CODE_LENGTH or not code.isascii() or not code.isdigit():
        raise ValueError(f"product code must be {PRODUCT_CODE_LENGTH} ASCII digits: {code!r}")
    day = date(int(code[0:4]), int(code[4:6]), int(code[6:8]))  # ValueError for 20181332…
    serial = int(code[8:])
    if serial < SERIAL_MIN:
        raise ValueError(f"product code serial must be ≥ {SERIAL_MIN}: {code!r}")
    return day, serial


def is_valid_product_code(code: str) -> bool:
    try:
        parse_product_code(code)
    except ValueError:
        return False
    return True
