"""Registration: basic-info rules CAT-STAT-1, CAT-CATEG-1, CAT-PRICE-1, CAT-MFR-1, CAT-TAX-1, STK-1/2."""

from __future__ import annotations

from typing import Any

import pytest
from marketbridge.catalog.domain import ProductRegistered, decide, evolve, parse_event
from marketbridge.runtime.errors import Conflict, ValidationFailed
from pydantic import ValidationError


def test_registers_a_single_item_product(catalog: Any) -> None:
    decision = catalog.decide(None, catalog.register_command())
    [event] = decision.events
    assert isinstance(event, ProductRegistered)
    assert event.type == "ProductRegistered"
    assert (event.tenant_id, event.product_id, event.actor_id) == ("tenant-1", "product-1", "user-1")
    assert (event.product_code, event.name, event.category_id) == (
        "201811160050198",
        "나이키 에어맥스 운동화",
        catalog.shoes,
    )
    assert (event.price, event.tax_type, event.status, event.options, event.stock) == (
        10_000,
        "taxable",
        "sellable",
        None,
        5,
    )
    assert decision.warnings == []


def test_registered_event_round_trips_through_storage_and_builds_state(catalog: Any) -> None:
    [event] = catalog.decide(None, catalog.register_command(options=catalog.color_size_options(), stock=None)).events
    stored = event.model_dump(mode="json")
    assert parse_event(stored) == event
    state = evolve(None, parse_event(stored))
    assert (state.product_code, state.price, state.options) == (event.product_code, 10_000, event.options)


def test_refuses_to_register_the_same_product_twice(catalog: Any) -> None:
    state = catalog.registered()
    with pytest.raises(Conflict) as info:
        catalog.decide(state, catalog.register_command())
    assert info.value.code == "PRODUCT_ALREADY_REGISTERED" and info.value.status == 409


def test_cat_mfr_1_manufacturer_and_brand_default_to_company_name(catalog: Any) -> None:
    [event] = catalog.decide(None, catalog.register_command(manufacturer="  ", brand=None)).events
    assert (event.manufacturer, event.brand) == (catalog.company, catalog.company)


def test_cat_mfr_1_keeps_given_manufacturer_and_brand(catalog: Any) -> None:
    [event] = catalog.decide(None, catalog.register_command(manufacturer="Nike", brand="Air Max")).events
    assert (event.manufacturer, event.brand) == ("Nike", "Air Max")


def test_cat_mfr_1_requires_manufacturer_and_brand_when_company_name_is_blank(catalog: Any) -> None:
    with pytest.raises(ValidationFailed) as info:
        decide(None, catalog.register_command(), company_name=" ", reference=catalog.reference)
    assert [(e.code, e.field, e.rule) for e in info.value.errors] == [
        ("MANUFACTURER_REQUIRED", "manufacturer", "CAT-MFR-1"),
        ("BRAND_REQUIRED", "brand", "CAT-MFR-1"),
    ]


def test_cat_mfr_1_rejects_overlong_manufacturer(catalog: Any) -> None:
    errors = catalog.rejected(None, catalog.register_command(manufacturer="가" * 51))
    assert [(e.code, e.field) for e in errors] == [("MANUFACTURER_TOO_LONG", "manufacturer")]


def test_cat_stat_1_status_defaults_to_sellable(catalog: Any) -> None:
    assert catalog.decide(None, catalog.register_command()).events[0].status == "sellable"


def test_cat_stat_1_only_a_sellable_product_can_be_sold(catalog: Any) -> None:
    assert catalog.registered().can_be_sold
    assert not catalog.registered(status="unsellable").can_be_sold


def test_cat_stat_1_rejects_unknown_status(catalog: Any) -> None:
    with pytest.raises(ValidationError):
        catalog.register_command(status="soldout")


@pytest.mark.parametrize("category_id", ["", "  "])
def test_cat_categ_1_requires_a_category(catalog: Any, category_id: str) -> None:
    errors = catalog.rejected(None, catalog.register_command(category_id=category_id))
    assert [(e.code, e.field, e.rule) for e in errors] == [("CATEGORY_REQUIRED", "category_id", "CAT-CATEG-1")]


