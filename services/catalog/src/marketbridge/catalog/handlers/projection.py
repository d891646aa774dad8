"""What one command's events become besides the stream: the products read-model row and the integration
events for the outbox (a revised price or a status change to 판매불가 reaches listings this way)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from marketbridge.catalog.domain import Product, total_stock
from marketbridge.catalog.domain import events as domain_events
from marketbridge.catalog.domain.fields import FIELD_NAMES
from marketbridge.catalog.snapshots import snapshot
from marketbridge.contracts import catalog as catalog_events
from marketbridge.contracts.base import Message

COLUMNS = frozenset(
    {"name", "category_id", "price", "tax_type", "manufacturer", "brand", "status", "options", "stock",
     "seller_product_code", "model_name", "model_no"}
)  # fmt: skip
ATTRIBUTES = tuple(name for name in FIELD_NAMES if name not in COLUMNS)


def read_model_row(p: Product, version: int, now: datetime) -> dict[str, Any]:
    """The `products` row of `p`; every field not kept in a column of its own goes into `attributes`."""
    return {
        "tenant_id": p.tenant_id,
        "product_id": p.product_id,
        "product_code": p.product_code,
        "name": p.name,
        "search_name": p.name.lower(),
        "category_id": p.category_id,
        "price": p.price,
        "tax_type": p.tax_type,
        "manufacturer": p.manufacturer,
        "brand": p.brand,
        "status": p.status,
        "option_type": p.options.type if p.options is not None else "none",
        "options": p.options.model_dump(mode="json") if p.options is not None else None,
        "stock": p.stock,
        "seller_product_code": p.seller_product_code,
        "model_name": p.model_name,
        "model_no": p.model_no,
        "total_stock": total_stock(p),
        "deleted": p.deleted,
        "deleted_at": now if p.deleted else None,
        "attributes": p.model_dump(mode="json", include=set(ATTRIBUTES)),
        "version": version,
        "updated_at": now,
    }


def product_from_row(row: Mapping[Any, Any]) -> Product:
    """The inverse of `read_model_row`: the current state, read without folding the product's events."""
    fields = {name: row[name] for name in COLUMNS} | dict(row["attributes"] or {})
    ids = {"tenant_id": row["tenant_id"], "product_id": row["product_id"], "product_code": row["product_code"]}
    return Product.model_validate(fields | ids | {"deleted": row["deleted"]})


def integration_event(event: Any, state: Product) -> Message:
    """The contract message for one domain event, given the state after all of the command's events."""
    actor = event.actor_id
    match event:
        case domain_events.ProductRegistered():
            return catalog_events.ProductRegistered(product=snapshot(state), actor_id=actor)
        case domain_events.ProductRevised():
            changed = list(event.changes())
            return catalog_events.ProductRevised(product=snapshot(state), changed_fields=changed, actor_id=actor)
        case domain_events.ProductStatusChanged():
            return catalog_events.ProductStatusChanged(
                product_id=event.product_id, status=event.new_status, actor_id=actor, product=snapshot(state)
            )
        case domain_events.ProductDeleted():
            return catalog_events.ProductDeleted(product_id=event.product_id, actor_id=actor, reason=event.reason)
        case domain_events.ProductRestored():
            return catalog_events.ProductRestored(product=snapshot(state), actor_id=actor)
        case domain_events.StockAdjusted():
            return catalog_events.StockAdjusted(
                **event.model_dump(include={"product_id", "target", "key", "delta", "old_quantity", "new_quantity"}),
                reason=event.reason,
                actor_id=actor,
                product=snapshot(state),
            )
    raise TypeError(f"no integration event for {type(event).__name__}")
