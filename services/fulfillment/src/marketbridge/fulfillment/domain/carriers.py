"""Couriers (택배사) a Korean seller ships with, and their tracking-number (송장번호) formats.

Pure data and validation. Lengths follow what the marketplaces enforce where that is documented
(Coupang WING: CJ 10/12, 롯데 10/12/13, 로젠 10/11, 우체국 13, 한진 10/12, 경동·합동·일양 8-16, 천일 11;
see ../shared/spec/marketplaces/coupang.md) and the couriers' own tracking pages otherwise; where no
public rule exists the range is deliberately generous (marked "lenient").

Domestic numbers are digits only once hyphens and spaces are removed; international ones are
alphanumeric (upper-cased), EMS follows the UPU S10 pattern (`EE123456789KR`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from marketbridge.runtime.errors import DomainError

TRACKING_NUMBER_FIELD = "tracking_number"
_SEPARATORS = re.compile(r"[\s\-]+")


class Carrier(StrEnum):
    CJ_LOGISTICS = "CJ_LOGISTICS"
    LOTTE = "LOTTE"
    HANJIN = "HANJIN"
    EPOST = "EPOST"
    LOGEN = "LOGEN"
    KDEXP = "KDEXP"
    DAESIN = "DAESIN"
    ILYANG = "ILYANG"
    CHUNIL = "CHUNIL"
    HDEXP = "HDEXP"
    CVSNET = "CVSNET"
    CUPARCEL = "CUPARCEL"
    NONGHYUP = "NONGHYUP"
    SLX = "SLX"
    KUNYOUNG = "KUNYOUNG"
    HONAM = "HONAM"
    YONGMA = "YONGMA"
    REGISTPOST = "REGISTPOST"
    DHL = "DHL"
    FEDEX = "FEDEX"
    UPS = "UPS"
    EMS = "EMS"
    TNT = "TNT"

    @property
    def label(self) -> str:
        """Korean display name (택배사명)."""
        return CARRIER_SPECS[self].name

    @property
    def spec(self) -> CarrierSpec:
        return CARRIER_SPECS[self]


@dataclass(frozen=True)
class CarrierSpec:
    name: str
    pattern: re.Pattern[str]
    hint: str  # Korean description of the expected format, shown in the error message
    international: bool = False

    def accepts(self, normalised: str) -> bool:
        return self.pattern.fullmatch(normalised) is not None


def _digits(*lengths: int) -> tuple[re.Pattern[str], str]:
    alternatives = "|".join(rf"\d{{{n}}}" for n in lengths)
    joined = " 또는 ".join(str(n) for n in lengths)
    return re.compile(f"(?:{alternatives})"), f"숫자 {joined}자리"


def _digit_range(low: int, high: int) -> tuple[re.Pattern[str], str]:
    return re.compile(rf"\d{{{low},{high}}}"), f"숫자 {low}~{high}자리"


def _alnum(low: int, high: int) -> tuple[re.Pattern[str], str]:
    return re.compile(rf"[0-9A-Z]{{{low},{high}}}"), f"영문 대문자·숫자 {low}~{high}자리"


def _spec(name: str, rule: tuple[re.Pattern[str], str], *, international: bool = False) -> CarrierSpec:
    return CarrierSpec(name=name, pattern=rule[0], hint=rule[1], international=international)


CARRIER_SPECS: dict[Carrier, CarrierSpec] = {
    Carrier.CJ_LOGISTICS: _spec("CJ대한통운", _digits(10, 12)),
    Carrier.LOTTE: _spec("롯데택배", _digits(10, 12, 13)),  # 10/12 are legacy 현대택배 numbers
    Carrier.HANJIN: _spec("한진택배", _digits(10, 12)),
    Carrier.EPOST: _spec("우체국택배", _digits(13)),
    Carrier.LOGEN: _spec("로젠택배", _digits(10, 11)),  # 11 today, 10 on older labels
    Carrier.KDEXP: _spec("경동택배", _digit_range(8, 16)),
    Carrier.DAESIN: _spec("대신택배", _digit_range(10, 13)),  # 13 typical; lenient
    Carrier.ILYANG: _spec("일양로지스", _digit_range(8, 16)),
    Carrier.CHUNIL: _spec("천일택배", _digits(11)),
    Carrier.HDEXP: _spec("합동택배", _digit_range(8, 16)),
    Carrier.CVSNET: _spec("GS Postbox 택배", _digit_range(10, 12)),
    Carrier.CUPARCEL: _spec("CU 편의점택배", _digit_range(10, 12)),
    Carrier.NONGHYUP: _spec("농협택배", _digit_range(10, 13)),
    Carrier.SLX: _spec("SLX택배", _digit_range(10, 13)),  # lenient
    Carrier.KUNYOUNG: _spec("건영택배", _digit_range(8, 13)),  # lenient
    Carrier.HONAM: _spec("호남택배", _digit_range(8, 13)),  # lenient
    Carrier.YONGMA: _spec("용마로지스", _digit_range(8, 14)),  # lenient
    Carrier.REGISTPOST: _spec("우편등기", _digits(13)),
    Carrier.DHL: _spec("DHL", _alnum(10, 20), international=True),
    Carrier.FEDEX: _spec("FedEx", _alnum(12, 34), international=True),
    Carrier.UPS: _spec("UPS", _alnum(9, 26), international=True),  # 1Z + 16, or 9-12 digit mail ids
    Carrier.EMS: _spec(
        "EMS",
        (re.compile(r"[A-Z]{2}\d{9}[A-Z]{2}"), "영문 2자리 + 숫자 9자리 + 영문 2자리 (예: EE123456789KR)"),
        international=True,
    ),
    Carrier.TNT: _spec("TNT", _alnum(9, 15), international=True),
}


def normalise_tracking_number(carrier: Carrier, raw: str) -> str:
    """Strip hyphens and whitespace (and upper-case international numbers); does not validate."""
    cleaned = _SEPARATORS.sub("", raw)
    return cleaned.upper() if carrier.spec.international else cleaned


def validate_tracking_number(carrier: Carrier, raw: str) -> str:
    """Return the normalised tracking number or raise `TRACKING_NUMBER_INVALID` (field `tracking_number`)."""
    spec = carrier.spec
    normalised = normalise_tracking_number(carrier, raw)
    if not normalised:
        raise DomainError(
            code="TRACKING_NUMBER_REQUIRED",
            field=TRACKING_NUMBER_FIELD,
            message=f"송장번호를 입력해 주세요. ({spec.name}: {spec.hint})",
        )
    if not spec.accepts(normalised):
        raise DomainError(
            code="TRACKING_NUMBER_INVALID",
            field=TRACKING_NUMBER_FIELD,
            message=(f"{spec.name} 송장번호 형식이 올바르지 않습니다. {spec.hint}로 입력해 주세요. (입력값: {raw})"),
        )
    return normalised


def check_marketplace_carrier(carrier: Carrier, marketplace: str, accepted: frozenset[Carrier] | None) -> None:
    """INV-2: an invoice names a courier the order's marketplace takes, refused when it is registered rather
    than failing when it is sent."""
    if accepted is None or carrier in accepted:
        return
    names = ", ".join(c.label for c in Carrier if c in accepted)
    raise DomainError(
        code="CARRIER_NOT_SUPPORTED_BY_MARKETPLACE",
        field="carrier",
        rule="INV-2",
        message=f"{marketplace}에서 지원하지 않는 택배사입니다: {carrier.label}. 지원 택배사: {names}",
    )


def is_valid_tracking_number(carrier: Carrier, raw: str) -> bool:
    normalised = normalise_tracking_number(carrier, raw)
    return bool(normalised) and carrier.spec.accepts(normalised)


def carrier_by_label(label: str) -> Carrier | None:
    """The carrier whose Korean name is `label` (for Excel uploads, INV-5); None when unknown."""
    wanted = label.strip().replace(" ", "")
    for carrier, spec in CARRIER_SPECS.items():
        if spec.name.replace(" ", "") == wanted:
            return carrier
    return None
