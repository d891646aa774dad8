"""Revision, status changes and OPT-8 (options locked while the product is on sale)."""

from __future__ import annotations

from typing import Any

import pytest
from marketbridge.catalog.domain import (
    Change,
    ChangeProductStatus,
    CombinationOptions,
    ProductRegistered,
    ProductRevised,
    ProductStatusChanged,
    evolve,
    parse_event,
    replay,
)
from marketbridge.runtime.errors import Conflict, NotFound


def with_options(catalog: Any, **overrides: Any) -> Any:
    return catalog.registered(options=catalog.color_size_options(), stock=None, **overrides)


def status_command(status: str, **overrides: Any) -> ChangeProductStatus:
    fields = {"tenant_id": "tenant-1", "product_id": "product-1", "actor_id": "user-3", "status": status}
    return ChangeProductStatus.model_validate({**fields, **overrides})


def test_revise_records_each_changed_field_old_and_new(catalog: Any) -> None:
    state = catalog.registered()
    decision = catalog.decide(state, catalog.revise_command(name="나이키 운동화", price=12_000, stock=5))
    [event] = decision.events
    assert isinstance(event, ProductRevised)
    assert event.changes() == {
        "name": Change[str](old="나이키 에어맥스 운동화", new="나이키 운동화"),
        "price": Change[int](old=10_000, new=12_000),
    }
    assert event.actor_id == "user-2"
    assert (evolve(state, event).name, evolve(state, event).price) == ("나이키 운동화", 12_000)


def test_revise_without_changes_emits_nothing(catalog: Any) -> None:
    assert catalog.decide(catalog.registered(), catalog.revise_command(price=10_000)).events == []


def test_revise_of_unknown_or_other_tenants_product_is_not_found(catalog: Any) -> None:
    with pytest.raises(NotFound):
        catalog.decide(None, catalog.revise_command(price=1))
    with pytest.raises(NotFound) as info:
        catalog.decide(catalog.registered(), catalog.revise_command(tenant_id="tenant-2", price=1))
    assert info.value.code == "PRODUCT_NOT_FOUND" and info.value.status == 404


def test_revise_validates_the_resulting_product(catalog: Any) -> None:
    errors = catalog.rejected(catalog.registered(), catalog.revise_command(name="특가!", price=-5))
    assert catalog.codes(errors) == ["PRODUCT_NAME_INVALID_CHARACTERS", "PRICE_OUT_OF_RANGE"]


def test_opt_3_lowering_the_price_warns_about_option_add_prices(catalog: Any) -> None:
    decision = catalog.decide(with_options(catalog), catalog.revise_command(price=1_500))
    assert [w.field for w in decision.warnings] == [f"options.rows[{i}].add_price" for i in (1, 2, 3)]
    assert decision.events


