"""Validation of option specs: OPT-2, OPT-3, OPT-4, OPT-6, Q15 and option-row stock (STK-1, STK-2).

Limits marked (inferred) are not in the spec; they keep input sane and are easy to change here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from marketbridge.catalog.domain.options import (
    BuyerInputOptions,
    CombinationOptions,
    OptionName,
    OptionRow,
    OptionSpec,
    combinations,
)
from marketbridge.catalog.domain.problems import DomainWarning, as_warning, violation, warning
from marketbridge.catalog.domain.text_rules import invalid_option_characters, quoted
from marketbridge.runtime.errors import DomainError

MAX_OPTION_NAMES = 3  # OPT-2
MAX_OPTION_TEXT_LENGTH = 25  # option name / value length in characters (inferred)
MAX_OPTION_ROWS = 500  # Cartesian product size (inferred; OPT-7's 11번가 limit is per listing)
MAX_ADD_PRICE = 1_000_000_000  # absolute cap on an add-price amount (inferred, = price maximum)
BUYER_INPUT_MAX_LENGTH = (1, 100)  # Q15 max input length bounds (inferred)
STOCK_MAX = 99_999_999  # (inferred)


@dataclass
class OptionCheck:
    options: OptionSpec
    errors: list[DomainError] = field(default_factory=list)
    warnings: list[DomainWarning] = field(default_factory=list)


def check_options(spec: OptionSpec, *, price: int, min_stock: int) -> OptionCheck:
    """Every violation of `spec`; `options` is the spec with rows in `combinations()` order."""
    if isinstance(spec, BuyerInputOptions):
        return OptionCheck(spec, _check_buyer_input(spec))
    return _check_combination(spec, price=price, min_stock=min_stock)


def check_add_price_bounds(
    rows: Sequence[OptionRow],
    *,
    base_price: int,
    price_label: str = "판매가",
    field_prefix: str = "options.rows",
) -> list[DomainError]:
    """OPT-3: each signed add-price within -50%..+50% of `base_price` (판매가 10,000 → -5,000..+5,000).
    The listing service checks against the sale price; basic info only warns (Q3)."""
    half = base_price // 2
    return [
        violation(
            "OPTION_ADD_PRICE_OUT_OF_RANGE",
            f"{field_prefix}[{i}].add_price",
            "OPT-3",
            f"옵션 '{row.label}'의 추가금액은 {price_label} {base_price:,}원의 -50% ~ +50% "
            f"({-half:,}원 ~ +{half:,}원) 이내로 입력해 주세요.",
        )
        for i, row in enumerate(rows)
        if 2 * abs(row.signed_add_price) > base_price
    ]


def check_zero_add_price_row(rows: Sequence[OptionRow], *, field: str = "options.rows") -> list[DomainError]:
    """OPT-3: at least one row has add-price 0 (sells at the base price)."""
    if not rows or any(row.add_price == 0 for row in rows):
        return []
    message = "추가금액이 0원인 옵션이 1개 이상 있어야 합니다."
    return [violation("OPTION_ZERO_ADD_PRICE_REQUIRED", field, "OPT-3", message)]


def options_structure(spec: OptionSpec | None) -> object:
    """What OPT-8 locks while on sale: type, names, values, max lengths and add-prices, but not the
    rows' sale flags or stock (marking sold-out stays possible, Q11). Row order does not matter."""
    if spec is None:
        return None
    if isinstance(spec, BuyerInputOptions):
        return ("buyer_input", spec.names)
    rows = frozenset((row.values, row.signed_add_price) for row in spec.rows)
    return ("combination", spec.names, rows)


def check_stock(stock: int, *, field: str, min_stock: int) -> list[DomainError]:
    """STK-2 / Q11: at least 1 at registration (sold-out is set afterwards), at least 0 later."""
    if min_stock <= stock <= STOCK_MAX:
        return []
    hint = " 품절은 등록 후 재고관리나 판매여부로 설정해 주세요." if min_stock > 0 else ""
    message = f"재고수량은 {min_stock}개 이상 {STOCK_MAX:,}개 이하로 입력해 주세요.{hint}"
    return [violation("STOCK_OUT_OF_RANGE", field, "STK-2", message)]


