"""What operations watch of the order lifecycle: every order event, by marketplace and type (OrderCollected,
OrderAcknowledged, InvoiceSent, InvoiceSendFailed, OrderCompleted, …), so a dashboard shows invoice
failures per marketplace and how far orders are behind. Counted after the commit: a retried message
counts once."""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable

from prometheus_client import Counter

ORDER_EVENTS = Counter("mb_order_events_total", "Order lifecycle events recorded", ["marketplace", "event"])


def count(marketplace: str, events: Iterable[object]) -> None:
    for event, n in Tally(type(e).__name__ for e in events).items():  # one label lookup per type, not per event
        ORDER_EVENTS.labels(marketplace, event).inc(n)
