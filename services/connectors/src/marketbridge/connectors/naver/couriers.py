"""Our carrier codes (marketbridge `Carrier` values) <-> Naver `deliveryCompanyCode`."""

from __future__ import annotations

TO_NAVER: dict[str, str] = {
    "CJ_LOGISTICS": "CJGLS",
    "LOTTE": "HYUNDAI",  # 롯데택배 keeps its legacy Naver code
    "HANJIN": "HANJIN",
    "EPOST": "EPOST",
    "LOGEN": "KGB",
    "KDEXP": "KDEXP",
    "DAESIN": "DAESIN",
    "ILYANG": "ILYANG",
    "CHUNIL": "CHUNIL",
    "HDEXP": "HDEXP",
    "CVSNET": "CVSNET",
    "CUPARCEL": "CUPARCEL",
    "NONGHYUP": "NONGHYUP",
    "SLX": "SLX",
    "KUNYOUNG": "KUNYOUNG",
    "HONAM": "HONAM",
    "YONGMA": "YONGMA",
    "REGISTPOST": "REGISTPOST",
    "DHL": "DHL",
    "FEDEX": "FEDEX",
    "UPS": "UPS",
    "EMS": "EMS",
    "TNT": "TNT",
}
FROM_NAVER: dict[str, str] = {naver: ours for ours, naver in TO_NAVER.items()}


def to_naver(courier_code: str) -> str | None:
    return TO_NAVER.get(courier_code)


def from_naver(naver_code: str | None) -> str | None:
    return FROM_NAVER.get(naver_code) if naver_code else None
