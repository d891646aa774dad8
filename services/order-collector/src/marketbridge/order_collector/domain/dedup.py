"""De-duplication of collected orders: one order line is known by
(tenant_id, marketplace, account_id, marketplace order line id).

The connector must give a line id unique within the account (for marketplaces whose line numbers
restart per order, the order number and the line number together, e.g. `2024051012345-1`).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class OrderLineKey(NamedTuple):
    tenant_id: str
    marketplace: str
    account_id: str
    marketplace_order_line_id: str

    def as_text(self) -> str:
        """One string for a unique column: parts joined by `|` (backslash-escaped inside parts)."""
        return "|".join(part.replace("\\", "\\\\").replace("|", "\\|") for part in self)


def dedup_key(tenant_id: str, marketplace: str, account_id: str, marketplace_order_line_id: str) -> OrderLineKey:
    """The key of a collected order line; blanks around parts are ignored, the marketplace is upper-cased."""
    parts = (
        tenant_id.strip(),
        marketplace.strip().upper(),
        account_id.strip(),
        marketplace_order_line_id.strip(),
    )
    if not all(parts):
        raise ValueError(f"every part of an order-line key is required: {parts!r}")
    return OrderLineKey(*parts)


@dataclass(frozen=True)
class Deduplicated(Generic[T]):
    new: list[T] = field(default_factory=list)
    duplicates: list[T] = field(default_factory=list)


def deduplicate(
    items: Iterable[T], key: Callable[[T], OrderLineKey], known: Container[OrderLineKey]
) -> Deduplicated[T]:
    """Split collected lines into new ones and duplicates: already `known`, or repeated in this batch
    (overlapping pages return the same line twice). Order is kept."""
    result: Deduplicated[T] = Deduplicated()
    seen: set[OrderLineKey] = set()
    for item in items:
        item_key = key(item)
        target = result.duplicates if item_key in known or item_key in seen else result.new
        target.append(item)
        seen.add(item_key)
    return result