def _check_names_count(count: int) -> list[DomainError]:
    if count == 0:
        message = "옵션명을 1개 이상 입력해 주세요."
        return [violation("OPTION_NAMES_REQUIRED", "options.names", "OPT-2", message)]
    if count > MAX_OPTION_NAMES:
        message = f"옵션명은 최대 {MAX_OPTION_NAMES}개까지 입력할 수 있습니다."
        return [violation("OPTION_NAMES_TOO_MANY", "options.names", "OPT-2", message)]
    return []


def _check_text(text: str, *, field: str, what: str, code: str) -> list[DomainError]:
    """`code` is OPTION_NAME or OPTION_VALUE; `what` is 옵션명 or 옵션값."""
    if not text:
        return [violation(f"{code}_REQUIRED", field, "OPT-2", f"{what}을 입력해 주세요.")]
    errors = []
    if len(text) > MAX_OPTION_TEXT_LENGTH:
        message = f"{what}은 {MAX_OPTION_TEXT_LENGTH}자 이내로 입력해 주세요."
        errors.append(violation(f"{code}_TOO_LONG", field, "OPT-2", message))
    if bad := invalid_option_characters(text):
        message = (
            f"{what}에는 특수문자를 사용할 수 없습니다(문자, 숫자, 공백만 가능). 사용할 수 없는 문자: {quoted(bad)}"
        )
        errors.append(violation(f"{code}_INVALID_CHARACTERS", field, "OPT-6", message))
    return errors


def _check_name_list(names: Sequence[str]) -> list[DomainError]:
    errors = _check_names_count(len(names))
    for i, name in enumerate(names):
        field = f"options.names[{i}].name"
        errors += _check_text(name, field=field, what="옵션명", code="OPTION_NAME")
        if name and name in names[:i]:
            message = f"옵션명 '{name}'이(가) 중복되었습니다."
            errors.append(violation("OPTION_NAME_DUPLICATE", field, "OPT-2", message))
    return errors


def _check_values(i: int, option: OptionName) -> list[DomainError]:
    if not option.values:
        message = "옵션값을 쉼표(,)로 구분해 1개 이상 입력해 주세요."
        return [violation("OPTION_VALUES_REQUIRED", f"options.names[{i}].values", "OPT-2", message)]
    errors = []
    for j, value in enumerate(option.values):
        field = f"options.names[{i}].values[{j}]"
        errors += _check_text(value, field=field, what="옵션값", code="OPTION_VALUE")
        if value and value in option.values[:j]:
            message = f"옵션 '{option.name}'의 옵션값 '{value}'이(가) 중복되었습니다."
            errors.append(violation("OPTION_VALUE_DUPLICATE", field, "OPT-2", message))
    return errors


def _check_buyer_input(spec: BuyerInputOptions) -> list[DomainError]:
    errors = _check_name_list([n.name for n in spec.names])
    low, high = BUYER_INPUT_MAX_LENGTH
    for i, name in enumerate(spec.names):
        if not low <= name.max_length <= high:
            message = f"구매자 입력형 옵션의 최대 입력 글자수는 {low}~{high}자로 입력해 주세요."
            field = f"options.names[{i}].max_length"
            errors.append(violation("BUYER_INPUT_MAX_LENGTH_OUT_OF_RANGE", field, "OPT-2", message))
    return errors


def _check_row(i: int, row: OptionRow, *, min_stock: int) -> list[DomainError]:
    field = f"options.rows[{i}]"
    errors = []
    if row.add_price < 0:
        message = "추가금액은 0 이상의 금액으로 입력하고, 빼는 금액은 부호 '-'를 선택해 주세요."
        errors.append(violation("OPTION_ADD_PRICE_NEGATIVE", f"{field}.add_price", "OPT-4", message))
    elif row.add_price > MAX_ADD_PRICE:
        message = f"추가금액은 {MAX_ADD_PRICE:,}원 이하로 입력해 주세요."
        errors.append(violation("OPTION_ADD_PRICE_TOO_LARGE", f"{field}.add_price", "OPT-4", message))
    return errors + check_stock(row.stock, field=f"{field}.stock", min_stock=min_stock)


