"""Courier (deliveryCompanyCode) values the emulator accepts, and its tracking-number rule (modelled)."""

from __future__ import annotations

import re

DOMESTIC = frozenset({
    "CJGLS", "HYUNDAI", "HANJIN", "KGB", "EPOST", "KDEXP", "DAESIN", "ILYANG", "CHUNIL", "HDEXP",
    "CVSNET", "CUPARCEL", "REGISTPOST", "NONGHYUP", "SLX", "KUNYOUNG", "HONAM", "SEBANG", "CH1",
    "GSPOSTBOX", "TODAYPICKUP", "KURLY", "TEAMFRESH",
})
INTERNATIONAL = frozenset({"DHL", "FEDEX", "UPS", "EMS", "TNT", "USPS", "KOREXG", "HLCGLOBAL", "SFEX"})
ALL = DOMESTIC | INTERNATIONAL

_DOMESTIC_TRACKING = re.compile(r"\d{9,15}")
_INTERNATIONAL_TRACKING = re.compile(r"[A-Z0-9]{8,30}")


def tracking_is_valid(company: str, tracking: str) -> bool:
    """Domestic: 9-15 digits (hyphens ignored); international: 8-30 upper-case letters or digits."""
    value = tracking.replace("-", "").strip()
    pattern = _INTERNATIONAL_TRACKING if company in INTERNATIONAL else _DOMESTIC_TRACKING
    return pattern.fullmatch(value) is not None
