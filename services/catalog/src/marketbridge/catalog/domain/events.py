"""Domain events of the Product aggregate (past tense).

`type` names the event; `model_dump(mode="json")` is what the event store keeps and `parse_event` reads
it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Generic, Literal, TypeVar

from marketbridge.catalog.domain.options import OptionSpec
from marketbridge.catalog.domain.vocabulary import ProductStatus, TaxType
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

T = TypeVar("T")


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True)

    tenant_id: str
    product_id: str
    actor_id: str


class ProductRegistered(_Event):
    type: Literal["ProductRegistered"] = "ProductRegistered"
    product_code: str
    name: str
    category_id: str
    price: int
    tax_type: TaxType
    manufacturer: str
    brand: str
    status: ProductStatus
    options: OptionSpec | None
    stock: int | None


class Change(BaseModel, Generic[T]):
    """One field's old and new value (상품수정이력)."""

    model_config = ConfigDict(frozen=True)

    old: T
    new: T


REVISABLE_FIELDS = ("name", "category_id", "price", "tax_type", "manufacturer", "brand", "options", "stock")


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

    def changes(self) -> dict[str, Change[Any]]:
        """`{"price": Change(old=1000, new=1200), …}` in REVISABLE_FIELDS order."""
        found = ((name, getattr(self, name)) for name in REVISABLE_FIELDS)
        return {name: change for name, change in found if change is not None}


class ProductStatusChanged(_Event):
    type: Literal["ProductStatusChanged"] = "ProductStatusChanged"
    old_status: ProductStatus
    new_status: ProductStatus


ProductEvent = Annotated[ProductRegistered | ProductRevised | ProductStatusChanged, Field(discriminator="type")]

_events: TypeAdapter[ProductEvent] = TypeAdapter(ProductEvent)


def parse_event(data: Mapping[str, Any]) -> ProductEvent:
    """Read a stored event back (`data` includes `type`)."""
    return _events.validate_python(data)