def _check_rows_match(rows: Sequence[OptionRow], expected: list[tuple[str, ...]]) -> list[DomainError]:
    """Rows and combinations correspond one to one (OPT-2)."""
    wanted, seen, errors = set(expected), set[tuple[str, ...]](), []
    for i, row in enumerate(rows):
        field = f"options.rows[{i}].values"
        if row.values not in wanted:
            message = f"옵션 조합 '{row.label}'은(는) 입력한 옵션명·옵션값으로 만들 수 없는 조합입니다."
            errors.append(violation("OPTION_ROW_UNKNOWN", field, "OPT-2", message))
        elif row.values in seen:
            message = f"옵션 조합 '{row.label}'이(가) 중복되었습니다."
            errors.append(violation("OPTION_ROW_DUPLICATE", field, "OPT-2", message))
        seen.add(row.values)
    if missing := ["/".join(values) for values in expected if values not in seen]:
        shown = ", ".join(missing[:5]) + (f" 외 {len(missing) - 5}개" if len(missing) > 5 else "")
        message = f"옵션 조합 {shown}의 추가금액·판매여부·재고를 입력해 주세요."
        errors.append(violation("OPTION_ROWS_MISSING", "options.rows", "OPT-2", message))
    return errors


def _check_combination(spec: CombinationOptions, *, price: int, min_stock: int) -> OptionCheck:
    name_errors = _check_name_list([n.name for n in spec.names])
    for i, option in enumerate(spec.names):
        name_errors += _check_values(i, option)
    errors = [e for i, row in enumerate(spec.rows) for e in _check_row(i, row, min_stock=min_stock)]
    errors += check_zero_add_price_row(spec.rows)
    # Q3: the sale price exists only per listing, so basic info only warns against the representative price.
    bounds = check_add_price_bounds(spec.rows, base_price=price, price_label="대표가격")
    warnings = [as_warning(e) for e in bounds]
    if name_errors:  # combinations are undefined while names or values are broken
        return OptionCheck(spec, name_errors + errors, warnings)
    size = math.prod(len(n.values) for n in spec.names)
    if size > MAX_OPTION_ROWS:
        message = f"옵션 조합은 최대 {MAX_OPTION_ROWS}개까지 만들 수 있습니다(현재 {size:,}개)."
        errors.append(violation("OPTION_ROWS_TOO_MANY", "options.names", "OPT-2", message))
        return OptionCheck(spec, errors, warnings)
    expected = combinations(spec.names)
    errors += _check_rows_match(spec.rows, expected)
    if errors:
        return OptionCheck(spec, errors, warnings)
    rows = tuple(_canonical(row) for row in spec.rows)
    if [row.values for row in rows] != expected:
        by_values = {row.values: row for row in rows}
        rows = tuple(by_values[v] for v in expected)
    if rows == spec.rows:
        return OptionCheck(spec, [], warnings)
    return OptionCheck(spec.model_copy(update={"rows": rows}), [], warnings)


def _canonical(row: OptionRow) -> OptionRow:
    """`-0` is stored as `+0`."""
    return row.model_copy(update={"sign": "+"}) if row.add_price == 0 and row.sign == "-" else row


ST11_MAX_OPTION_ROWS = 99  # OPT-7 / Q1: 11번가 rejects 100 or more options


def option_mode_warnings(spec: OptionSpec, mode: str) -> list[DomainWarning]:
    """OPT-1: 종합몰 ignore per-option prices, so options whose prices differ should be listed there as single
    items; OPT-7: 11번가 cannot take 100 or more options."""
    found: list[DomainWarning] = []
    if not isinstance(spec, CombinationOptions):
        return found
    if mode == "all_malls" and any(row.add_price for row in spec.rows):
        message = (
            "종합몰(현대몰, 롯데닷컴, 롯데홈쇼핑)은 옵션별 추가금액을 반영하지 않습니다. "
            "옵션별 가격이 다른 상품은 종합몰에 단품으로 등록해 주세요."
        )
        found.append(warning("OPTION_PRICES_IGNORED_BY_GENERAL_MALLS", "option_mode", "OPT-1", message))
    if len(spec.rows) > ST11_MAX_OPTION_ROWS:
        message = f"11번가에는 옵션을 100개 이상 등록할 수 없습니다(현재 {len(spec.rows)}개)."
        found.append(warning("OPTION_ROWS_OVER_ST11_LIMIT", "options.rows", "OPT-7", message))
    return found
