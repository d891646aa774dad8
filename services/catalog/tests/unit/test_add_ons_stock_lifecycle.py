"""Additional products (ADD-1..3), option guidance (OPT-1, OPT-7), stock adjustments (STK-1, STK-2) and
the delete / restore life cycle (상품삭제 / 상품복원)."""

from __future__ import annotations

from typing import Any

import pytest
from marketbridge.catalog.domain import (
    AdjustStock,
    CombinationOptions,
    DeleteProduct,
    ProductDeleted,
    ProductRestored,
    RestoreProduct,
    StockAdjusted,
    replay,
    total_stock,
)
from marketbridge.runtime.errors import Conflict


def group(name: str = "잠금장치", *items: tuple[str, int]) -> dict[str, Any]:
    rows = items or (("번호키", 1000), ("자물쇠", 2000))
    return {"name": name, "items": [{"name": n, "price": p, "stock": 5} for n, p in rows]}


def test_add_1_up_to_five_groups_of_named_items(catalog: Any) -> None:
    state = catalog.registered(add_ons=[group(f"그룹{i}") for i in range(5)])
    assert len(state.add_ons) == 5 and state.add_ons[0].items[1].name == "자물쇠"
    errors = catalog.rejected(None, catalog.register_command(add_ons=[group(f"그룹{i}") for i in range(6)]))
    assert [(e.code, e.rule) for e in errors] == [("ADD_ON_GROUPS_TOO_MANY", "ADD-1")]
    errors = catalog.rejected(
        None, catalog.register_command(add_ons=[group("a"), group("a"), {"name": "b", "items": []}])
    )
    assert {(e.code, e.field) for e in errors} == {
        ("ADD_ON_GROUP_NAME_DUPLICATE", "add_ons[1].name"),
        ("ADD_ON_ITEMS_REQUIRED", "add_ons[2].items"),
    }


def test_add_2_price_from_10_won_and_warns_above_half_of_the_price(catalog: Any) -> None:
    errors = catalog.rejected(None, catalog.register_command(add_ons=[group("g", ("스티커", 5))]))
    assert [(e.code, e.field, e.rule) for e in errors] == [
        ("ADD_ON_PRICE_TOO_LOW", "add_ons[0].items[0].price", "ADD-2")
    ]
    warnings = catalog.decide(None, catalog.register_command(add_ons=[group("g", ("전조등", 6000))])).warnings
    assert [(w.code, w.rule) for w in warnings] == [
        ("ADD_ON_PRICE_OVER_HALF", "ADD-2"),  # price 10,000: more than 5,000
        ("ADD_ONS_NOT_SHOWN_ON_GENERAL_MALLS", "ADD-3"),
    ]


def test_opt_1_warns_that_general_malls_ignore_option_prices(catalog: Any) -> None:
    command = catalog.register_command(options=catalog.color_size_options(), stock=None, option_mode="all_malls")
    warnings = catalog.decide(None, command).warnings
    assert ("OPTION_PRICES_IGNORED_BY_GENERAL_MALLS", "OPT-1") in [(w.code, w.rule) for w in warnings]
    command = catalog.register_command(options=catalog.color_size_options(), stock=None)
    assert all(w.rule != "OPT-1" for w in catalog.decide(None, command).warnings)


def test_opt_7_warns_when_11st_could_not_take_the_options(catalog: Any) -> None:
    values = ",".join(f"v{i}" for i in range(10))
    names = [{"name": "가", "values": values}, {"name": "나", "values": values}]
    rows = [{"values": [a, b], "stock": 1} for a in values.split(",") for b in values.split(",")]
    options = {"type": "combination", "names": names, "rows": rows}
    warnings = catalog.decide(None, catalog.register_command(options=options, stock=None)).warnings
    assert [(w.code, w.rule) for w in warnings] == [("OPTION_ROWS_OVER_ST11_LIMIT", "OPT-7")]


