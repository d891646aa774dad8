"""Rows of the order collector's read models (runs, status per account) from the domain's states."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marketbridge.order_collector.adapters.tables import accounts, collection_status
from marketbridge.order_collector.domain import collection_run as domain
from marketbridge.order_collector.domain.status import AccountCollectionStatus, update_account_status
from sqlalchemy import Select, and_, select


def account_query() -> Select[Any]:
    return select(accounts, collection_status.c.snapshot, collection_status.c.last_window_to).select_from(
        accounts.outerjoin(
            collection_status,
            and_(
                collection_status.c.tenant_id == accounts.c.tenant_id,
                collection_status.c.account_id == accounts.c.account_id,
            ),
        )
    )


def status_of(snapshot: dict[str, Any] | None) -> AccountCollectionStatus | None:
    return AccountCollectionStatus.model_validate(snapshot) if snapshot else None


def fold(status: AccountCollectionStatus | None, events: Sequence[Any]) -> AccountCollectionStatus:
    for e in events:
        status = update_account_status(status, e)
    assert status is not None
    return status


def status_row(status: AccountCollectionStatus) -> dict[str, Any]:
    return {
        "tenant_id": status.tenant_id,
        "account_id": status.account_id,
        "marketplace": status.marketplace,
        "snapshot": status.model_dump(mode="json"),
    }


def run_row(s: domain.CollectionRun) -> dict[str, Any]:
    return {
        "run_id": s.run_id,
        "tenant_id": s.tenant_id,
        "account_id": s.account_id,
        "marketplace": s.marketplace,
        "trigger": s.trigger.value,
        "requested_by": s.requested_by,
        "status": s.status.value,
        "requested_at": s.requested_at,
        "started_at": s.started_at,
        "ended_at": s.ended_at,
        "pages": len(s.pages_received),
        "fetched": s.fetched,
        "new": s.new,
        "duplicates": s.duplicates,
        "failure_code": s.failure_code,
        "failure_reason": s.failure_reason,
        "version": s.version,
    }