def test_opt_8_refuses_option_changes_while_the_product_has_active_listings(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["names"][1]["values"] = "S,M,L"
    with pytest.raises(Conflict) as info:
        catalog.decide(with_options(catalog), catalog.revise_command(has_active_listings=True, options=options))
    assert (info.value.code, info.value.field, info.value.rule, info.value.status) == (
        "OPTIONS_LOCKED_WHILE_ON_SALE",
        "options",
        "OPT-8",
        409,
    )
    assert info.value.message.endswith("(OPT-8)")


def test_opt_8_refuses_add_price_changes_and_option_removal_while_on_sale(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"][1]["add_price"] = 2000
    for command in (
        catalog.revise_command(has_active_listings=True, options=options),
        catalog.revise_command(has_active_listings=True, options=None, stock=3),
    ):
        with pytest.raises(Conflict):
            catalog.decide(with_options(catalog), command)


def test_opt_8_allows_row_sale_flags_and_stock_while_on_sale(catalog: Any) -> None:
    options = catalog.color_size_options()
    options["rows"][1].update(sale_flag="unsellable", stock=0)
    options["rows"].reverse()
    [event] = catalog.decide(
        with_options(catalog), catalog.revise_command(has_active_listings=True, options=options)
    ).events
    assert isinstance(event, ProductRevised) and event.options is not None
    assert isinstance(event.options.new, CombinationOptions)
    assert [(r.sale_flag, r.stock) for r in event.options.new.rows][:2] == [
        ("sellable", 10),
        ("unsellable", 0),
    ]


def test_opt_8_allows_option_changes_without_active_listings_and_other_fields_while_on_sale(
    catalog: Any,
) -> None:
    options = catalog.color_size_options()
    options["rows"][1]["add_price"] = 2000
    assert catalog.decide(with_options(catalog), catalog.revise_command(options=options)).events
    on_sale = catalog.revise_command(has_active_listings=True, name="새 이름", options=catalog.color_size_options())
    assert list(catalog.decide(with_options(catalog), on_sale).events[0].changes()) == ["name"]


def test_stk_2_stock_may_drop_to_zero_after_registration(catalog: Any) -> None:
    [event] = catalog.decide(catalog.registered(), catalog.revise_command(stock=0)).events
    assert event.stock == Change[int | None](old=5, new=0)
    errors = catalog.rejected(catalog.registered(), catalog.revise_command(stock=-1))
    assert catalog.codes(errors) == ["STOCK_OUT_OF_RANGE"]


def test_stk_1_removing_options_requires_one_stock(catalog: Any) -> None:
    errors = catalog.rejected(with_options(catalog), catalog.revise_command(options=None))
    assert [(e.code, e.field) for e in errors] == [("STOCK_REQUIRED", "stock")]
    [event] = catalog.decide(with_options(catalog), catalog.revise_command(options=None, stock=8)).events
    assert (event.options.new, event.stock.new) == (None, 8)


def test_stk_1_switching_to_combination_options_moves_stock_into_the_rows(catalog: Any) -> None:
    [event] = catalog.decide(catalog.registered(), catalog.revise_command(options=catalog.color_size_options())).events
    assert event.stock == Change[int | None](old=5, new=None)
    assert evolve(catalog.registered(), event).stock is None


def test_cat_mfr_1_blank_manufacturer_resets_to_the_company_name(catalog: Any) -> None:
    state = catalog.registered(manufacturer="Nike")
    [event] = catalog.decide(state, catalog.revise_command(manufacturer="")).events
    assert event.manufacturer == Change[str](old="Nike", new=catalog.company)


def test_cat_stat_1_change_status_records_old_and_new_status(catalog: Any) -> None:
    state = catalog.registered()
    [event] = catalog.decide(state, status_command("unsellable")).events
    assert isinstance(event, ProductStatusChanged)
    assert (event.old_status, event.new_status, event.actor_id) == ("sellable", "unsellable", "user-3")
    assert not evolve(state, event).can_be_sold


def test_cat_stat_1_setting_the_same_status_emits_nothing(catalog: Any) -> None:
    assert catalog.decide(catalog.registered(), status_command("sellable")).events == []


def test_cat_stat_1_revising_status_emits_a_status_changed_event(catalog: Any) -> None:
    decision = catalog.decide(catalog.registered(), catalog.revise_command(status="unsellable", price=9000))
    assert [e.type for e in decision.events] == ["ProductRevised", "ProductStatusChanged"]


def test_change_status_of_unknown_product_is_not_found(catalog: Any) -> None:
    with pytest.raises(NotFound):
        catalog.decide(catalog.registered(), status_command("unsellable", product_id="product-9"))


def test_replay_rebuilds_state_from_stored_events(catalog: Any) -> None:
    registered = catalog.decide(None, catalog.register_command()).events
    state = replay(registered)
    revised = catalog.decide(state, catalog.revise_command(price=11_000, options=catalog.color_size_options())).events
    stopped = catalog.decide(replay([*registered, *revised]), status_command("unsellable")).events
    stored = [e.model_dump(mode="json") for e in [*registered, *revised, *stopped]]
    final = replay(parse_event(data) for data in stored)
    assert final is not None
    assert (final.price, final.status, final.stock, final.options is not None) == (
        11_000,
        "unsellable",
        None,
        True,
    )


def test_evolve_refuses_impossible_histories(catalog: Any) -> None:
    [registered] = catalog.decide(None, catalog.register_command()).events
    assert isinstance(registered, ProductRegistered)
    with pytest.raises(ValueError):
        evolve(catalog.registered(), registered)
    with pytest.raises(ValueError):
        evolve(
            None,
            ProductStatusChanged(
                tenant_id="t", product_id="p", actor_id="u", old_status="sellable", new_status="unsellable"
            ),
        )