def adjust(catalog: Any, **fields: Any) -> AdjustStock:
    data = {"tenant_id": "tenant-1", "product_id": "product-1", "actor_id": "user-9", "reason": "입고"} | fields
    return AdjustStock.model_validate(data)


def test_stk_1_adjusts_the_stock_of_an_option_row_an_add_on_item_or_the_product(catalog: Any) -> None:
    state = catalog.registered(options=catalog.color_size_options(), stock=None, add_ons=[group()])
    [event] = catalog.decide(state, adjust(catalog, target="option", key="파랑/M", delta=-4)).events
    assert isinstance(event, StockAdjusted)
    assert (event.actor_id, event.old_quantity, event.new_quantity, event.reason) == ("user-9", 10, 6, "입고")
    state = replay([*_events(catalog, state), event])
    assert state is not None and isinstance(state.options, CombinationOptions)
    assert [r.stock for r in state.options.rows] == [10, 10, 10, 6] and total_stock(state) == 36
    [event] = catalog.decide(state, adjust(catalog, target="add_on", key="잠금장치/자물쇠", delta=3)).events
    assert (event.old_quantity, event.new_quantity) == (5, 8)
    single = catalog.registered()
    [event] = catalog.decide(single, adjust(catalog, target="product", delta=10)).events
    assert (event.old_quantity, event.new_quantity) == (5, 15)


def _events(catalog: Any, state: Any) -> list[Any]:
    """The registration events of `state` again (states are rebuilt from events only)."""
    fields = state.model_dump(exclude={"tenant_id", "product_id", "product_code", "deleted", "manufacturer", "brand"})
    events: list[Any] = catalog.decide(None, catalog.register_command(**fields)).events
    return events


def test_stk_2_stock_never_goes_below_zero_and_needs_a_reason(catalog: Any) -> None:
    state = catalog.registered()
    errors = catalog.rejected(state, adjust(catalog, target="product", delta=-6, reason=""))
    assert {(e.code, e.rule) for e in errors} == {("STOCK_OUT_OF_RANGE", "STK-2"), ("STOCK_REASON_REQUIRED", "STK-1")}
    errors = catalog.rejected(state, adjust(catalog, target="option", key="빨강/S", delta=1))
    assert [(e.code, e.rule) for e in errors] == [("STOCK_TARGET_UNKNOWN", "STK-1")]
    [event] = catalog.decide(state, adjust(catalog, target="product", delta=-5)).events
    assert event.new_quantity == 0  # sold out afterwards is allowed (Q11)


def test_delete_and_restore_keep_the_product_and_block_changes_while_deleted(catalog: Any) -> None:
    state = catalog.registered()
    ids = {"tenant_id": "tenant-1", "product_id": "product-1", "actor_id": "user-3"}
    [deleted] = catalog.decide(state, DeleteProduct(**ids, has_active_listings=False, reason="단종")).events
    assert isinstance(deleted, ProductDeleted) and deleted.reason == "단종"
    gone = replay([*catalog.decide(None, catalog.register_command()).events, deleted])
    assert gone is not None and gone.deleted and not gone.can_be_sold
    with pytest.raises(Conflict) as info:
        catalog.decide(gone, catalog.revise_command(price=20_000))
    assert info.value.code == "PRODUCT_DELETED"
    assert catalog.decide(gone, DeleteProduct(**ids, has_active_listings=False)).events == []  # idempotent
    [restored] = catalog.decide(gone, RestoreProduct(**ids)).events
    assert isinstance(restored, ProductRestored)
    assert catalog.decide(state, RestoreProduct(**ids)).events == []


def test_a_product_on_sale_cannot_be_deleted(catalog: Any) -> None:
    ids = {"tenant_id": "tenant-1", "product_id": "product-1", "actor_id": "user-3"}
    with pytest.raises(Conflict) as info:
        catalog.decide(catalog.registered(), DeleteProduct(**ids, has_active_listings=True))
    assert info.value.code == "PRODUCT_ON_SALE"
