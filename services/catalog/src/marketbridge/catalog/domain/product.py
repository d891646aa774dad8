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

from marketbridge.catalog.domain import problems
from marketbridge.catalog.domain.commands import (
    AdjustStock,
    ChangeProductStatus,
    DeleteProduct,
    ProductCommand,
    RegisterProduct,
    RestoreProduct,
    ReviseProduct,
)
from marketbridge.catalog.domain.events import (
    ProductDeleted,
    ProductEvent,
    ProductRegistered,
    ProductRestored,
    ProductRevised,
    ProductStatusChanged,
    StockAdjusted,
)
from marketbridge.catalog.domain.fields import FIELD_NAMES, NULLABLE_FIELDS, REVISABLE_FIELDS, ProductFields
from marketbridge.catalog.domain.option_rules import options_structure
from marketbridge.catalog.domain.options import CombinationOptions
from marketbridge.catalog.domain.problems import DomainWarning
from marketbridge.catalog.domain.reference import Reference
from marketbridge.catalog.domain.rules import check_product, check_product_code
from marketbridge.catalog.domain.stock import adjust_stock, apply_stock
from marketbridge.catalog.domain.vocabulary import normalize_text
from marketbridge.runtime.errors import collect


class Product(ProductFields):
    """Current state of one product, rebuilt from its stream."""

    tenant_id: str
    product_id: str
    product_code: str
    deleted: bool = False

    @property
    def can_be_sold(self) -> bool:
        """CAT-STAT-1: only 판매가능 products can be sold."""
        return self.status == "sellable" and not self.deleted


REGISTERED_STATE_FIELDS = tuple(name for name in Product.model_fields if name != "deleted")


@dataclass(frozen=True)
class Decision:
    """The outcome of a command: events to append (none when nothing changed) and warnings to show."""

    events: list[ProductEvent] = field(default_factory=list)
    warnings: list[DomainWarning] = field(default_factory=list)


def decide(state: Product | None, command: ProductCommand, *, company_name: str, reference: Reference) -> Decision:
    match command:
        case RegisterProduct():
            if state is not None:
                raise problems.product_already_registered(command.product_id)
            return _register(command, normalize_text(company_name), reference)
        case ReviseProduct():
            return _revise(_live(state, command), command, normalize_text(company_name), reference)
        case ChangeProductStatus():
            return _change_status(_live(state, command), command)
        case DeleteProduct():
            return _delete(_existing(state, command), command)
        case RestoreProduct():
            current = _existing(state, command)
            return Decision([ProductRestored(**_ids(current, command))] if current.deleted else [])
        case AdjustStock():
            return Decision([adjust_stock(_live(state, command), command)])
        case _:
            assert_never(command)


def evolve(state: Product | None, event: ProductEvent) -> Product:
    match event:
        case ProductRegistered():
            if state is not None:
                raise ValueError(f"product {event.product_id} is already registered")
            # the event was validated when it was built or read: copy its values without validating again
            values = {name: getattr(event, name) for name in REGISTERED_STATE_FIELDS}
            return Product.model_construct(**values, deleted=False)
        case ProductRevised():
            current = _replayed(state, event)
            return current.model_copy(update={name: c.new for name, c in event.changes().items()})
        case ProductStatusChanged():
            return _replayed(state, event).model_copy(update={"status": event.new_status})
        case ProductDeleted():
            return _replayed(state, event).model_copy(update={"deleted": True})
        case ProductRestored():
            return _replayed(state, event).model_copy(update={"deleted": False})
        case StockAdjusted():
            return apply_stock(_replayed(state, event), event)
        case _:
            assert_never(event)


def replay(events: Iterable[ProductEvent]) -> Product | None:
    """The state after `events` (None for an empty stream)."""
    return functools.reduce(evolve, events, None)


def _replayed(state: Product | None, event: ProductEvent) -> Product:
    if state is None:
        raise ValueError(f"{event.type} before ProductRegistered for product {event.product_id}")
    return state


def _existing(state: Product | None, command: ProductCommand) -> Product:
    if state is None or (state.tenant_id, state.product_id) != (command.tenant_id, command.product_id):
        raise problems.product_not_found(command.product_id)
    return state


def _live(state: Product | None, command: ProductCommand) -> Product:
    current = _existing(state, command)
    if current.deleted:
        raise problems.product_deleted(current.product_id)
    return current


def _ids(state: Product, command: ProductCommand) -> dict[str, str]:
    return {"tenant_id": state.tenant_id, "product_id": state.product_id, "actor_id": command.actor_id}


def _register(cmd: RegisterProduct, company_name: str, reference: Reference) -> Decision:
    given = {name: getattr(cmd, name) for name in FIELD_NAMES if getattr(cmd, name) is not None}
    given["manufacturer"] = cmd.manufacturer or company_name  # CAT-MFR-1
    given["brand"] = cmd.brand or company_name
    check = check_product(ProductFields.model_validate(given), registering=True, reference=reference)
    collect([*check_product_code(cmd.product_code), *check.errors])
    ids = {"tenant_id": cmd.tenant_id, "product_id": cmd.product_id, "actor_id": cmd.actor_id}
    event = ProductRegistered(**ids, product_code=cmd.product_code, **_fields(check.draft))
    return Decision([event], check.warnings)


def _revise(state: Product, cmd: ReviseProduct, company_name: str, reference: Reference) -> Decision:
    if cmd.has_active_listings and cmd.sets("options"):
        if options_structure(cmd.options) != options_structure(state.options):
            raise problems.options_locked_while_on_sale()  # OPT-8
    check = check_product(_revised_draft(state, cmd, company_name), registering=False, reference=reference)
    collect(check.errors)
    new = _fields(check.draft)
    changes = {name: {"old": getattr(state, name), "new": new[name]} for name in REVISABLE_FIELDS}
    changed = {name: change for name, change in changes.items() if change["old"] != change["new"]}
    ids = _ids(state, cmd)
    events: list[ProductEvent] = []
    if changed:
        events.append(ProductRevised.model_validate({**ids, **changed}))
    if new["status"] != state.status:
        events.append(ProductStatusChanged(**ids, old_status=state.status, new_status=new["status"]))
    return Decision(events, check.warnings)


def _change_status(state: Product, cmd: ChangeProductStatus) -> Decision:
    if cmd.status == state.status:
        return Decision()
    return Decision([ProductStatusChanged(**_ids(state, cmd), old_status=state.status, new_status=cmd.status)])


def _delete(state: Product, cmd: DeleteProduct) -> Decision:
    if state.deleted:
        return Decision()
    if cmd.has_active_listings:
        raise problems.product_on_sale_cannot_be_deleted()
    return Decision([ProductDeleted(**_ids(state, cmd), reason=cmd.reason)])


def _revised_draft(state: Product, cmd: ReviseProduct, company_name: str) -> ProductFields:
    values = _fields(state)
    for name in FIELD_NAMES:
        value = getattr(cmd, name)
        if cmd.sets(name) and (value is not None or name in NULLABLE_FIELDS):
            values[name] = value
    for maker in ("manufacturer", "brand"):  # CAT-MFR-1: blank resets to the company name
        if cmd.sets(maker) and getattr(cmd, maker) == "":
            values[maker] = company_name
    if not cmd.sets("stock") and isinstance(values["options"], CombinationOptions):
        values["stock"] = None  # switching to combination options moves stock into the rows (STK-1)
    return ProductFields.model_validate(values)


def _fields(fields: ProductFields) -> dict[str, Any]:
    return {name: getattr(fields, name) for name in FIELD_NAMES}
