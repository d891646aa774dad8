"""ORD-COL-1: orders are collected automatically every 2 hours, every day (interval configurable)."""

from __future__ import annotations

from datetime import datetime, timedelta

from marketbridge.runtime.errors import DomainError

DEFAULT_COLLECTION_INTERVAL = timedelta(hours=2)
MIN_COLLECTION_INTERVAL = timedelta(minutes=10)  # protects marketplaces' rate limits (UI-5)
MAX_COLLECTION_INTERVAL = timedelta(hours=24)


def validate_interval(interval: timedelta) -> timedelta:
    if not MIN_COLLECTION_INTERVAL <= interval <= MAX_COLLECTION_INTERVAL:
        raise DomainError(
            code="COLLECTION_INTERVAL_INVALID",
            field="interval",
            rule="ORD-COL-1",
            message="자동 수집 주기는 10분 이상 24시간 이하로 설정해 주세요. (ORD-COL-1)",
        )
    return interval


def next_due(
    last_started_at: datetime | None, interval: timedelta = DEFAULT_COLLECTION_INTERVAL, *, now: datetime
) -> datetime:
    """When the next scheduled collection is due: `now` for an account never collected, else one
    interval after the last run started (in the past when a run is overdue)."""
    if last_started_at is None:
        return now
    return last_started_at + interval


def is_due(
    last_started_at: datetime | None, interval: timedelta = DEFAULT_COLLECTION_INTERVAL, *, now: datetime
) -> bool:
    return next_due(last_started_at, interval, now=now) <= now
