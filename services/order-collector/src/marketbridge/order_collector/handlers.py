"""Application layer of the order collector: collection runs (event-sourced, stream `CollectionRun-<id>`),
batched de-duplication of fetched orders, the per-account status read model and the schedule (ORD-COL-1)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from marketbridge.contracts import accounts as account_events
from marketbridge.contracts import orders as contract
from marketbridge.contracts.envelope import Envelope
from marketbridge.order_collector import metrics
from marketbridge.order_collector.adapters.projections import account_query, fold, run_row, status_of, status_row
from marketbridge.order_collector.adapters.tables import (
    accounts,
    collected_order_lines,
    collection_runs,
    collection_status,
)
from marketbridge.order_collector.domain import collection_run as domain
from marketbridge.order_collector.domain import run_messages as m
from marketbridge.order_collector.domain.status import (
    due_for_collection,
)
from marketbridge.runtime.aggregate import EventCodec, Repository
from marketbridge.runtime.db import after_commit
from marketbridge.runtime.errors import Conflict, DomainError
from marketbridge.runtime.eventstore import Append
from marketbridge.runtime.http import RequestContext
from marketbridge.runtime.messages import envelope, follow_up, parse
from marketbridge.runtime.service import ServiceRuntime
from marketbridge.runtime.sql import insert_new, upsert
from sqlalchemy import and_, bindparam, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

PRODUCER = "order-collector"
DEFAULT_WINDOW = timedelta(hours=24)
LINE_KEY = ("tenant_id", "marketplace", "account_id", "market_order_line_id")
ENDED = (m.RunStatus.SUCCEEDED, m.RunStatus.FAILED)
SCHEDULER_LOCK = 0x0C011EC7
EVENT_CLASSES: list[type[m.RunEvent]] = [
    m.CollectionRequested,
    m.CollectionStarted,
    m.CollectionPageReceived,
    m.CollectionRunFinished,
    m.CollectionRunFailed,
]

log = structlog.get_logger(__name__)


class CollectorHandlers:
    def __init__(self, rt: ServiceRuntime, interval: timedelta) -> None:
        self.rt, self.interval = rt, interval
        codec: EventCodec[m.RunEvent] = EventCodec(EVENT_CLASSES, lambda c: c.model_fields["type"].default)
        self.repo: Repository[domain.CollectionRun, Any] = Repository(
            rt.store,
            codec,
            domain.evolve,
            "CollectionRun",
            ("COLLECTION_RUN_NOT_FOUND", "수집 작업을 찾을 수 없습니다."),
        )

    # -- commands ----------------------------------------------------------------------------------
    async def request_collection(
        self,
        ctx: RequestContext,
        *,
        account_ids: list[str] | None,
        window_from: datetime | None,
        window_to: datetime | None,
    ) -> list[dict[str, Any]]:
        """주문수집 (ORD-COL-4): one run per account, default all active accounts of the tenant."""
        async with self.rt.db.transaction() as conn:
            targets = await self._targets(conn, ctx.tenant_id, account_ids)
            return await self._request(
                conn,
                ctx.tenant_id,
                targets,
                m.CollectionTrigger.MANUAL,
                ctx.user_id,
                window_from,
                window_to,
                ctx.correlation_id,
            )

    async def request_due(self, *, tenant_id: str | None = None, now: datetime | None = None) -> list[str]:
        """ORD-COL-1: request a scheduled run for every active account whose last run is older than the interval."""
        now = now or datetime.now(UTC)
        async with self.rt.db.transaction() as conn:
            if not self.rt.db.is_sqlite and not await conn.scalar(
                text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": SCHEDULER_LOCK}
            ):
                return []  # another replica is scheduling right now
            query = account_query().where(accounts.c.active)
            if tenant_id:
                query = query.where(accounts.c.tenant_id == tenant_id)
            rows = (await conn.execute(query.order_by(accounts.c.tenant_id, accounts.c.account_id))).all()
            due = [r for r in rows if due_for_collection(status_of(r.snapshot), now=now, interval=self.interval)]
            run_ids: list[str] = []
            for tenant, group in itertools.groupby(due, key=lambda r: str(r.tenant_id)):
                runs = await self._request(
                    conn, tenant, list(group), m.CollectionTrigger.SCHEDULED, None, None, now, str(uuid.uuid4())
                )
                run_ids += [r["run_id"] for r in runs]
        log.info("scheduled_collection_requested", runs=len(run_ids))
        return run_ids

    # -- policies ------------------------------------------------------------------------------------
    async def on_account(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, account_events.MarketplaceAccountChanged)
        row = {
            "tenant_id": env.tenant_id,
            **msg.model_dump(include={"account_id", "marketplace", "seller_id", "display_name", "active"}),
        }
        await upsert(conn, accounts, [row], ["tenant_id", "account_id"])

    async def on_fetch_result(self, conn: AsyncConnection, env: Envelope) -> None:
        if contract.OrdersFetched.matches(env.type):
            await self.on_orders_fetched(conn, env)
        elif contract.CollectionFetchCompleted.matches(env.type):
            await self.on_fetch_completed(conn, env)
        else:
            await self.on_fetch_failed(conn, env)

    async def on_orders_fetched(self, conn: AsyncConnection, env: Envelope) -> None:
        """One page: one batched de-duplicating insert, the page on the run, one OrdersCollected."""
        msg = parse(env, contract.OrdersFetched)
        state, version = await self._run(conn, env, msg.run_id)
        if state is None:
            return
        lines = {o.market_order_line_id: o for o in msg.orders}  # a page may repeat a line
        known = await self._known_statuses(conn, state, list(lines))
        # ORD-COL-3: a line first seen past 'new' was handled on the marketplace directly: not collected
        fresh = {i: o for i, o in lines.items() if i not in known and o.status == "new"}
        skipped = [i for i, o in lines.items() if i not in known and o.status != "new"]
        rows = [self._line_row(state, o) for o in fresh.values()]
        inserted = {r["market_order_line_id"] for r in await insert_new(conn, collected_order_lines, rows, LINE_KEY)}
        new = [o for line_id, o in fresh.items() if line_id in inserted]
        changed = [o for i, o in lines.items() if i in known and known[i] != o.status]
        fetched = len(msg.orders)
        page = m.RecordCollectionPage(
            run_id=state.run_id, at=_now(), page=msg.page, fetched=fetched, new=len(new), duplicates=fetched - len(new)
        )
        await self._apply(conn, state, version, page)
        out: list[Envelope] = []
        if new:
            collected = contract.OrdersCollected(
                run_id=state.run_id, account_id=state.account_id, marketplace=state.marketplace, orders=new
            )
            out.append(follow_up(env, collected, producer=PRODUCER))
        if changed:
            await self._remember_statuses(conn, state, changed)
            statuses = contract.OrderStatusesChanged(
                run_id=state.run_id,
                account_id=state.account_id,
                marketplace=state.marketplace,
                lines=[
                    contract.OrderLineStatus(
                        market_order_line_id=o.market_order_line_id, status=o.status, market_status=o.market_status
                    )
                    for o in changed
                ],
            )
            out.append(follow_up(env, statuses, producer=PRODUCER))
        await self.rt.outbox.add(conn, out)
        after_commit(
            conn, lambda: metrics.count_page(state.marketplace, len(new), len(skipped), [o.status for o in changed])
        )
        if skipped:
            log.warning(
                "orders_handled_on_marketplace_not_collected", run_id=state.run_id, lines=len(skipped), rule="ORD-COL-3"
            )
        log.info("orders_page_collected", run_id=state.run_id, page=msg.page, fetched=fetched, new=len(new))

    async def on_fetch_completed(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, contract.CollectionFetchCompleted)
        state, version = await self._run(conn, env, msg.run_id)
        if state is not None:
            await self._end(conn, env, state, version, m.FinishCollection(run_id=msg.run_id, at=_now()))

    async def on_fetch_failed(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, contract.CollectionFetchFailed)
        state, version = await self._run(conn, env, msg.run_id)
        if state is not None:
            command = m.FailCollection(run_id=msg.run_id, at=_now(), code=msg.code, reason=msg.message)
            await self._end(conn, env, state, version, command)

    # -- helpers -------------------------------------------------------------------------------------
    @staticmethod
    def _line_row(state: Any, o: contract.OrderLine) -> dict[str, Any]:
        return {
            "tenant_id": state.tenant_id,
            "marketplace": state.marketplace,
            "account_id": state.account_id,
            "market_order_line_id": o.market_order_line_id,
            "market_order_id": o.market_order_id,
            "run_id": state.run_id,
            "status": o.status,
        }

    async def _known_statuses(self, conn: AsyncConnection, state: Any, line_ids: list[str]) -> dict[str, str]:
        t = collected_order_lines
        rows = await conn.execute(
            select(t.c.market_order_line_id, t.c.status).where(
                t.c.tenant_id == state.tenant_id,
                t.c.marketplace == state.marketplace,
                t.c.account_id == state.account_id,
                t.c.market_order_line_id.in_(line_ids),
            )
        )
        return {r.market_order_line_id: r.status for r in rows}

    async def _remember_statuses(self, conn: AsyncConnection, state: Any, lines: list[contract.OrderLine]) -> None:
        t = collected_order_lines
        stmt = (
            update(t)
            .where(
                t.c.tenant_id == state.tenant_id,
                t.c.marketplace == state.marketplace,
                t.c.account_id == state.account_id,
                t.c.market_order_line_id == bindparam("line_id"),
            )
            .values(status=bindparam("new_status"))
        )
        await conn.execute(stmt, [{"line_id": o.market_order_line_id, "new_status": o.status} for o in lines])

    async def _targets(self, conn: AsyncConnection, tenant_id: str, account_ids: list[str] | None) -> list[Any]:
        query = account_query().where(accounts.c.tenant_id == tenant_id)
        if account_ids is None:
            rows = (await conn.execute(query.where(accounts.c.active).order_by(accounts.c.account_id))).all()
            if not rows:
                raise DomainError(
                    "NO_ACTIVE_ACCOUNTS", "주문을 수집할 제휴몰 계정이 없습니다.", "account_ids", status=409
                )
            return list(rows)
        rows = (await conn.execute(query.where(accounts.c.account_id.in_(account_ids)))).all()
        by_id = {r.account_id: r for r in rows}
        for account_id in account_ids:
            row = by_id.get(account_id)
            if row is None:
                raise DomainError("ACCOUNT_NOT_FOUND", "제휴몰 계정을 찾을 수 없습니다.", "account_ids", status=404)
            if not row.active:
                raise DomainError(
                    "ACCOUNT_INACTIVE", "사용 중지된 제휴몰 계정입니다.", "account_ids", "ACC-4", status=409
                )
        return [by_id[a] for a in dict.fromkeys(account_ids)]

    async def _request(
        self,
        conn: AsyncConnection,
        tenant_id: str,
        targets: Sequence[Any],
        trigger: m.CollectionTrigger,
        user_id: str | None,
        window_from: datetime | None,
        window_to: datetime | None,
        correlation_id: str,
    ) -> list[dict[str, Any]]:
        now = _now()
        appends, runs, statuses, envelopes, out = [], [], [], [], []
        for t in targets:
            run_id = str(uuid.uuid4())
            w_to = window_to or now
            w_from = window_from or t.last_window_to or w_to - DEFAULT_WINDOW
            command = m.RequestCollection(
                run_id=run_id,
                at=now,
                tenant_id=tenant_id,
                marketplace=t.marketplace,
                account_id=t.account_id,
                trigger=trigger,
                requested_by=user_id,
                period_from=w_from.date(),
                period_to=w_to.date(),
            )
            events = domain.decide(None, command)
            state = self.repo.apply(None, events)
            assert state is not None
            meta = {"actor_id": user_id or "scheduler"}
            appends.append(Append(self.repo.stream_id(run_id), 0, [self.repo.codec.encode(e, meta) for e in events]))
            runs.append(run_row(state) | {"window_from": w_from, "window_to": w_to})
            statuses.append(status_row(fold(status_of(t.snapshot), events)))
            requested = contract.CollectionRequested(
                run_id=run_id, account_id=t.account_id, marketplace=t.marketplace, window_from=w_from, window_to=w_to
            )
            envelopes.append(
                envelope(
                    requested,
                    tenant_id=tenant_id,
                    correlation_id=correlation_id,
                    producer=PRODUCER,
                    marketplace=t.marketplace,
                )
            )
            out.append(requested.model_dump(mode="json"))
        await self.rt.store.append_many(conn, appends)
        if runs:
            await conn.execute(insert(collection_runs), runs)
        await upsert(conn, collection_status, statuses, ["tenant_id", "account_id"])
        await self.rt.outbox.add(conn, envelopes)
        return out

    async def _run(self, conn: AsyncConnection, env: Envelope, run_id: str) -> tuple[domain.CollectionRun | None, int]:
        state, version = await self.repo.load(conn, run_id)
        if state is None or state.tenant_id != env.tenant_id:
            log.warning("collection_run_unknown", run_id=run_id, message_type=env.type)
            return None, 0
        return state, version

    async def _apply(
        self, conn: AsyncConnection, state: domain.CollectionRun, version: int, command: m.RunCommand
    ) -> list[Any]:
        try:
            events = domain.decide(state, command)
        except Conflict as exc:  # e.g. a page after the run ended: the orders were still collected
            log.warning("collection_run_conflict", run_id=state.run_id, code=exc.code)
            return []
        if not events:
            return []
        await self.repo.save(conn, state.run_id, version, events, {"actor_id": "system"})
        new_state = self.repo.apply(state, events)
        assert new_state is not None
        await conn.execute(
            update(collection_runs).where(collection_runs.c.run_id == state.run_id).values(**run_row(new_state))
        )
        await self._update_status(conn, new_state, events)
        return events

    async def _update_status(self, conn: AsyncConnection, run: domain.CollectionRun, events: list[Any]) -> None:
        row = (
            await conn.execute(
                select(collection_status.c.snapshot, collection_status.c.last_window_to, collection_runs.c.window_to)
                .select_from(collection_runs)
                .outerjoin(
                    collection_status,
                    and_(
                        collection_status.c.tenant_id == collection_runs.c.tenant_id,
                        collection_status.c.account_id == collection_runs.c.account_id,
                    ),
                )
                .where(collection_runs.c.run_id == run.run_id)
            )
        ).one()
        values = status_row(fold(status_of(row.snapshot), events))
        if run.status is m.RunStatus.SUCCEEDED and (row.last_window_to is None or row.window_to > row.last_window_to):
            values["last_window_to"] = row.window_to  # the next run continues where this one ended
        await upsert(conn, collection_status, [values], ["tenant_id", "account_id"])

    async def _end(
        self, conn: AsyncConnection, env: Envelope, state: domain.CollectionRun, version: int, command: m.RunCommand
    ) -> None:
        if not await self._apply(conn, state, version, command):
            return
        run, _ = await self.repo.get(conn, state.run_id)
        finished = contract.CollectionRunFinished(
            run_id=run.run_id,
            account_id=run.account_id,
            marketplace=run.marketplace,
            succeeded=run.status is m.RunStatus.SUCCEEDED,
            fetched=run.fetched,
            new=run.new,
            duplicates=run.duplicates,
            message=run.failure_reason,
        )
        await self.rt.outbox.add(conn, [follow_up(env, finished, producer=PRODUCER)])
        after_commit(conn, lambda: metrics.count_run(run.marketplace, finished.succeeded))
        log.info("collection_run_ended", run_id=run.run_id, status=run.status.value, fetched=run.fetched, new=run.new)


def _now() -> datetime:
    return datetime.now(UTC)
