"""Small pieces the dialect parsers and adapters share (the field mappings themselves stay per dialect)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import TypeVar

from marketbridge.connectors.ports import DispatchItem, MarketplaceOrder, MarketplaceOrderState

T = TypeVar("T")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # "time unknown" for fields the port requires


def to_int(value: str | int | None) -> int:
    """A whole-number field; 0 when missing or unreadable."""
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def unique_lines(items: Sequence[DispatchItem]) -> list[DispatchItem]:
    """One dispatch per order line (the last one given wins), in first-seen order."""
    return list({i.order_line_id: i for i in items}.values())


def split_line_id(value: str, name: str) -> tuple[str, str]:
    """`"{order number}-{sequence}"` -> (order number, sequence); `name` is the marketplace, for the error."""
    ord_no, _, seq = value.rpartition("-")
    if not ord_no or not seq:
        raise ValueError(f"not an {name} order line id: {value!r}")
    return ord_no, seq


def state_of(order: MarketplaceOrder, acknowledged: bool) -> MarketplaceOrderState:
    """The state of a line read from the same rows as its order (dialects with no separate state call)."""
    return MarketplaceOrderState(
        order_line_id=order.order_line_id,
        status=order.status,
        raw_status=order.raw_status,
        acknowledged=acknowledged,
        courier_code=order.courier_code,
        tracking_number=order.tracking_number,
        dispatched_at=order.dispatched_at,
    )
