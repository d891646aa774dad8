"""Options: OPT-2 (names, values, Cartesian rows), OPT-3, OPT-4, OPT-5, OPT-6, Q15, STK-1/2 per row."""

from __future__ import annotations

from typing import Any

import pytest
from marketbridge.catalog.domain import (
    BuyerInputOptions,
    CombinationOptions,
    OptionName,
    OptionRow,
    apply_bulk_setting,
    apply_bulk_stock,
    check_add_price_bounds,
    check_zero_add_price_row,
    combinations,
    generate_rows,
)
from pydantic import ValidationError

GUIDE_NAMES = [
    OptionName(name="모델명", values="a,b,c"),
    OptionName(name="색상", values="핑크,블루"),
    OptionName(name="배송선택", values="미조립,조립"),
]


def register_with(catalog: Any, options: dict[str, Any], **overrides: Any) -> Any:
    return catalog.register_command(options=options, stock=None, **overrides)


def combination(names: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "combination", "names": names, "rows": rows}


def test_opt_2_generates_the_cartesian_product_in_stable_order() -> None:
    rows = generate_rows(GUIDE_NAMES)
    assert len(rows) == 12  # 3 × 2 × 2
    assert [r.label for r in rows[:4]] == ["a/핑크/미조립", "a/핑크/조립", "a/블루/미조립", "a/블루/조립"]
    assert rows[-1].label == "c/블루/조립"
    assert all((r.sign, r.add_price, r.sale_flag, r.stock) == ("+", 0, "sellable", 1) for r in rows)
    assert combinations(GUIDE_NAMES) == [r.values for r in rows]


def test_opt_2_values_are_comma_separated_text_or_a_list() -> None:
    assert OptionName(name="색상", values=" 빨강 , 파랑").values == ("빨강", "파랑")
    assert OptionName(name="색상", values=["빨강", " 파랑 "]).values == ("빨강", "파랑")


