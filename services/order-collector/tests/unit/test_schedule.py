"""ORD-COL-1: automatic collection every 2 hours by default; the interval is configurable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from marketbridge.order_collector.domain.schedule import (
    DEFAULT_COLLECTION_INTERVAL,
    is_due,
    next_due,
    validate_interval,
)
from marketbridge.runtime.errors import DomainError

from .conftest import T0


def test_ord_col_1_default_interval_is_two_hours() -> None:
    assert DEFAULT_COLLECTION_INTERVAL == timedelta(hours=2)
    assert next_due(T0, now=T0) == T0 + timedelta(hours=2)


def test_ord_col_1_never_collected_account_is_due_now() -> None:
    assert next_due(None, now=T0) == T0
    assert is_due(None, now=T0)


@pytest.mark.parametrize(("elapsed", "due"), [(0, False), (119, False), (120, True), (300, True)])
def test_ord_col_1_due_two_hours_after_the_last_start(elapsed: int, due: bool) -> None:
    assert is_due(T0, now=T0 + timedelta(minutes=elapsed)) is due


def test_ord_col_1_interval_is_configurable() -> None:
    assert is_due(T0, timedelta(minutes=30), now=T0 + timedelta(minutes=30))
    assert not is_due(T0, timedelta(hours=6), now=T0 + timedelta(hours=5))


@pytest.mark.parametrize("interval", [timedelta(minutes=5), timedelta(0), timedelta(hours=25)])
def test_ord_col_1_unreasonable_intervals_are_refused(interval: timedelta) -> None:
    with pytest.raises(DomainError) as caught:
        validate_interval(interval)
    assert (caught.value.code, caught.value.rule, caught.value.field) == (
        "COLLECTION_INTERVAL_INVALID",
        "ORD-COL-1",
        "interval",
    )
    assert validate_interval(timedelta(hours=2)) == timedelta(hours=2)
