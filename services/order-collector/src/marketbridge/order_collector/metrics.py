"""What operations watch of collection, per marketplace (accounts would make too many series): runs ended
and how, order lines collected, lines first seen already handled on the marketplace (ORD-COL-3), and
status changes seen on the marketplace (ORD-COL-6). Counted after the commit, so a retried message
counts once."""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable

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


def count_page(marketplace: str, new: int, skipped: int, changed_statuses: Iterable[str]) -> None:
    ORDERS_COLLECTED.labels(marketplace).inc(new)
    ORDERS_NOT_COLLECTED.labels(marketplace).inc(skipped)
    for status, n in Tally(changed_statuses).items():
        STATUS_CHANGES.labels(marketplace, status).inc(n)


def count_run(marketplace: str, succeeded: bool) -> None:
    RUNS.labels(marketplace, "succeeded" if succeeded else "failed").inc()
    if succeeded:
        LAST_SUCCESS.labels(marketplace).set_to_current_time()
