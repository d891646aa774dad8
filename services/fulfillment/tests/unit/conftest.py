"""Builders for Order aggregate tests: commands with sensible defaults and a decide/evolve driver."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from marketbridge.fulfillment.domain import commands as c
from marketbridge.fulfillment.domain.carriers import Carrier
from marketbridge.fulfillment.domain.order import Order, OrderEvent, decide, evolve
from marketbridge.fulfillment.domain.rules import KST
from marketbridge.fulfillment.domain.values import (
    Buyer,
    DelayReason,
    MarketplaceType,
    OrderPrices,
    ProductInfo,
    Receiver,
)

ORDER_ID = "202405100000001"
NOW = datetime(2024, 5, 10, 10, 0, tzinfo=KST)
TODAY = date(2024, 5, 10)


class Commands:
    """One factory per command; keyword arguments override the defaults."""

    def __init__(self) -> None:
        self.at = NOW

    def _base(self, overrides: dict[str, Any]) -> dict[str, Any]:
        return {"order_id": ORDER_ID, "at": self.at, "actor_id": "user-1", **overrides}

    def collect(self, **kw: Any) -> c.RecordCollectedOrder:
        fields: dict[str, Any] = {
            "tenant_id": "tenant-1",
            "marketplace": "AUCTION",
            "account_id": "sbdc1228",
            "marketplace_order_id": "1007273015",
            "marketplace_order_line_id": "1",
            "marketplace_order_sub_id": "1307257474",
            "product": ProductInfo(name="면 티셔츠", marketplace_product_code="B421177500", option_text="블랙/L"),
            "quantity": 2,
            "prices": OrderPrices(sale_price=15000, order_amount=30000, shipping_fee=2500),
            "buyer": Buyer(name="김구매", phone="010-1234-5678"),
            "receiver": Receiver(name="이수령", phone="010-8765-4321", zip_code="06236", address="서울시 강남구"),
            "ordered_at": NOW - timedelta(hours=2),
            "actor_id": None,
        }
        return c.RecordCollectedOrder(**self._base({**fields, **kw}))

    def acknowledge(self, *, days_later: int = 0, **kw: Any) -> c.AcknowledgeOrder:
        planned = {"planned_dispatch_at": NOW + timedelta(days=days_later)} if days_later else {}
        return c.AcknowledgeOrder(**self._base({"today": TODAY, **planned, **kw}))

    def delayed_acknowledge(self, **kw: Any) -> c.AcknowledgeOrder:
        return self.acknowledge(days_later=5, delay_reason=DelayReason.PRODUCT_PREPARE, **kw)

    def ack_synced(self, **kw: Any) -> c.RecordAcknowledgementSynced:
        return c.RecordAcknowledgementSynced(**self._base(kw))

    def ack_failed(self, **kw: Any) -> c.RecordAcknowledgementFailed:
        return c.RecordAcknowledgementFailed(**self._base({"code": "E100", "message": "주문상태 오류", **kw}))

    def register(self, **kw: Any) -> c.RegisterInvoice:
        fields = {"carrier": Carrier.CJ_LOGISTICS, "tracking_number": "6300-1234-5678", **kw}
        return c.RegisterInvoice(**self._base(fields))

    def send(self, **kw: Any) -> c.SendInvoice:
        return c.SendInvoice(**self._base(kw))

    def sent(self, **kw: Any) -> c.RecordInvoiceSent:
        return c.RecordInvoiceSent(**self._base(kw))

    def send_failed(self, **kw: Any) -> c.RecordInvoiceSendFailed:
        fields = {"code": "104122", "message": "유효하지 않은 송장번호입니다.", **kw}
        return c.RecordInvoiceSendFailed(**self._base(fields))

    def force_complete(self, **kw: Any) -> c.ForceComplete:
        return c.ForceComplete(**self._base(kw))

    def delivered(self, **kw: Any) -> c.CompleteOrder:
        return c.CompleteOrder(**self._base({"actor_id": None, **kw}))

    def cancel(self, **kw: Any) -> c.CancelBySeller:
        return c.CancelBySeller(**self._base({"marketplace_type": MarketplaceType.OPEN_MARKET, **kw}))

    def cancel_synced(self, **kw: Any) -> c.RecordSellerCancellationSynced:
        return c.RecordSellerCancellationSynced(**self._base(kw))

    def cancel_failed(self, **kw: Any) -> c.RecordSellerCancellationFailed:
        fields = {"code": "E200", "message": "이미 배송중인 주문입니다.", **kw}
        return c.RecordSellerCancellationFailed(**self._base(fields))


def execute(state: Order | None, command: c.OrderCommand) -> tuple[Order | None, list[OrderEvent]]:
    events = decide(state, command)
    for event in events:
        state = evolve(state, event)
    return state, events


def run_all(state: Order | None, *commands: c.OrderCommand) -> Order:
    for command in commands:
        state, _ = execute(state, command)
    assert state is not None
    return state


Run = Callable[..., Order]


@pytest.fixture
def cmd() -> Commands:
    return Commands()


@pytest.fixture
def run() -> Run:
    return run_all


@pytest.fixture
def new_order(cmd: Commands) -> Order:
    return run_all(None, cmd.collect())


@pytest.fixture
def ack_pending(cmd: Commands, new_order: Order) -> Order:
    return run_all(new_order, cmd.acknowledge())


@pytest.fixture
def acknowledged(cmd: Commands, ack_pending: Order) -> Order:
    return run_all(ack_pending, cmd.ack_synced())


@pytest.fixture
def registered(cmd: Commands, acknowledged: Order) -> Order:
    return run_all(acknowledged, cmd.register())


@pytest.fixture
def send_pending(cmd: Commands, registered: Order) -> Order:
    return run_all(registered, cmd.send())


@pytest.fixture
def invoice_sent(cmd: Commands, send_pending: Order) -> Order:
    return run_all(send_pending, cmd.sent())
