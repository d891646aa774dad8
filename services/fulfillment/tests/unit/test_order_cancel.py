"""ORD-CANCEL-1/2 (and ORD-FLOW-2): seller cancellation of new orders, refused for 종합몰."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from marketbridge.fulfillment.domain.events import SellerCancellationRequested
from marketbridge.fulfillment.domain.order import Order, decide
from marketbridge.fulfillment.domain.values import (
    MarketplaceType,
    OrderStatus,
    SellerCancelReason,
    SyncOperation,
)
from marketbridge.runtime.errors import Conflict, ValidationFailed

if TYPE_CHECKING:
    from .conftest import Commands, Run


def test_ord_cancel_1_requests_cancellation_of_a_new_order(cmd: Commands, new_order: Order, run: Run) -> None:
    [event] = decide(new_order, cmd.cancel())
    assert isinstance(event, SellerCancellationRequested)
    assert event.reason is SellerCancelReason.SOLD_OUT and event.request_id == "202405100000001:cancel:1"
    state = run(new_order, cmd.cancel())
    assert state.status is OrderStatus.NEW
    assert state.pending_sync is not None and state.pending_sync.operation is SyncOperation.CANCEL


def test_ord_cancel_1_only_new_orders_can_be_cancelled(cmd: Commands, acknowledged: Order) -> None:
    with pytest.raises(Conflict) as caught:
        decide(acknowledged, cmd.cancel())
    assert (caught.value.code, caught.value.rule) == ("ORDER_NOT_CANCELLABLE", "ORD-CANCEL-1")


def test_ord_cancel_1_refused_while_acknowledgement_is_pending(cmd: Commands, ack_pending: Order) -> None:
    with pytest.raises(Conflict) as caught:
        decide(ack_pending, cmd.cancel())
    assert caught.value.code == "ORDER_SYNC_IN_PROGRESS"


def test_ord_cancel_1_acknowledgement_refused_while_cancellation_is_pending(
    cmd: Commands, new_order: Order, run: Run
) -> None:
    with pytest.raises(Conflict) as caught:
        decide(run(new_order, cmd.cancel()), cmd.acknowledge())
    assert caught.value.code == "ORDER_SYNC_IN_PROGRESS" and "판매취소" in caught.value.message


def test_ord_cancel_1_failed_cancellation_keeps_the_order_new(cmd: Commands, new_order: Order, run: Run) -> None:
    state = run(new_order, cmd.cancel(), cmd.cancel_failed())
    assert state.status is OrderStatus.NEW and state.pending_sync is None
    assert state.last_sync_error is not None and state.last_sync_error.operation is SyncOperation.CANCEL
    assert run(state, cmd.acknowledge(), cmd.ack_synced()).status is OrderStatus.ACKNOWLEDGED


def test_ord_cancel_1_reason_etc_requires_detail(cmd: Commands, new_order: Order) -> None:
    with pytest.raises(ValidationFailed) as caught:
        decide(new_order, cmd.cancel(reason=SellerCancelReason.ETC))
    assert [(e.code, e.field) for e in caught.value.errors] == [("CANCEL_DETAIL_REQUIRED", "reason_detail")]


def test_ord_cancel_2_general_malls_refuse_seller_cancellation(cmd: Commands, new_order: Order) -> None:
    with pytest.raises(Conflict) as caught:
        decide(new_order, cmd.cancel(marketplace_type=MarketplaceType.GENERAL_MALL))
    error = caught.value
    assert (error.code, error.rule, error.status) == ("SELLER_CANCEL_NOT_ALLOWED", "ORD-CANCEL-2", 409)
    assert "종합몰" in error.message and "MD" in error.message


def test_ord_cancel_2_marketplace_type_accepts_the_wire_values(cmd: Commands) -> None:
    assert cmd.cancel(marketplace_type="general_mall").marketplace_type is MarketplaceType.GENERAL_MALL


def test_cancelled_order_is_closed(cmd: Commands, new_order: Order, run: Run) -> None:
    cancelled = run(new_order, cmd.cancel(), cmd.cancel_synced())
    with pytest.raises(Conflict):
        decide(cancelled, cmd.acknowledge())
    with pytest.raises(Conflict):
        decide(cancelled, cmd.register())
