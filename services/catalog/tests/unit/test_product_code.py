"""CAT-CODE-1: product code = yyyyMMdd + 7-digit serial, 15 digits."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from marketbridge.catalog.domain import format_product_code, is_valid_product_code, parse_product_code


def test_cat_code_1_formats_date_and_seven_digit_serial() -> None:
    assert format_product_code(date(2018, 11, 16), 50198) == "201811160050198"
    assert format_product_code(date(2017, 5, 12), 18070) == "201705120018070"
    assert len(format_product_code(date(2024, 1, 1), 9_999_999)) == 15


@pytest.mark.parametrize("serial", [0, -1, 10_000_000])
def test_cat_code_1_refuses_serial_outside_seven_digits(serial: int) -> None:
    with pytest.raises(ValueError):
        format_product_code(date(2024, 1, 1), serial)


def test_cat_code_1_parses_date_and_serial_back() -> None:
    assert parse_product_code("201811160050198") == (date(2018, 11, 16), 50198)


@pytest.mark.parametrize(
    "code",
    [
        "20181116005019",
        "2018111600501980",
        "20181116005019a",
        "201813160050198",
        "201802300050198",
        "201811160000000",
        "２01811160050198",
        "",
    ],
)
def test_cat_code_1_rejects_codes_that_are_not_a_date_and_serial(code: str) -> None:
    assert not is_valid_product_code(code)


def test_cat_code_1_register_rejects_invalid_product_code(catalog: Any) -> None:
    errors = catalog.rejected(None, catalog.register_command(product_code="2018-11-16-001"))
    assert [(e.code, e.field, e.rule) for e in errors] == [("PRODUCT_CODE_INVALID", "product_code", "CAT-CODE-1")]
    assert "15자리" in errors[0].message and errors[0].message.endswith("(CAT-CODE-1)")
