"""상품수정이력: who changed which field from what to what and when, derived from the product's event
stream (there is no separate log)."""

from __future__ import annotations

from typing import Any

from marketbridge.catalog.domain import FIELD_LABELS, parse_event
from marketbridge.catalog.domain import events as e
from marketbridge.runtime.errors import NotFound
from marketbridge.runtime.eventstore import EventStore, StoredEvent
from sqlalchemy.ext.asyncio import AsyncConnection

ACTION_LABELS = {
    "ProductRegistered": ("registered", "상품등록"),
    "ProductRevised": ("revised", "상품수정"),
    "ProductStatusChanged": ("status_changed", "상품상태 변경"),
    "ProductDeleted": ("deleted", "상품삭제"),
    "ProductRestored": ("restored", "상품복원"),
    "StockAdjusted": ("stock_adjusted", "재고조정"),
}
STATUS_LABELS = {"sellable": "판매가능", "unsellable": "판매불가"}


async def product_history(
    conn: AsyncConnection, store: EventStore, tenant_id: str, product_id: str, *, limit: int, offset: int
) -> dict[str, Any]:
    """Newest first."""
    stored = await store.read(conn, f"Product-{product_id}")
    if not stored or stored[0].data.get("tenant_id") != tenant_id:
        raise NotFound("PRODUCT_NOT_FOUND", f"상품을 찾을 수 없습니다: {product_id}")
    entries = [_entry(s) for s in reversed(stored)]
    return {"total": len(entries), "items": entries[offset : offset + limit]}


def _entry(stored: StoredEvent) -> dict[str, Any]:
    event = parse_event(stored.data)
    action, label = ACTION_LABELS[event.type]
    entry: dict[str, Any] = {
        "version": stored.version,
        "occurred_at": stored.recorded_at,
        "actor_id": event.actor_id,
        "action": action,
        "action_label": label,
        "changes": _changes(event),
    }
    if isinstance(event, e.ProductDeleted | e.StockAdjusted):
        entry["reason"] = event.reason
    return entry


def _change(field: str, old: Any, new: Any, label: str | None = None) -> dict[str, Any]:
    return {"field": field, "label": label or FIELD_LABELS.get(field, field), "old": old, "new": new}


def _changes(event: Any) -> list[dict[str, Any]]:
    match event:
        case e.ProductRevised():
            dumped = event.model_dump(mode="json")
            return [_change(name, dumped[name]["old"], dumped[name]["new"]) for name in event.changes()]
        case e.ProductStatusChanged():
            return [_change("status", STATUS_LABELS[event.old_status], STATUS_LABELS[event.new_status])]
        case e.StockAdjusted():
            label = "재고수량" + (f" ({event.key})" if event.key else "")
            field = "stock" if event.target == "product" else f"{event.target}:{event.key}"
            return [_change(field, event.old_quantity, event.new_quantity, label)]
        case _:
            return []
