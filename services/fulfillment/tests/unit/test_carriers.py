"""Couriers and tracking-number formats (INV-3)."""

from __future__ import annotations

import pytest
from marketbridge.fulfillment.domain.carriers import (
    CARRIER_SPECS,
    Carrier,
    carrier_by_label,
    is_valid_tracking_number,
    normalise_tracking_number,
    validate_tracking_number,
)
from marketbridge.runtime.errors import DomainError


def test_every_carrier_has_a_korean_name_and_format() -> None:
    assert set(CARRIER_SPECS) == set(Carrier)
    assert Carrier.CJ_LOGISTICS.label == "CJ대한통운"
    assert Carrier.EPOST.label == "우체국택배"
    assert Carrier.REGISTPOST.label == "우편등기"
    assert Carrier.KUNYOUNG.label == "건영택배"
    assert Carrier.HONAM.label == "호남택배"
    assert Carrier.YONGMA.label == "용마로지스"


@pytest.mark.parametrize(
    ("carrier", "raw", "expected"),
    [
        (Carrier.CJ_LOGISTICS, "6300-1234-5678", "630012345678"),
        (Carrier.CJ_LOGISTICS, "1234567890", "1234567890"),
        (Carrier.LOTTE, "2345 6789 0123", "234567890123"),
        (Carrier.LOTTE, "2345678901234", "2345678901234"),
        (Carrier.HANJIN, "5012-3456-7890", "501234567890"),
        (Carrier.EPOST, "6012345678901", "6012345678901"),
        (Carrier.LOGEN, "123-4567-8901", "12345678901"),
        (Carrier.KDEXP, "123456789", "123456789"),
        (Carrier.KDEXP, "1234567890123456", "1234567890123456"),
        (Carrier.CHUNIL, "12345678901", "12345678901"),
        (Carrier.REGISTPOST, "1234567890123", "1234567890123"),
        (Carrier.EMS, "ee 123456789 kr", "EE123456789KR"),
        (Carrier.UPS, "1Z999AA1-0123456784", "1Z999AA10123456784"),
        (Carrier.DHL, "1234567890", "1234567890"),
        (Carrier.FEDEX, "123456789012", "123456789012"),
    ],
)
def test_valid_numbers_are_normalised(carrier: Carrier, raw: str, expected: str) -> None:
    assert validate_tracking_number(carrier, raw) == expected
    assert is_valid_tracking_number(carrier, raw)


@pytest.mark.parametrize(
    ("carrier", "raw"),
    [
        (Carrier.CJ_LOGISTICS, "12345678901"),  # 11 digits
        (Carrier.CJ_LOGISTICS, "63001234567A"),  # letters in a domestic number
        (Carrier.EPOST, "123456789012"),  # 12 digits
        (Carrier.HANJIN, "12345678901"),
        (Carrier.LOTTE, "12345678901"),
        (Carrier.LOGEN, "123456789"),
        (Carrier.KDEXP, "1234567"),
        (Carrier.CHUNIL, "1234567890"),
        (Carrier.EMS, "123456789KR"),
        (Carrier.DHL, "12-34"),
    ],
)
def test_invalid_numbers_are_refused_naming_carrier_and_format(carrier: Carrier, raw: str) -> None:
    with pytest.raises(DomainError) as caught:
        validate_tracking_number(carrier, raw)
    error = caught.value
    assert (error.code, error.field, error.status) == ("TRACKING_NUMBER_INVALID", "tracking_number", 400)
    assert carrier.label in error.message and carrier.spec.hint in error.message
    assert not is_valid_tracking_number(carrier, raw)


def test_error_message_states_expected_lengths() -> None:
    with pytest.raises(DomainError) as caught:
        validate_tracking_number(Carrier.CJ_LOGISTICS, "123")
    assert caught.value.message.startswith("CJ대한통운 송장번호 형식이 올바르지 않습니다. 숫자 10 또는 12자리")


def test_blank_number_is_required() -> None:
    with pytest.raises(DomainError) as caught:
        validate_tracking_number(Carrier.HANJIN, " - ")
    assert (caught.value.code, caught.value.field) == ("TRACKING_NUMBER_REQUIRED", "tracking_number")


def test_normalise_keeps_domestic_case_and_upper_cases_international() -> None:
    assert normalise_tracking_number(Carrier.CJ_LOGISTICS, " 6300-1234 5678 ") == "630012345678"
    assert normalise_tracking_number(Carrier.TNT, "gd 123 456 789 ww") == "GD123456789WW"


def test_carrier_by_korean_label_for_excel_uploads() -> None:
    assert carrier_by_label(" 로젠택배 ") is Carrier.LOGEN
    assert carrier_by_label("GS Postbox택배") is Carrier.CVSNET
    assert carrier_by_label("없는택배") is None


def test_carrier_parses_from_its_code() -> None:
    assert Carrier("CJ_LOGISTICS") is Carrier.CJ_LOGISTICS
