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
    model_name: str | None = None
    model_no: str | None = None
    keywords: list[str] = []
    adult_only: bool = False
    sales_region: str = "nationwide"
    main_image_key: str | None = None
    notice_group: str | None = None
    add_on_groups: int = 0
    deleted: bool = False


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
    """판매가능 ↔ 판매불가; listings stop sale on 판매불가 (Q19)."""

    TYPE = "catalog.product_status_changed.v1"
    product_id: str
    status: Literal["sellable", "unsellable"]
    actor_id: str
    product: ProductSnapshot | None = None  # the product after the change (optional: added later)


class ProductDeleted(Message):
    """상품삭제 (restorable through 상품복원): listings should treat the product as not sellable."""

    TYPE = "catalog.product_deleted.v1"
    product_id: str
    actor_id: str
    reason: str = ""


class ProductRestored(Message):
    """상품복원: the product is back with the state it had when it was deleted."""

    TYPE = "catalog.product_restored.v1"
    product: ProductSnapshot
    actor_id: str


class StockAdjusted(Message):
    """재고관리: one stock changed by `delta`; `key` is the option combination (`빨강/M`), the add-on item
    (`그룹명/추가상품명`) or None for the product's own stock."""

    TYPE = "catalog.stock_adjusted.v1"
    product_id: str
    target: Literal["product", "option", "add_on"]
    key: str | None = None
    delta: int
    old_quantity: int
    new_quantity: int
    reason: str
    actor_id: str
    product: ProductSnapshot | None = None