def test_cat_categ_1_takes_exactly_one_category(catalog: Any) -> None:
    with pytest.raises(ValidationError):
        catalog.register_command(category_id=["cat-a", "cat-b"])


@pytest.mark.parametrize("price", [0, 1, 1_000_000_000])
def test_cat_price_1_accepts_integer_prices_from_zero_to_one_billion(catalog: Any, price: int) -> None:
    assert catalog.decide(None, catalog.register_command(price=price)).events[0].price == price


@pytest.mark.parametrize("price", [-1, 1_000_000_001])
def test_cat_price_1_rejects_prices_out_of_range(catalog: Any, price: int) -> None:
    errors = catalog.rejected(None, catalog.register_command(price=price))
    assert [(e.code, e.field, e.rule) for e in errors] == [("PRICE_OUT_OF_RANGE", "price", "CAT-PRICE-1")]
    assert "대표가격" in errors[0].message


def test_cat_price_1_rejects_fractional_won(catalog: Any) -> None:
    with pytest.raises(ValidationError):
        catalog.register_command(price=1000.5)


def test_cat_tax_1_tax_type_defaults_to_taxable_and_accepts_exempt(catalog: Any) -> None:
    assert catalog.decide(None, catalog.register_command()).events[0].tax_type == "taxable"
    assert catalog.decide(None, catalog.register_command(tax_type="exempt")).events[0].tax_type == "exempt"


def test_cat_tax_1_rejects_unknown_tax_type(catalog: Any) -> None:
    with pytest.raises(ValidationError):
        catalog.register_command(tax_type="zero_rated")


def test_stk_1_single_item_requires_one_stock(catalog: Any) -> None:
    errors = catalog.rejected(None, catalog.register_command(stock=None))
    assert [(e.code, e.field, e.rule) for e in errors] == [("STOCK_REQUIRED", "stock", "STK-1")]


def test_stk_1_combination_products_take_stock_per_row_not_one_stock(catalog: Any) -> None:
    errors = catalog.rejected(None, catalog.register_command(options=catalog.color_size_options(), stock=5))
    assert [(e.code, e.field, e.rule) for e in errors] == [("STOCK_NOT_ALLOWED_WITH_OPTIONS", "stock", "STK-1")]


@pytest.mark.parametrize("stock", [0, -3, 100_000_000])
def test_stk_2_registration_needs_stock_of_at_least_one(catalog: Any, stock: int) -> None:
    errors = catalog.rejected(None, catalog.register_command(stock=stock))
    assert [(e.code, e.field, e.rule) for e in errors] == [("STOCK_OUT_OF_RANGE", "stock", "STK-2")]
    assert "1개 이상" in errors[0].message


def test_reports_every_violation_at_once_with_korean_messages_naming_the_rule(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"][3]["add_price"] = -10
    options["names"][1]["values"] = "S,M,"
    command = catalog.register_command(
        name="특가!", category_id="", price=-1, product_code="1", options=options, stock=None
    )
    errors = catalog.rejected(None, command)
    assert {(e.code, e.field) for e in errors} == {
        ("PRODUCT_CODE_INVALID", "product_code"),
        ("PRODUCT_NAME_INVALID_CHARACTERS", "name"),
        ("CATEGORY_REQUIRED", "category_id"),
        ("PRICE_OUT_OF_RANGE", "price"),
        ("OPTION_VALUE_REQUIRED", "options.names[1].values[2]"),
        ("OPTION_ADD_PRICE_NEGATIVE", "options.rows[3].add_price"),
    }
    for error in errors:
        assert error.status == 400 and error.rule and error.message.endswith(f"({error.rule})")
        assert any("\uac00" <= ch <= "\ud7a3" for ch in error.message)


def test_commands_refuse_unknown_fields(catalog: Any) -> None:
    with pytest.raises(ValidationError):
        catalog.register_command(colour="red")
