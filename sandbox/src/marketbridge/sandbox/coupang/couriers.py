"""Coupang `deliveryCompanyCode` values the emulator accepts, their names and tracking-number rules
(lengths Coupang enforces per the help center; other couriers: 6-20 letters/digits, (modelled))."""

from __future__ import annotations

import re

NAMES: dict[str, str] = {
    "CJGLS": "CJ 대한통운",
    "HYUNDAI": "롯데택배",
    "HANJIN": "한진택배",
    "EPOST": "우체국",
    "KGB": "로젠택배",
    "KDEXP": "경동택배",
    "DAESIN": "대신택배",
    "ILYANG": "일양택배",
    "CHUNIL": "천일택배",
    "HDEXP": "합동택배",
    "CVS": "CVS택배",
    "REGISTPOST": "우편등기",
    "DIRECT": "업체직송",
    "COUPANG": "쿠팡자체배송",
    "NHLOGIS": "농협택배",
    "SLX": "SLX택배",
    "HONAM": "호남택배",
    "KUNYOUNG": "건영택배",
    "SEBANG": "세방택배",
    "LOTTEGLOBAL": "롯데글로벌",
    "DHL": "DHL",
    "UPS": "UPS",
    "FEDEX": "FEDEX",
    "EMS": "우체국 EMS",
    "TNT": "TNT",
    "USPS": "USPS",
    "IPARCEL": "i-parcel",
    "GSMNTON": "GSM NtoN",
}
_LENGTHS: dict[str, tuple[int, ...]] = {
    "CJGLS": (10, 12),
    "HYUNDAI": (10, 12, 13),
    "KGB": (10, 11),
    "EPOST": (13,),
    "HANJIN": (10, 12),
    "CHUNIL": (11,),
}
_RANGES: dict[str, tuple[int, int]] = {"KDEXP": (8, 16), "HDEXP": (8, 16), "ILYANG": (8, 16)}
_LENIENT = re.compile(r"[0-9A-Za-z]{6,20}")


def tracking_is_valid(company: str, number: str) -> bool:
    if company == "DIRECT":
        return bool(number)
    if company in _LENGTHS:
        return number.isdigit() and len(number) in _LENGTHS[company]
    if company in _RANGES:
        low, high = _RANGES[company]
        return number.isdigit() and low <= len(number) <= high
    return _LENIENT.fullmatch(number) is not None
