"""Commands of the Product aggregate (imperative names). Types are checked by pydantic at the edge;
business rules (with Korean messages and rule ids) are checked by `product.decide`."""

from __future__ import annotations

from typing import Annotated

from marketbridge.catalog.domain.attribute_rules import split_keywords
from marketbridge.catalog.domain.attributes import AddOnGroup, Certification, Images, Notice, Origin
from marketbridge.catalog.domain.events import StockTarget
from marketbridge.catalog.domain.fields import OptionMode, SalesRegion
from marketbridge.catalog.domain.options import OptionSpec
from marketbridge.catalog.domain.vocabulary import ProductStatus, TaxType, Text
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

Id = Annotated[str, Field(min_length=1, max_length=100)]
Keywords = Annotated[tuple[Text, ...], BeforeValidator(split_keywords)]


class _Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    tenant_id: Id
    product_id: Id
    actor_id: Id


class _OptionalFields(BaseModel):
    """The fields added with the complete product master (SEED-SPEC 1.1); all optional on every command."""

    seller_product_code: Text | None = None
    model_name: Text | None = None
    model_no: Text | None = None
    model_no_is_isbn: bool | None = None
    manufactured_on: Text | None = None
    expires_on: Text | None = None
    origin: Origin | None = None
    certifications: tuple[Certification, ...] | None = None
    notice: Notice | None = None
    keywords: Keywords | None = None
    detail_html: str | None = None  # sanitised by the application layer
    images: Images | None = None
    sales_region: SalesRegion | None = None
    adult_only: bool | None = None
    option_mode: OptionMode | None = None
    add_ons: tuple[AddOnGroup, ...] | None = None


class RegisterProduct(_OptionalFields, _Command):
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


class ReviseProduct(_OptionalFields, _Command):
    """상품수정: only the fields given change. An omitted field is unchanged; an explicit `None` clears a
    nullable field (options, stock, codes, model, dates, notice) and leaves any other field unchanged.
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


class DeleteProduct(_Command):
    """상품삭제 (restorable). Refused while a listing is on sale (inferred)."""

    has_active_listings: bool
    reason: Text = ""


class RestoreProduct(_Command):
    """상품복원."""


class AdjustStock(_Command):
    """재고관리: add `delta` (may be negative) to one stock; `key` names the option combination (`빨강/M`) or
    add-on item (`그룹명/추가상품명`); no key = the product's own stock (single item / buyer-input)."""

    target: StockTarget
    key: Text | None = None
    delta: int
    reason: Text


ProductCommand = RegisterProduct | ReviseProduct | ChangeProductStatus | DeleteProduct | RestoreProduct | AdjustStock
