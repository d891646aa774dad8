"""CAT-NAME-1 (characters, length in units, Q9) and CAT-NAME-3 (무료배송 warning, Q10)."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from marketbridge.catalog.domain import display_units


@pytest.mark.parametrize(
    "name",
    ["1+1 티셔츠", "사은품증정 티셔츠", "Nike Air Max (White) 270", "생수 2L/6병", "A-B~C", "가나다abc123"],
)
def test_cat_name_1_allows_letters_digits_spaces_and_listed_special_characters(catalog: Any, name: str) -> None:
    decision = catalog.decide(None, catalog.register_command(name=name))
    assert decision.events[0].name == name


@pytest.mark.parametrize("bad", ["★", "!", "&", "%", "[", "]", "_", ",", ".", "·", "😀", "\t"])
def test_cat_name_1_rejects_special_characters(catalog: Any, bad: str) -> None:
    errors = catalog.rejected(None, catalog.register_command(name=f"운동화{bad}특가"))
    assert [(e.code, e.field, e.rule) for e in errors] == [("PRODUCT_NAME_INVALID_CHARACTERS", "name", "CAT-NAME-1")]
    assert f"'{bad}'" in errors[0].message and "상품명" in errors[0].message


def test_cat_name_1_names_each_bad_character_once(catalog: Any) -> None:
    errors = catalog.rejected(None, catalog.register_command(name="특가!! 세일!& 운동화"))
    assert "'!', '&'" in errors[0].message


def test_cat_name_1_counts_hangul_as_two_units_and_others_as_one() -> None:
    assert display_units("나이키 Air") == 10
    assert display_units("ㄱㅏ") == 4
    assert display_units("漢字") == 2


def test_cat_name_1_accepts_20_hangul_or_40_latin_characters(catalog: Any) -> None:
    for name in ["가" * 20, "a" * 40, "가" * 15 + "a" * 10]:
        assert catalog.decide(None, catalog.register_command(name=name)).events


@pytest.mark.parametrize("name", ["가" * 21, "a" * 41, "가" * 15 + "a" * 11])
def test_cat_name_1_rejects_more_than_40_units(catalog: Any, name: str) -> None:
    errors = catalog.rejected(None, catalog.register_command(name=name))
    assert catalog.codes(errors) == ["PRODUCT_NAME_TOO_LONG"]
    assert errors[0].rule == "CAT-NAME-1" and "한글 20자" in errors[0].message


def test_cat_name_1_counts_decomposed_hangul_after_composing_it(catalog: Any) -> None:
    decomposed = unicodedata.normalize("NFD", "가" * 20)
    decision = catalog.decide(None, catalog.register_command(name=decomposed))
    assert decision.events[0].name == "가" * 20


@pytest.mark.parametrize("name", ["", "   "])
def test_cat_name_1_requires_a_name(catalog: Any, name: str) -> None:
    errors = catalog.rejected(None, catalog.register_command(name=name))
    assert [(e.code, e.field) for e in errors] == [("PRODUCT_NAME_REQUIRED", "name")]


@pytest.mark.parametrize("name", ["무료배송 티셔츠", "티셔츠 무료 배송"])
def test_cat_name_3_warns_about_free_shipping_without_rejecting(catalog: Any, name: str) -> None:
    decision = catalog.decide(None, catalog.register_command(name=name))
    assert len(decision.events) == 1
    [warning] = decision.warnings
    assert (warning.code, warning.field, warning.rule) == (
        "PRODUCT_NAME_MENTIONS_FREE_SHIPPING",
        "name",
        "CAT-NAME-3",
    )
    assert warning.as_dict()["rule"] == "CAT-NAME-3"


@pytest.mark.parametrize("name", ["1+1 티셔츠", "사은품증정 티셔츠"])
def test_cat_name_3_buyer_search_terms_raise_no_warning(catalog: Any, name: str) -> None:
    assert catalog.decide(None, catalog.register_command(name=name)).warnings == []
