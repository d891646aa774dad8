"""Application layer of the fulfillment service: load, decide, save (events + orders read model + outbox).

Collected orders arrive in pages (OrdersCollected) and are ingested in batches: one de-duplicating insert
into the read model and one event-store append for all new order streams of the page."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import structlog
from marketbridge.contracts import orders as contract
from marketbridge.contracts.base import Message
from marketbridge.contracts.envelope import Envelope
from marketbridge.contracts.marketplaces import MARKETPLACES
from marketbridge.fulfillment import metrics
from marketbridge.fulfillment.adapters.tables import orders
from marketbridge.fulfillment.domain import commands as c
from marketbridge.fulfillment.domain import events as ev
from marketbridge.fulfillment.domain.carriers import Carrier
from marketbridge.fulfillment.domain.order import Order, decide, evolve
from marketbridge.fulfillment.domain.rules import local_date, order_not_found
from marketbridge.fulfillment.domain.values import DelayReason, MarketplaceType, SellerCancelReason
from marketbridge.fulfillment.ingest import collected_command, read_model_row
from marketbridge.runtime.aggregate import EventCodec, Repository
from marketbridge.runtime.db import after_commit
from marketbridge.runtime.errors import DomainError
from marketbridge.runtime.eventstore import Append
from marketbridge.runtime.http import RequestContext, error_body
from marketbridge.runtime.messages import envelope, parse
from marketbridge.runtime.service import ServiceRuntime
from marketbridge.runtime.sql import insert_new
from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

PRODUCER = "fulfillment"
LINE_KEY = ("tenant_id", "marketplace", "account_id", "market_order_line_id")
EVENT_CLASSES: list[type[ev.Event]] = [
    ev.OrderCollected,
    ev.OrderAcknowledgementRequested,
    ev.OrderAcknowledged,
    ev.OrderAcknowledgementFailed,
    ev.InvoiceRegistered,
    ev.InvoiceSendRequested,
    ev.InvoiceSent,
    ev.InvoiceSendFailed,
    ev.OrderCompleted,
    ev.SellerCancellationRequested,
    ev.OrderCancelledBySeller,
    ev.SellerCancellationFailed,
]
MakeCommand = Callable[[Order, datetime], c.OrderCommand]

log = structlog.get_logger(__name__)


class FulfillmentHandlers:
    def __init__(self, rt: ServiceRuntime) -> None:
        self.rt = rt
        codec: EventCodec[ev.Event] = EventCodec(EVENT_CLASSES, lambda cls: cls.model_fields["type"].default)
        self.repo: Repository[Order, Any] = Repository(
            rt.store, codec, evolve, "Order", ("ORDER_NOT_FOUND", "주문을 찾을 수 없습니다.")
        )

    # -- commands from the API ------------------------------------------------------------------
    async def acknowledge(
        self,
        ctx: RequestContext,
        order_id: str,
        *,
        planned_dispatch_at: datetime | None,
        delay_reason: DelayReason | None,
        delay_detail: str | None,
    ) -> Order:
        """발주확인 (ORD-ACK-1..3) → OrderAcknowledgeRequested to the marketplace worker."""

        def make(_s: Order, now: datetime) -> c.OrderCommand:
            return c.AcknowledgeOrder(
                order_id=order_id,
                at=now,
                actor_id=ctx.user_id,
                today=local_date(now),
                planned_dispatch_at=planned_dispatch_at,
                delay_reason=delay_reason,
                delay_detail=delay_detail,
            )

        return await self._execute(ctx, order_id, make)

    async def register_invoice(
        self, ctx: RequestContext, order_id: str, carrier: Carrier, tracking_number: str
    ) -> Order:
        def make(s: Order, now: datetime) -> c.OrderCommand:
            info = MARKETPLACES.get(s.marketplace.lower())
            accepted = None if info is None or info.carriers_by_name else frozenset(map(Carrier, info.carriers))
            return c.RegisterInvoice(
                order_id=order_id, at=now, actor_id=ctx.user_id, carrier=carrier, tracking_number=tracking_number,
                marketplace_name=info.name_ko if info else s.marketplace, marketplace_carriers=accepted,
            )  # fmt: skip

        return await self._execute(ctx, order_id, make)

    async def send_invoice(self, ctx: RequestContext, order_id: str) -> Order:
        return await self._execute(
            ctx, order_id, lambda _s, now: c.SendInvoice(order_id=order_id, at=now, actor_id=ctx.user_id)
        )

    async def force_complete(self, ctx: RequestContext, order_id: str) -> Order:
        return await self._execute(
            ctx, order_id, lambda _s, now: c.ForceComplete(order_id=order_id, at=now, actor_id=ctx.user_id)
        )

    async def cancel(
        self, ctx: RequestContext, order_id: str, reason: SellerCancelReason, reason_detail: str | None
    ) -> Order:
        """판매취소 (ORD-CANCEL-1/2): refused up front for general malls (MARKETPLACES)."""

        def make(s: Order, now: datetime) -> c.OrderCommand:
            info = MARKETPLACES.get(s.marketplace.lower())
            kind = MarketplaceType(info.type) if info else MarketplaceType.OPEN_MARKET
            return c.CancelBySeller(
                order_id=order_id,
                at=now,
                actor_id=ctx.user_id,
                marketplace_type=kind,
                reason=reason,
                reason_detail=reason_detail,
            )

        return await self._execute(ctx, order_id, make)

    async def for_each(self, order_ids: Sequence[str], action: Callable[[str], Any]) -> list[dict[str, Any]]:
        """Batch actions: each order in its own transaction, a result per order."""
        results: list[dict[str, Any]] = []
        for order_id in dict.fromkeys(order_ids):
            try:
                state: Order = await action(order_id)
                results.append({"order_id": order_id, "ok": True, "status": state.status.value})
            except DomainError as exc:
                results.append({"order_id": order_id, "ok": False, "error": error_body(exc)})
        return results

    # -- policies (integration events) ---------------------------------------------------------
    async def on_orders_collected(self, conn: AsyncConnection, env: Envelope) -> None:
        """A page of new order lines: one batched insert into the read model, one append for all streams."""
        msg = parse(env, contract.OrdersCollected)
        now = _now()
        created: dict[str, tuple[Order, list[Any]]] = {}
        rows: list[dict[str, Any]] = []
        for line in {o.market_order_line_id: o for o in msg.orders}.values():
            try:
                command = collected_command(env.tenant_id, msg, line, str(uuid.uuid4()), now)
            except ValidationError as exc:
                log.warning("collected_order_invalid", line_id=line.market_order_line_id, error=str(exc)[:500])
                continue
            events = decide(None, command)
            state = self.repo.apply(None, events)
            assert state is not None
            created[state.order_id] = (state, events)
            rows.append(read_model_row(state))
        inserted = await insert_new(conn, orders, rows, LINE_KEY)
        meta = {"actor_id": "system"}
        await self.rt.store.append_many(
            conn,
            [
                Append(
                    self.repo.stream_id(r["order_id"]),
                    0,
                    [self.repo.codec.encode(e, meta) for e in created[r["order_id"]][1]],
                )
                for r in inserted
            ],
        )
        collected = [e for r in inserted for e in created[r["order_id"]][1]]
        after_commit(conn, lambda: metrics.count(msg.marketplace, collected))
        log.info("orders_ingested", run_id=msg.run_id, received=len(msg.orders), new=len(inserted))

    async def on_ack_synced(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, contract.OrderAcknowledgementSynced)
        await self._record(
            conn,
            env,
            msg,
            lambda now: c.RecordAcknowledgementSynced(order_id=msg.order_id, at=now, request_id=msg.attempt_key),
        )

    async def on_ack_failed(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, contract.OrderAcknowledgementFailed)
        await self._record(
            conn,
            env,
            msg,
            lambda now: c.RecordAcknowledgementFailed(
                order_id=msg.order_id, at=now, request_id=msg.attempt_key, code=msg.code, message=msg.message
            ),
        )

    async def on_invoice_sent(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, contract.InvoiceSent)
        await self._record(
            conn, env, msg, lambda now: c.RecordInvoiceSent(order_id=msg.order_id, at=now, request_id=msg.attempt_key)
        )

    async def on_invoice_send_failed(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, contract.InvoiceSendFailed)
        await self._record(
            conn,
            env,
            msg,
            lambda now: c.RecordInvoiceSendFailed(
                order_id=msg.order_id, at=now, request_id=msg.attempt_key, code=msg.code, message=msg.message
            ),
        )

    async def on_statuses_changed(self, conn: AsyncConnection, env: Envelope) -> None:
        """Delivered or purchase-decided on the marketplace → the order is completed (ORD-COL-6)."""
        msg = parse(env, contract.OrderStatusesChanged)
        done = [line.market_order_line_id for line in msg.lines if line.status in DELIVERED_STATUSES]
        if not done:
            return
        rows = await conn.execute(
            select(orders.c.order_id).where(
                orders.c.tenant_id == env.tenant_id,
                orders.c.marketplace == msg.marketplace,
                orders.c.account_id == msg.account_id,
                orders.c.market_order_line_id.in_(done),
            )
        )
        for (order_id,) in rows.all():
            state, version = await self.repo.load(conn, order_id)
            if state is None:
                continue
            try:
                events = decide(state, c.CompleteOrder(order_id=order_id, at=_now()))
            except DomainError as exc:  # e.g. delivered before our invoice result arrived: logged, not applied
                log.warning("delivery_not_applied", order_id=order_id, code=exc.code, status=state.status)
                continue
            await self._save(conn, state, version, events, "system")

    async def on_cancel_synced(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, contract.SellerCancellationSynced)
        await self._record(
            conn,
            env,
            msg,
            lambda now: c.RecordSellerCancellationSynced(order_id=msg.order_id, at=now, request_id=msg.attempt_key),
        )

    async def on_cancel_failed(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, contract.SellerCancellationFailed)
        await self._record(
            conn,
            env,
            msg,
            lambda now: c.RecordSellerCancellationFailed(
                order_id=msg.order_id, at=now, request_id=msg.attempt_key, code=msg.code, message=msg.message
            ),
        )

    # -- helpers ---------------------------------------------------------------------------------
    async def _execute(self, ctx: RequestContext, order_id: str, make: MakeCommand) -> Order:
        async with self.rt.db.transaction() as conn:
            state, version = await self._get(conn, ctx.tenant_id, order_id)
            events = decide(state, make(state, _now()))
            new_state = await self._save(conn, state, version, events, ctx.user_id)
            await self.rt.outbox.add(conn, _marketplace_requests(new_state, events, ctx.correlation_id))
        return new_state

    async def _record(
        self,
        conn: AsyncConnection,
        env: Envelope,
        msg: contract.MarketplaceCallResult,
        make: Callable[[datetime], c.OrderCommand],
    ) -> None:
        state, version = await self.repo.load(conn, msg.order_id)
        if state is None or state.tenant_id != env.tenant_id:
            log.warning("marketplace_result_for_unknown_order", order_id=msg.order_id, message_type=env.type)
            return
        events = decide(state, make(_now()))  # [] for a duplicate or stale result
        await self._save(conn, state, version, events, "system")

    async def _get(self, conn: AsyncConnection, tenant_id: str, order_id: str) -> tuple[Order, int]:
        state, version = await self.repo.load(conn, order_id)
        if state is None or state.tenant_id != tenant_id:
            raise order_not_found(order_id)
        return state, version

    async def _save(self, conn: AsyncConnection, state: Order, version: int, events: list[Any], actor: str) -> Order:
        if not events:
            return state
        await self.repo.save(conn, state.order_id, version, events, {"actor_id": actor})
        new_state = self.repo.apply(state, events)
        assert new_state is not None
        row = read_model_row(new_state) | {"updated_at": _now()}
        await conn.execute(update(orders).where(orders.c.order_id == state.order_id).values(**row))
        after_commit(conn, lambda: metrics.count(state.marketplace, events))
        return new_state


def _marketplace_requests(s: Order, events: Sequence[Any], correlation_id: str) -> list[Envelope]:
    out: list[Envelope] = []
    ids = {
        "order_id": s.order_id,
        "account_id": s.account_id,
        "marketplace": s.marketplace,
        "market_order_id": s.marketplace_order_id,
        "market_order_line_id": s.marketplace_order_line_id,
    }
    for e in events:
        msg: Message | None = None
        if isinstance(e, ev.OrderAcknowledgementRequested):
            msg = contract.OrderAcknowledgeRequested(
                **ids,
                planned_dispatch_at=e.planned_dispatch_at,
                delay_reason=e.delay_reason.value if e.delay_reason else None,
                delay_detail=e.delay_detail,
                attempt_key=e.request_id,
            )
        elif isinstance(e, ev.SellerCancellationRequested):
            msg = contract.SellerCancellationRequested(
                **ids, reason=e.reason.value, reason_detail=e.reason_detail, attempt_key=e.request_id
            )
        elif isinstance(e, ev.InvoiceSendRequested):
            msg = contract.InvoiceSendRequested(
                **ids, carrier=e.carrier.value, tracking_number=e.tracking_number, attempt_key=e.request_id
            )
        if msg is not None:
            out.append(
                envelope(
                    msg,
                    tenant_id=s.tenant_id,
                    correlation_id=correlation_id,
                    producer=PRODUCER,
                    marketplace=s.marketplace,
                )
            )
    return out


DELIVERED_STATUSES = {"delivered", "purchase_decided"}


def _now() -> datetime:
    return datetime.now(UTC)
