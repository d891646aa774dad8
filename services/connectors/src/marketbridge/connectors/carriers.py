"""Our carriers (the `Carrier` codes fulfillment validates) with their Korean names, and the name key used to
match them against a marketplace's own courier list when only names are shared."""

from __future__ import annotations

import re

from marketbridge.connectors.errors import PermanentMarketplaceError

CARRIER_NAMES = {
    "CJ_LOGISTICS": "CJ대한통운",
    "LOTTE": "롯데택배",
    "HANJIN": "한진택배",
    "EPOST": "우체국택배",
    "LOGEN": "로젠택배",
    "KDEXP": "경동택배",
    "DAESIN": "대신택배",
    "ILYANG": "일양로지스",
    "CHUNIL": "천일택배",
    "HDEXP": "합동택배",
    "CVSNET": "GS Postbox 편의점택배",
    "CUPARCEL": "CU 편의점택배",
    "NONGHYUP": "농협택배",
    "SLX": "SLX택배",
    "KUNYOUNG": "건영택배",
    "HONAM": "호남택배",
    "YONGMA": "용마로지스",
    "REGISTPOST": "우체국등기",
    "DHL": "DHL",
    "FEDEX": "FedEx",
    "UPS": "UPS",
    "EMS": "EMS",
    "TNT": "TNT",
}
# Other names the marketplaces use for the same courier (after `name_key`).
ALIASES = {
    "CJ_LOGISTICS": ("CJGLS", "대한통운"),
    "LOTTE": ("현대",),
    "EPOST": ("우체국", "우편"),
    "CVSNET": ("GS Postbox", "GS25편의점", "GS편의점", "CVS", "CVSNET편의점"),
    "CUPARCEL": ("CU편의점",),
    "REGISTPOST": ("우편등기", "등기"),
    "EMS": ("우체국EMS",),
}
_NOISE = re.compile(r"\s+|\(주\)|주식회사|택배|로지스틱스|로지스|물류|익스프레스")


def name_key(name: str) -> str:
    """`일양로지스` and `일양택배`, `CJ 대한통운` and `CJ대한통운` give the same key."""
    return _NOISE.sub("", name).upper()


CARRIER_BY_KEY: dict[str, str] = {
    name_key(alias): carrier
    for carrier, name in CARRIER_NAMES.items()
    for alias in (name, *ALIASES.get(carrier, ()))
}


def carrier_named(name: str | None) -> str | None:
    """Our carrier code for a courier name as a marketplace writes it, if we know the courier."""
    return CARRIER_BY_KEY.get(name_key(name)) if name else None


def unmapped_courier(marketplace: str, name_ko: str, carrier: str, operation: str) -> PermanentMarketplaceError:
    """The error for a carrier the marketplace does not take, naming it in Korean."""
    label = CARRIER_NAMES.get(carrier, carrier)
    return PermanentMarketplaceError(
        marketplace, "UNMAPPED_COURIER", f"{name_ko}에 등록되지 않은 택배사입니다: {label}({carrier})", operation=operation
    )
