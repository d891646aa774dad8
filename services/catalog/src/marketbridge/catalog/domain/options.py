"""Option models (옵션정보, OPT-*) and the pure helpers behind the option screen.

The same models serve as command input and as stored state; `rules.check_options` validates them.
Combination rows are keyed by their values (`("a", "핑크", "미조립")`, shown `a/핑크/미조립`), so the
order in which a client sends rows does not matter; stored rows follow `combinations()` order.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Annotated, Literal

from marketbridge.catalog.domain.vocabulary import SaleFlag, Sign, Text
from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OptionName(_Model):
    """A combination option name and its values; values may be sent as `"빨강,파랑"` or a list."""

    name: Text
    values: tuple[Text, ...]

    @field_validator("values", mode="before")
    @classmethod
    def _split_comma_separated(cls, value: object) -> object:
        # Empty pieces ("a,,b", "a,b,") are kept so that OPT-2 can point at them.
        if isinstance(value, str):
            return () if not value.strip() else tuple(value.split(","))
        return value


class OptionRow(_Model):
    """One combination row (OPT-4): sign and add-price amount, sale flag, stock (STK-1)."""

    values: tuple[Text, ...]
    sign: Sign = "+"
    add_price: int = 0
    sale_flag: SaleFlag = "sellable"
    stock: int

    @property
    def label(self) -> str:
        """`a/핑크/미조립` as shown in the option table."""
        return "/".join(self.values)

    @property
    def signed_add_price(self) -> int:
        return -self.add_price if self.sign == "-" else self.add_price


class CombinationOptions(_Model):
    """조합형: up to 3 names; one row per element of the Cartesian product of their values (OPT-2)."""

    type: Literal["combination"] = "combination"
    names: tuple[OptionName, ...]
    rows: tuple[OptionRow, ...]


class BuyerInputName(_Model):
    """A 구매자 입력형 option: the buyer types free text of at most `max_length` characters (Q15)."""

    name: Text
    max_length: int


class BuyerInputOptions(_Model):
    """구매자 입력형: names with a maximum input length, no price, no rows (Q15)."""

    type: Literal["buyer_input"] = "buyer_input"
    names: tuple[BuyerInputName, ...]


OptionSpec = Annotated[CombinationOptions | BuyerInputOptions, Field(discriminator="type")]


def combinations(names: Sequence[OptionName]) -> list[tuple[str, ...]]:
    """OPT-2: the Cartesian product in stable order: the first name varies slowest, values keep their
    input order (`a/핑크/미조립`, `a/핑크/조립`, `a/블루/미조립`, …)."""
    if not names:
        return []
    return list(itertools.product(*(n.values for n in names)))


def generate_rows(names: Sequence[OptionName], *, stock: int = 1) -> tuple[OptionRow, ...]:
    """`옵션추가 +`: one row per combination with add-price +0, 판매가능 and the given stock."""
    return tuple(OptionRow(values=values, stock=stock) for values in combinations(names))


def apply_bulk_setting(
    rows: Sequence[OptionRow], *, sign: Sign = "+", add_price: int = 0, sale_flag: SaleFlag = "sellable"
) -> tuple[OptionRow, ...]:
    """OPT-5 `옵션일괄설정 → 일괄적용`: the same add-price and sale flag on every row (stock untouched).
    The defaults are the `초기화` (reset) values. Rows stay editable one by one afterwards."""
    update = {"sign": sign, "add_price": add_price, "sale_flag": sale_flag}
    return tuple(row.model_copy(update=update) for row in rows)


def apply_bulk_stock(rows: Sequence[OptionRow], *, stock: int) -> tuple[OptionRow, ...]:
    """STK-1: the stock table's bulk quantity field sets every row's stock."""
    return tuple(row.model_copy(update={"stock": stock}) for row in rows)
