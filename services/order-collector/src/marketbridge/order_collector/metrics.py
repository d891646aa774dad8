"""What operations watch of collection, per marketplace (accounts would make too many series): runs ended
and how, order lines collected, lines first seen already handled on the marketplace (ORD-COL-3), and
status changes seen on the marketplace (ORD-COL-6). Counted after the commit, so a retried message
counts once."""

from __future__ import annotations

from prometheus_client import Counter, Gauge

RUNS = Counter("mb_collection_runs_total", "Collection runs ended", ["marketplace", "outcome"])
ORDERS_COLLECTED = Counter("mb_orders_collected_total", "New order lines collected", ["marketplace"])
ORDERS_NOT_COLLECTED = Counter(
    "mb_orders_not_collected_total", "Lines first seen already handled on the marketplace (ORD-COL-3)", ["marketplace"]
)
STATUS_CHANGES = Counter(
    "mb_order_status_changes_total", "Marketplace status changes of collected lines", ["marketplace", "status"]
)
LAST_SUCCESS = Gauge(
    "mb_collection_last_success_timestamp_seconds", "When a collection run last succeeded", ["marketplace"]
)
