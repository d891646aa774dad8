"""재고관리: adjusting one stock of a product (STK-1, STK-2) — the product's own stock, one option
combination's, or one add-on item's — and applying the resulting StockAdjusted event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketbridge.catalog.domain.commands import AdjustStock
from marketbridge.catalog.domain.events import StockAdjusted
from marketbridge.catalog.domain.option_rules import STOCK_MAX
from marketbridge.catalog.domain.options import CombinationOptions
from marketbridge.catalog.domain.problems import violation
from marketbridge.runtime.errors import DomainError, ValidationFailed

if TYPE_CHECKING:
    from marketbridge.catalog.domain.product import Product

REASON_MAX = 200  # (inferred)


def current_quantity(state: Product, target: str, key: str | None) -> int | None:
    """The stock `target`/`key` names, or None when the product has no such stock."""
    if target == "product":
        return state.stock if key is None and not isinstance(state.options, CombinationOptions) else None
    if target == "option" and isinstance(state.options, CombinationOptions):
        return next((row.stock for row in state.options.rows if row.label == key), None)
    if target == "add_on":
        items = ((g.name, i) for g in state.add_ons for i in g.items)
        return next((item.stock for group, item in items if item.key(group) == key), None)
    return None


def adjust_stock(state: Product, cmd: AdjustStock) -> StockAdjusted:
    old = current_quantity(state, cmd.target, cmd.key)
    if old is None:
        message = f"재고를 조정할 대상을 찾을 수 없습니다: {cmd.target} {cmd.key or ''}".strip()
        raise ValidationFailed([violation("STOCK_TARGET_UNKNOWN", "key", "STK-1", message)])
    errors: list[DomainError] = []
    if cmd.delta == 0:
        errors.append(violation("STOCK_DELTA_ZERO", "delta", "STK-1", "변경할 재고수량(증감)을 입력해 주세요."))
    if not cmd.reason or len(cmd.reason) > REASON_MAX:
        message = f"재고 조정 사유를 {REASON_MAX}자 이내로 입력해 주세요."
        errors.append(violation("STOCK_REASON_REQUIRED", "reason", "STK-1", message))
    new = old + cmd.delta
    if not 0 <= new <= STOCK_MAX:
        message = f"조정 후 재고수량은 0개 이상 {STOCK_MAX:,}개 이하여야 합니다(현재 {old:,}개, 증감 {cmd.delta:+,}개)."
        errors.append(violation("STOCK_OUT_OF_RANGE", "delta", "STK-2", message))
    if errors:
        raise ValidationFailed(errors)
    ids = {"tenant_id": state.tenant_id, "product_id": state.product_id, "actor_id": cmd.actor_id}
    return StockAdjusted(
        **ids, target=cmd.target, key=cmd.key, delta=cmd.delta, old_quantity=old, new_quantity=new, reason=cmd.reason
    )


def apply_stock(state: Product, event: StockAdjusted) -> Product:
    qty = event.new_quantity
    if event.target == "product":
        return state.model_copy(update={"stock": qty})
    if event.target == "option" and isinstance(state.options, CombinationOptions):
        rows = tuple(r.model_copy(update={"stock": qty}) if r.label == event.key else r for r in state.options.rows)
        return state.model_copy(update={"options": state.options.model_copy(update={"rows": rows})})
    groups = tuple(
        g.model_copy(
            update={
                "items": tuple(
                    i.model_copy(update={"stock": qty}) if i.key(g.name) == event.key else i for i in g.items
                )
            }
        )
        for g in state.add_ons
    )
    return state.model_copy(update={"add_ons": groups})


def total_stock(state: Product) -> int:
    """The sellable quantity shown in 상품조회: option rows summed, or the product's own stock."""
    if isinstance(state.options, CombinationOptions):
        return sum(row.stock for row in state.options.rows)
    return state.stock or 0
