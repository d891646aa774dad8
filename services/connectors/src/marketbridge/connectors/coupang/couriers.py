"""Our carrier codes (marketbridge `Carrier` values) <-> Coupang `deliveryCompanyCode` (and the Korean
courier names Coupang shows in order sheets as `deliveryCompanyName`)."""

from __future__ import annotations

from marketbridge.connectors.errors import PermanentMarketplaceError

TO_COUPANG: dict[str, str] = {
    "CJ_LOGISTICS": "CJGLS",
    "LOTTE": "HYUNDAI",  # 롯데택배 keeps the legacy 현대택배 code
    "HANJIN": "HANJIN",
    "EPOST": "EPOST",
    "LOGEN": "KGB",
    "KDEXP": "KDEXP",
    "DAESIN": "DAESIN",
    "ILYANG": "ILYANG",
    "CHUNIL": "CHUNIL",
    "HDEXP": "HDEXP",
    "CVSNET": "CVS",  # CVS택배 (GS Postbox)
    "NONGHYUP": "NHLOGIS",
    "SLX": "SLX",
    "KUNYOUNG": "KUNYOUNG",
    "HONAM": "HONAM",
    "REGISTPOST": "REGISTPOST",
    "DHL": "DHL",
    "FEDEX": "FEDEX",
    "UPS": "UPS",
    "EMS": "EMS",
    "TNT": "TNT",
}
# CU편의점택배 (CUPARCEL) and 용마로지스 (YONGMA) are not in Coupang's published courier list.
UNSUPPORTED: dict[str, str] = {"CUPARCEL": "CU편의점택배", "YONGMA": "용마로지스"}
FROM_COUPANG: dict[str, str] = {coupang: ours for ours, coupang in TO_COUPANG.items()}
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
    "NHLOGIS": "농협택배",
    "SLX": "SLX택배",
    "KUNYOUNG": "건영택배",
    "HONAM": "호남택배",
    "REGISTPOST": "우편등기",
    "DHL": "DHL",
    "FEDEX": "FEDEX",
    "UPS": "UPS",
    "EMS": "우체국 EMS",
    "TNT": "TNT",
}
_BY_NAME: dict[str, str] = {name.replace(" ", ""): code for code, name in NAMES.items()}


def to_coupang(courier_code: str) -> str:
    """Coupang's code for our carrier; a carrier Coupang lacks is refused in Korean."""
    code = TO_COUPANG.get(courier_code)
    if code is None:
        name = UNSUPPORTED.get(courier_code, courier_code)
        raise PermanentMarketplaceError(
            "coupang",
            "UNMAPPED_COURIER",
            f"쿠팡은 {name} 택배사를 지원하지 않습니다. 다른 택배사로 발송해 주세요.",
            operation="dispatch",
        )
    return code


def from_coupang(code_or_name: str | None) -> str | None:
    """Our carrier for a Coupang courier code or its Korean name (order sheets show the name)."""
    if not code_or_name:
        return None
    return FROM_COUPANG.get(code_or_name) or FROM_COUPANG.get(_BY_NAME.get(code_or_name.replace(" ", ""), ""))
