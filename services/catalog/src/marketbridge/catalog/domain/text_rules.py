"""Character and length rules for product names (CAT-NAME-1, Q9) and option texts (OPT-6).

Precisely, after NFC normalisation:
- a *letter* is any character for which `str.isalpha()` holds (Unicode categories L*: Hangul syllables
  and jamo, Latin, Hanja, kana, …); a *digit* is any `str.isdecimal()` character; a *space* is U+0020
  only (tabs, newlines and other blanks are rejected);
- product names allow letters, digits, spaces and `( ) / + - ~` (CAT-NAME-1);
- option names and values allow letters, digits and spaces only (OPT-6), so `,` (the value separator)
  and `/` (the row label separator, `a/핑크/미조립`) can never appear inside a value.
Length in *units*: a Hangul character (syllable or jamo) counts 2, any other character 1 (Q9).
"""

from __future__ import annotations

NAME_SPECIAL_CHARACTERS = frozenset("()/+-~")
NAME_MAX_UNITS = 40
FREE_SHIPPING = "무료배송"

_HANGUL_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0xA960, 0xA97F),  # Hangul Jamo Extended-A
    (0xAC00, 0xD7A3),  # Hangul Syllables
    (0xD7B0, 0xD7FF),  # Hangul Jamo Extended-B
)


def is_hangul(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _HANGUL_RANGES)


def display_units(text: str) -> int:
    """Q9: Hangul = 2 units, any other character = 1 (`"나이키 Air"` → 2+2+2+1+3 = 10)."""
    return sum(2 if is_hangul(char) else 1 for char in text)


def _is_plain(char: str) -> bool:
    return char == " " or char.isalpha() or char.isdecimal()


def _distinct(chars: list[str]) -> list[str]:
    return list(dict.fromkeys(chars))


def invalid_name_characters(name: str) -> list[str]:
    """CAT-NAME-1: the distinct characters of `name` that are not allowed, in order of appearance."""
    return _distinct([c for c in name if not (_is_plain(c) or c in NAME_SPECIAL_CHARACTERS)])


def invalid_option_characters(text: str) -> list[str]:
    """OPT-6: the distinct special characters of an option name or value, in order of appearance."""
    return _distinct([c for c in text if not _is_plain(c)])


def quoted(chars: list[str]) -> str:
    return ", ".join(f"'{c}'" for c in chars)


def mentions_free_shipping(name: str) -> bool:
    """CAT-NAME-3 / Q10: `무료배송`, also when written with spaces (`무료 배송`)."""
    return FREE_SHIPPING in name.replace(" ", "")
