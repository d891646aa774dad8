"""Events the catalog publishes."""

from __future__ import annotations

from typing import Literal

from marketbridge.contracts.base import Message
from pydantic import BaseModel


class OptionRow(BaseModel):
    option_key: str  # stable key of the combination, e.g. "빨강/L"
    values: list[str]
    add_price: int
    sellable: bool
    stock: int


class ProductSnapshot(BaseModel):
    """What listings need of a product to publish it."""

    product_id: str
    product_code: str
    name: str
    category_id: str
    price: int
    tax_type: Literal["taxable", "exempt"]
    manufacturer: str
    brand: str
    status: Literal["sellable", "unsellable"]
    option_type: Literal["none", "combination", "buyer_input"] = "none"
    option_names: list[str] = []
    options: list[OptionRow] = []
    stock: int = 0
    seller_product_code: str | None = None


class ProductRegistered(Message):
    TYPE = "catalog.product_registered.v1"
    product: ProductSnapshot
    actor_id: str


class ProductRevised(Message):
    TYPE = "catalog.product_revised.v1"
    product: ProductSnapshot
    changed_fields: list[str]
    actor_id: str


class ProductStatusChanged(Message):
    TYPE = "catalog.product_status_changed.v1"
    product_id: str
    status: Literal["sellable", "unsellable"]
    actor_id: str