def test_opt_2_registers_combination_options_with_rows_in_combination_order(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"].reverse()
    [event] = catalog.decide(None, register_with(catalog, options)).events
    assert isinstance(event.options, CombinationOptions)
    assert [r.label for r in event.options.rows] == ["빨강/S", "빨강/M", "파랑/S", "파랑/M"]
    assert [r.add_price for r in event.options.rows] == [0, 1000, 1000, 1000]


def test_opt_2_allows_at_most_three_option_names(catalog: Any) -> None:
    names = [{"name": f"옵션{i}", "values": "a"} for i in range(4)]
    errors = catalog.rejected(None, register_with(catalog, combination(names, [])))
    assert [(e.code, e.field, e.rule) for e in errors] == [("OPTION_NAMES_TOO_MANY", "options.names", "OPT-2")]


def test_opt_2_requires_at_least_one_option_name(catalog: Any) -> None:
    errors = catalog.rejected(None, register_with(catalog, combination([], [])))
    assert catalog.codes(errors) == ["OPTION_NAMES_REQUIRED"]


def test_opt_2_rejects_empty_values_and_points_at_them(catalog: Any) -> None:
    names = [{"name": "색상", "values": "빨강,,파랑,"}, {"name": "사이즈", "values": ""}]
    errors = catalog.rejected(None, register_with(catalog, combination(names, [])))
    assert [(e.code, e.field) for e in errors] == [
        ("OPTION_VALUE_REQUIRED", "options.names[0].values[1]"),
        ("OPTION_VALUE_REQUIRED", "options.names[0].values[3]"),
        ("OPTION_VALUES_REQUIRED", "options.names[1].values"),
    ]
    assert all(e.rule == "OPT-2" for e in errors)


def test_opt_2_rejects_duplicate_values_within_a_name(catalog: Any) -> None:
    names = [{"name": "색상", "values": "빨강,파랑,빨강"}]
    errors = catalog.rejected(None, register_with(catalog, combination(names, [])))
    assert ("OPTION_VALUE_DUPLICATE", "options.names[0].values[2]") in [(e.code, e.field) for e in errors]


def test_opt_2_allows_the_same_value_under_different_names(catalog: Any) -> None:
    names = [{"name": "상의", "values": "S,M"}, {"name": "하의", "values": "S"}]
    rows = [{"values": ["S", "S"], "stock": 1}, {"values": ["M", "S"], "stock": 1}]
    assert catalog.decide(None, register_with(catalog, combination(names, rows))).events


def test_opt_2_rejects_duplicate_option_names(catalog: Any) -> None:
    names = [{"name": "색상", "values": "a"}, {"name": "색상", "values": "b"}]
    errors = catalog.rejected(None, register_with(catalog, combination(names, [{"values": ["a", "b"], "stock": 1}])))
    assert [(e.code, e.field) for e in errors] == [("OPTION_NAME_DUPLICATE", "options.names[1].name")]


def test_opt_2_rows_must_match_the_combinations_one_to_one(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"][1] = {"values": ["초록", "S"], "stock": 1}
    options["rows"][2] = {"values": ["빨강", "S"], "stock": 1}
    errors = catalog.rejected(None, register_with(catalog, options))
    assert [(e.code, e.field) for e in errors] == [
        ("OPTION_ROW_UNKNOWN", "options.rows[1].values"),
        ("OPTION_ROW_DUPLICATE", "options.rows[2].values"),
        ("OPTION_ROWS_MISSING", "options.rows"),
    ]
    assert "빨강/M, 파랑/S" in errors[2].message


def test_opt_2_limits_the_number_of_combinations(catalog: Any) -> None:
    values = ",".join(f"v{i}" for i in range(30))
    names = [{"name": n, "values": values} for n in ("가", "나")]
    errors = catalog.rejected(None, register_with(catalog, combination(names, [])))
    assert catalog.codes(errors) == ["OPTION_ROWS_TOO_MANY"]


def test_opt_3_rejects_add_price_above_half_of_price() -> None:
    rows = [OptionRow(values=("a",), add_price=0, stock=1), OptionRow(values=("b",), add_price=5001, stock=1)]
    [error] = check_add_price_bounds(rows, base_price=10_000)
    assert (error.code, error.field, error.rule) == (
        "OPTION_ADD_PRICE_OUT_OF_RANGE",
        "options.rows[1].add_price",
        "OPT-3",
    )
    assert "-5,000원 ~ +5,000원" in error.message


def test_opt_3_rejects_add_price_below_minus_half_of_price() -> None:
    rows = [OptionRow(values=("a",), sign="-", add_price=5001, stock=1)]
    assert [e.field for e in check_add_price_bounds(rows, base_price=10_000)] == ["options.rows[0].add_price"]


def test_opt_3_accepts_add_prices_from_minus_to_plus_half_inclusive() -> None:
    rows = [
        OptionRow(values=("a",), sign="-", add_price=5000, stock=1),
        OptionRow(values=("b",), sign="+", add_price=5000, stock=1),
    ]
    assert check_add_price_bounds(rows, base_price=10_000) == []


def test_opt_3_only_warns_against_the_representative_price_in_basic_info(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"][3]["add_price"] = 6000
    decision = catalog.decide(None, register_with(catalog, options))
    assert len(decision.events) == 1
    [warning] = decision.warnings
    assert (warning.code, warning.field, warning.rule) == (
        "OPTION_ADD_PRICE_OUT_OF_RANGE",
        "options.rows[3].add_price",
        "OPT-3",
    )
    assert "대표가격" in warning.message


def test_opt_3_requires_at_least_one_row_with_zero_add_price(catalog: Any) -> None:
    errors = catalog.rejected(None, register_with(catalog, catalog.color_size_options(add_price=500)))
    assert [(e.code, e.field, e.rule) for e in errors] == [("OPTION_ZERO_ADD_PRICE_REQUIRED", "options.rows", "OPT-3")]
    assert check_zero_add_price_row([OptionRow(values=("a",), stock=1)]) == []


def test_opt_4_rows_carry_sign_add_price_and_sale_flag(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"][1].update(sign="-", add_price=2000, sale_flag="unsellable")
    [event] = catalog.decide(None, register_with(catalog, options)).events
    row = event.options.rows[1]
    assert (row.label, row.sign, row.add_price, row.signed_add_price, row.sale_flag) == (
        "빨강/M",
        "-",
        2000,
        -2000,
        "unsellable",
    )


def test_opt_4_rejects_negative_add_price_amount(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"][3]["add_price"] = -1000
    errors = catalog.rejected(None, register_with(catalog, options))
    assert [(e.code, e.field, e.rule) for e in errors] == [
        ("OPTION_ADD_PRICE_NEGATIVE", "options.rows[3].add_price", "OPT-4")
    ]


def test_opt_4_stores_minus_zero_as_plus_zero(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"][0]["sign"] = "-"
    [event] = catalog.decide(None, register_with(catalog, options)).events
    assert event.options.rows[0].sign == "+"


@pytest.mark.parametrize("row_update", [{"sign": "*"}, {"sale_flag": "soldout"}])
def test_opt_4_rejects_unknown_sign_or_sale_flag(catalog: Any, row_update: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        register_with(catalog, catalog.color_size_options(**row_update))


def test_opt_5_bulk_setting_sets_add_price_and_sale_flag_on_every_row() -> None:
    rows = apply_bulk_stock(generate_rows(GUIDE_NAMES), stock=7)
    bulk = apply_bulk_setting(rows, sign="+", add_price=3000, sale_flag="unsellable")
    assert len(bulk) == 12
    assert all((r.add_price, r.sale_flag, r.stock) == (3000, "unsellable", 7) for r in bulk)
    assert [r.values for r in bulk] == [r.values for r in rows]


def test_opt_5_rows_stay_editable_one_by_one_and_reset_restores_defaults() -> None:
    bulk = list(apply_bulk_setting(generate_rows(GUIDE_NAMES), add_price=3000))
    bulk[0] = bulk[0].model_copy(update={"add_price": 0})
    assert [r.add_price for r in bulk[:2]] == [0, 3000]
    reset = apply_bulk_setting(bulk)
    assert all((r.sign, r.add_price, r.sale_flag) == ("+", 0, "sellable") for r in reset)


@pytest.mark.parametrize("bad", ["/", ",", "-", "(", "!", "+", "&", "😀"])
def test_opt_6_rejects_special_characters_in_option_values(catalog: Any, bad: str) -> None:
    options = catalog.color_size_options()
    options["names"][1]["values"] = [f"S{bad}", "M"]
    errors = catalog.rejected(None, register_with(catalog, options))
    assert [(e.code, e.field, e.rule) for e in errors] == [
        ("OPTION_VALUE_INVALID_CHARACTERS", "options.names[1].values[0]", "OPT-6")
    ]


def test_opt_6_rejects_special_characters_in_option_names(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["names"][0]["name"] = "색상/컬러"
    errors = catalog.rejected(None, register_with(catalog, options))
    assert [(e.code, e.field, e.rule) for e in errors] == [
        ("OPTION_NAME_INVALID_CHARACTERS", "options.names[0].name", "OPT-6")
    ]
    assert "'/'" in errors[0].message


def test_opt_6_allows_letters_digits_and_spaces(catalog: Any) -> None:
    names = [{"name": "Size 사이즈", "values": "230 mm,Free Size,大"}]
    rows = [{"values": [v], "stock": 1} for v in ("230 mm", "Free Size", "大")]
    assert catalog.decide(None, register_with(catalog, combination(names, rows))).events


def test_q15_buyer_input_options_take_names_and_max_length_without_price(catalog: Any) -> None:
    options = {"type": "buyer_input", "names": [{"name": "각인 문구", "max_length": 20}]}
    [event] = catalog.decide(None, catalog.register_command(options=options, stock=3)).events
    assert isinstance(event.options, BuyerInputOptions)
    assert (event.options.names[0].name, event.options.names[0].max_length, event.stock) == (
        "각인 문구",
        20,
        3,
    )
    with pytest.raises(ValidationError):
        catalog.register_command(options={**options, "rows": []}, stock=3)


@pytest.mark.parametrize("max_length", [0, 101])
def test_q15_opt_2_buyer_input_max_length_is_bounded(catalog: Any, max_length: int) -> None:
    options = {"type": "buyer_input", "names": [{"name": "각인", "max_length": max_length}]}
    errors = catalog.rejected(None, catalog.register_command(options=options, stock=3))
    assert [(e.code, e.field) for e in errors] == [
        ("BUYER_INPUT_MAX_LENGTH_OUT_OF_RANGE", "options.names[0].max_length")
    ]


def test_q15_opt_2_buyer_input_allows_at_most_three_names(catalog: Any) -> None:
    names = [{"name": f"문구{i}", "max_length": 10} for i in range(4)]
    options = {"type": "buyer_input", "names": names}
    errors = catalog.rejected(None, catalog.register_command(options=options, stock=3))
    assert catalog.codes(errors) == ["OPTION_NAMES_TOO_MANY"]


def test_stk_1_stock_is_kept_per_option_row(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"][2]["stock"] = 42
    [event] = catalog.decide(None, register_with(catalog, options)).events
    assert [r.stock for r in event.options.rows] == [10, 10, 42, 10]
    assert event.stock is None


def test_stk_1_buyer_input_products_need_one_stock(catalog: Any) -> None:
    options = {"type": "buyer_input", "names": [{"name": "각인", "max_length": 10}]}
    errors = catalog.rejected(None, catalog.register_command(options=options, stock=None))
    assert catalog.codes(errors) == ["STOCK_REQUIRED"]


def test_stk_2_option_rows_need_stock_of_at_least_one_at_registration(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"][3]["stock"] = 0
    errors = catalog.rejected(None, register_with(catalog, options))
    assert [(e.code, e.field, e.rule) for e in errors] == [("STOCK_OUT_OF_RANGE", "options.rows[3].stock", "STK-2")]
