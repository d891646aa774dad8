"""The Product aggregate as pure functions: `decide(state, command) -> Decision` and
`evolve(state, event) -> state`.

`decide` raises ValidationFailed (400, every violation at once), NotFound (404) or Conflict (409) and
otherwise returns the events to append plus the warnings to show the seller.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, assert_never

from marketbridge.catalog.domain.commands import (
    ChangeProductStatus,
    ProductCommand,
    RegisterProduct,
    ReviseProduct,
)
from marketbridge.catalog.domain.events import (
    REVISABLE_FIELDS,
    ProductEvent,
    ProductRegistered,
    ProductRevised,
    ProductStatusChanged,
)
from marketbridge.catalog.domain.option_rules import options_structure
from marketbridge.catalog.domain.options import CombinationOptions, OptionSpec
from marketbridge.catalog.domain.problems import (
    DomainWarning,
    options_locked_while_on_sale,
    product_already_registered,
    product_not_found,
)
from marketbridge.catalog.domain.rules import ProductDraft, check_product, check_product_code
from marketbridge.catalog.domain.vocabulary import ProductStatus, TaxType, normalize_text
from marketbridge.runtime.errors import collect
from pydantic import BaseModel, ConfigDict


class Product(BaseModel):
    """Current state of one product, rebuilt from its stream."""

    model_config = ConfigDict(frozen=True)

    tenant_id: str
    product_id: str
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

    @property
    def can_be_sold(self) -> bool:
        """CAT-STAT-1: only 판매가능 products can be sold."""
        return self.status == "sellable"


@dataclass(frozen=True)
class Decision:
    """The outcome of a command: events to append (none when nothing changed) and warnings to show."""

    events: list[ProductEvent] = field(default_factory=list)
    warnings: list[DomainWarning] = field(default_factory=list)


def decide(state: Product | None, command: ProductCommand, *, company_name: str) -> Decision:
    match command:
        case RegisterProduct():
            return _register(state, command, company_name=normalize_text(company_name))
        case ReviseProduct():
            return _revise(_existing(state, command), command, company_name=normalize_text(company_name))
        case ChangeProductStatus():
            return _change_status(_existing(state, command), command)
        case _:
            assert_never(command)


def evolve(state: Product | None, event: ProductEvent) -> Product:
    match event:
        case ProductRegistered():
            if state is not None:
                raise ValueError(f"product {event.product_id} is already registered")
            return Product.model_validate(event.model_dump(exclude={"type", "actor_id"}))
        case ProductRevised():
            current = _replayed(state, event)
            return current.model_copy(update={name: c.new for name, c in event.changes().items()})
        case ProductStatusChanged():
            return _replayed(state, event).model_copy(update={"status": event.new_status})
        case _:
            assert_never(event)


def replay(events: Iterable[ProductEvent]) -> Product | None:
    """The state after `events` (None for an empty stream)."""
    return functools.reduce(evolve, events, None)


def _replayed(state: Product | None, event: ProductEvent) -> Product:
    if state is None:
        raise ValueError(f"{event.type} before ProductRegistered for product {event.product_id}")
    return state


def _existing(state: Product | None, command: ReviseProduct | ChangeProductStatus) -> Product:
    if state is None or (state.tenant_id, state.product_id) != (command.tenant_id, command.product_id):
        raise product_not_found(command.product_id)
    return state


def _register(state: Product | None, cmd: RegisterProduct, *, company_name: str) -> Decision:
    if state is not None:
        raise product_already_registered(cmd.product_id)
    draft = ProductDraft(
        name=cmd.name,
        category_id=cmd.category_id,
        price=cmd.price,
        tax_type=cmd.tax_type,
        manufacturer=cmd.manufacturer or company_name,  # CAT-MFR-1
        brand=cmd.brand or company_name,
        status=cmd.status,
        options=cmd.options,
        stock=cmd.stock,
    )
    check = check_product(draft, registering=True)
    collect([*check_product_code(cmd.product_code), *check.errors])
    ids = {"tenant_id": cmd.tenant_id, "product_id": cmd.product_id, "actor_id": cmd.actor_id}
    event = ProductRegistered(**ids, product_code=cmd.product_code, **_draft_fields(check.draft))
    return Decision([event], check.warnings)


def _revise(state: Product, cmd: ReviseProduct, *, company_name: str) -> Decision:
    if cmd.has_active_listings and cmd.sets("options"):
        if options_structure(cmd.options) != options_structure(state.options):
            raise options_locked_while_on_sale()  # OPT-8
    check = check_product(_revised_draft(state, cmd, company_name), registering=False)
    collect(check.errors)
    new = _draft_fields(check.draft)
    changes = {name: {"old": getattr(state, name), "new": new[name]} for name in REVISABLE_FIELDS}
    changed = {name: change for name, change in changes.items() if change["old"] != change["new"]}
    ids = {"tenant_id": state.tenant_id, "product_id": state.product_id, "actor_id": cmd.actor_id}
    events: list[ProductEvent] = []
    if changed:
        events.append(ProductRevised.model_validate({**ids, **changed}))
    if new["status"] != state.status:
        events.append(ProductStatusChanged(**ids, old_status=state.status, new_status=new["status"]))
    return Decision(events, check.warnings)


def _change_status(state: Product, cmd: ChangeProductStatus) -> Decision:
    if cmd.status == state.status:
        return Decision()
    event = ProductStatusChanged(
        tenant_id=state.tenant_id,
        product_id=state.product_id,
        actor_id=cmd.actor_id,
        old_status=state.status,
        new_status=cmd.status,
    )
    return Decision([event])


def _revised_draft(state: Product, cmd: ReviseProduct, company_name: str) -> ProductDraft:
    options = cmd.options if cmd.sets("options") else state.options
    if cmd.sets("stock"):
        stock = cmd.stock
    else:  # switching to combination options moves stock into the rows (STK-1)
        stock = None if isinstance(options, CombinationOptions) else state.stock
    return ProductDraft(
        name=state.name if cmd.name is None else cmd.name,
        category_id=state.category_id if cmd.category_id is None else cmd.category_id,
        price=state.price if cmd.price is None else cmd.price,
        tax_type=cmd.tax_type or state.tax_type,
        manufacturer=state.manufacturer if cmd.manufacturer is None else cmd.manufacturer or company_name,
        brand=state.brand if cmd.brand is None else cmd.brand or company_name,
        status=cmd.status or state.status,
        options=options,
        stock=stock,
    )


def _draft_fields(draft: ProductDraft) -> dict[str, Any]:
    return {
        "name": draft.name,
        "category_id": draft.category_id,
        "price": draft.price,
        "tax_type": draft.tax_type,
        "manufacturer": draft.manufacturer,
        "brand": draft.brand,
        "status": draft.status,
        "options": draft.options,
        "stock": draft.stock,
    }
