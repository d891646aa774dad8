"""Commands of the Product aggregate (imperative names). Types are checked by pydantic at the edge;
business rules (with Korean messages and rule ids) are checked by `product.decide`."""

from __future__ import annotations

from typing import Annotated

from marketbridge.catalog.domain.options import OptionSpec
from marketbridge.catalog.domain.vocabulary import ProductStatus, TaxType, Text
from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[str, Field(min_length=1, max_length=100)]


class _Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    tenant_id: Id
    product_id: Id
    actor_id: Id


class RegisterProduct(_Command):
    """상품등록. `product_code` is system-assigned by the application layer (CAT-CODE-1).
    Blank `manufacturer`/`brand` default to the company name (CAT-MFR-1). With combination options
    stock is given per row (`options.rows[].stock`) and `stock` stays None; otherwise `stock` is required."""

    product_code: str
    name: Text
    category_id: Text
    price: int
    tax_type: TaxType = "taxable"
    manufacturer: Text | None = None
    brand: Text | None = None
    status: ProductStatus = "sellable"
    options: OptionSpec | None = None
    stock: int | None = None


class ReviseProduct(_Command):
    """상품수정: only the fields given change. `None` (or an omitted field) means unchanged, except for
    `options` and `stock`, where an explicit `None` clears them (single item / stock per option row).
    A blank `manufacturer`/`brand` resets it to the company name (CAT-MFR-1).
    `has_active_listings` is supplied by the application layer: the product is on sale (OPT-8)."""

    has_active_listings: bool
    name: Text | None = None
    category_id: Text | None = None
    price: int | None = None
    tax_type: TaxType | None = None
    manufacturer: Text | None = None
    brand: Text | None = None
    status: ProductStatus | None = None
    options: OptionSpec | None = None
    stock: int | None = None

    def sets(self, field: str) -> bool:
        """Whether the caller gave `field` (explicit None included)."""
        return field in self.model_fields_set


class ChangeProductStatus(_Command):
    """판매가능 / 판매불가 (CAT-STAT-1); 판매불가 makes listings stop sale (Q19, listing service)."""

    status: ProductStatus


ProductCommand = RegisterProduct | ReviseProduct | ChangeProductStatus
