"""Domain events of the Product aggregate (past tense).

`type` names the event; `model_dump(mode="json")` is what the event store keeps and `parse_event` reads
it back. Fields added after the first release have defaults, so older stored events still read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Generic, Literal, TypeVar

from marketbridge.catalog.domain.attributes import AddOnGroup, Certification, Images, Notice, Origin
from marketbridge.catalog.domain.fields import REVISABLE_FIELDS, OptionMode, ProductFields, SalesRegion
from marketbridge.catalog.domain.options import OptionSpec
from marketbridge.catalog.domain.vocabulary import ProductStatus, TaxType
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

T = TypeVar("T")


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True)

    tenant_id: str
    product_id: str
    actor_id: str


class ProductRegistered(ProductFields, _Event):
    type: Literal["ProductRegistered"] = "ProductRegistered"
    product_code: str


class Change(BaseModel, Generic[T]):
    """One field's old and new value (상품수정이력)."""

    model_config = ConfigDict(frozen=True)

    old: T
    new: T


class ProductRevised(_Event):
    """Only the changed fields are set. Status changes are `ProductStatusChanged`."""

    type: Literal["ProductRevised"] = "ProductRevised"
    name: Change[str] | None = None
    category_id: Change[str] | None = None
    price: Change[int] | None = None
    tax_type: Change[TaxType] | None = None
    manufacturer: Change[str] | None = None
    brand: Change[str] | None = None
    options: Change[OptionSpec | None] | None = None
    stock: Change[int | None] | None = None
    seller_product_code: Change[str | None] | None = None
    model_name: Change[str | None] | None = None
    model_no: Change[str | None] | None = None
    model_no_is_isbn: Change[bool] | None = None
    manufactured_on: Change[str | None] | None = None
    expires_on: Change[str | None] | None = None
    origin: Change[Origin] | None = None
    certifications: Change[tuple[Certification, ...]] | None = None
    notice: Change[Notice | None] | None = None
    keywords: Change[tuple[str, ...]] | None = None
    detail_html: Change[str] | None = None
    images: Change[Images] | None = None
    sales_region: Change[SalesRegion] | None = None
    adult_only: Change[bool] | None = None
    option_mode: Change[OptionMode] | None = None
    add_ons: Change[tuple[AddOnGroup, ...]] | None = None

    def changes(self) -> dict[str, Change[Any]]:
        """`{"price": Change(old=1000, new=1200), …}` in REVISABLE_FIELDS order."""
        found = ((name, getattr(self, name)) for name in REVISABLE_FIELDS)
        return {name: change for name, change in found if change is not None}


class ProductStatusChanged(_Event):
    type: Literal["ProductStatusChanged"] = "ProductStatusChanged"
    old_status: ProductStatus
    new_status: ProductStatus


class ProductDeleted(_Event):
    """상품삭제: hidden from 상품조회, listed in 상품복원 until restored."""

    type: Literal["ProductDeleted"] = "ProductDeleted"
    reason: str = ""


class ProductRestored(_Event):
    """상품복원."""

    type: Literal["ProductRestored"] = "ProductRestored"


StockTarget = Literal["product", "option", "add_on"]


class StockAdjusted(_Event):
    """재고관리: who changed which stock (the product's, an option combination's or an add-on item's), by how
    much, why; `key` is the option label (`빨강/M`) or `그룹명/추가상품명`, None for the product's own stock."""

    type: Literal["StockAdjusted"] = "StockAdjusted"
    target: StockTarget
    key: str | None = None
    delta: int
    old_quantity: int
    new_quantity: int
    reason: str


ProductEvent = Annotated[
    ProductRegistered | ProductRevised | ProductStatusChanged | ProductDeleted | ProductRestored | StockAdjusted,
    Field(discriminator="type"),
]

_events: TypeAdapter[ProductEvent] = TypeAdapter(ProductEvent)


def parse_event(data: Mapping[str, Any]) -> ProductEvent:
    """Read a stored event back (`data` includes `type`)."""
    return _events.validate_python(data)
