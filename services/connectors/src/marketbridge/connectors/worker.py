"""The connector worker of one marketplace: turns commands into outbound API calls.

One worker process per marketplace (own queues, own per-account rate limits). Every attempt is written
to the sync log; transient failures (timeouts, 5xx, 429) are retried by the bus with backoff and end in
the dead-letter queue if they persist; permanent failures become a visible failure event carrying the
marketplace's own message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import structlog
from marketbridge.connectors import synclog
from marketbridge.connectors.adapters.tables import accounts
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
    UnsupportedOperation,
)
from marketbridge.connectors.outbound import OutboundCalls, Outcome
from marketbridge.connectors.ports import MarketplaceAdapter
from marketbridge.connectors.registry import AdapterPool
from marketbridge.contracts import listing as listing_msgs
from marketbridge.contracts import orders as order_msgs
from marketbridge.contracts.base import Message, base_type
from marketbridge.contracts.envelope import Envelope
from marketbridge.contracts.marketplaces import MARKETPLACES
from marketbridge.runtime.messages import follow_up, parse
from marketbridge.runtime.service import ServiceRuntime
from prometheus_client import Counter
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

log = structlog.get_logger(__name__)
CALLS = Counter("connectors_calls_total", "Outbound marketplace calls", ["marketplace", "operation", "outcome"])
PRODUCER = "connectors"


@dataclass(frozen=True)
class OrderCall:
    """How one order-line command maps to an outbound call, the question that settles it after a crash,
    its result events and its sync-log job."""

    request: type[Message]
    operation: str
    call: Callable[[AdapterPool, MarketplaceAdapter, Any], Awaitable[Outcome]]
    resolve: Callable[[AdapterPool, MarketplaceAdapter, Any], Awaitable[Outcome | None]]
    succeeded: type[Message]
    failed: type[Message]
    job: str
    verb: str
    carried: tuple[str, ...] = ()  # request fields repeated on the success event


ORDER_CALLS = {
    spec.request.TYPE: spec
    for spec in (
        OrderCall(
            request=order_msgs.OrderAcknowledgeRequested,
            operation="acknowledge",
            call=AdapterPool.acknowledge,
            resolve=AdapterPool.resolve_acknowledge,
            succeeded=order_msgs.OrderAcknowledgementSynced,
            failed=order_msgs.OrderAcknowledgementFailed,
            job="acknowledge",
            verb="발주확인",
        ),
        OrderCall(
            request=order_msgs.InvoiceSendRequested,
            operation="dispatch",
            call=AdapterPool.dispatch,
            resolve=AdapterPool.resolve_dispatch,
            succeeded=order_msgs.InvoiceSent,
            failed=order_msgs.InvoiceSendFailed,
            job="invoice",
            verb="송장송신",
            carried=("carrier", "tracking_number"),
        ),
        OrderCall(
            request=order_msgs.SellerCancellationRequested,
            operation="cancel",
            call=AdapterPool.cancel,
            resolve=AdapterPool.resolve_cancel,
            succeeded=order_msgs.SellerCancellationSynced,
            failed=order_msgs.SellerCancellationFailed,
            job="cancel",
            verb="판매취소",
        ),
    )
}


class MarketplaceWorker:
    def __init__(
        self, rt: ServiceRuntime, marketplace: str, pool: AdapterPool, *, collection_attempts: int = 3
    ) -> None:
        self.rt, self.marketplace, self.pool = rt, marketplace, pool
        self.calls = OutboundCalls(rt.db, marketplace)
        self.collection_attempts = collection_attempts
        self.name_ko = MARKETPLACES[marketplace].name_ko

    def register(self, prefetch: int) -> None:
        mp = self.marketplace
        self.rt.consume_raw(
            f"connectors.{mp}.collections", [order_msgs.CollectionRequested.routing_key(mp)], self.collect, 4
        )
        # one queue for every order-line command the table knows, so a new entry is consumed without more code
        order_keys = [spec.request.routing_key(mp) for spec in ORDER_CALLS.values()]
        self.rt.consume_raw(f"connectors.{mp}.orders", order_keys, self.order_command, prefetch)
        self.rt.consume_raw(
            f"connectors.{mp}.listings", [listing_msgs.ListingPublishRequested.routing_key(mp)], self.publish, 8
        )

    # -- order collection ---------------------------------------------------------------------------
    async def collect(self, env: Envelope) -> None:
        msg = parse(env, order_msgs.CollectionRequested)
        adapter = await self.pool.get(msg.account_id)
        pages = fetched = 0
        try:
            await self.pool.ensure_usable(msg.account_id)
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(self.collection_attempts),
                wait=wait_exponential_jitter(initial=1, max=10),
                retry=retry_if_exception_type(TransientMarketplaceError),
                reraise=True,
            ):
                with attempt:
                    pages = fetched = 0  # a retry starts the window again; the collector de-duplicates
                    async for page in adapter.fetch_orders(msg.window_from, msg.window_to):
                        pages += 1
                        fetched += len(page)
                        await self._emit(
                            env,
                            order_msgs.OrdersFetched(
                                run_id=msg.run_id,
                                account_id=msg.account_id,
                                marketplace=self.marketplace,
                                page=pages,
                                orders=[self.pool.order_line(msg.account_id, o) for o in page],
                            ),
                        )
        except Exception as exc:  # every failure is reported on the run, with the reason, never dropped
            code, text = _failure(exc)
            if isinstance(exc, AuthenticationRejected):
                text = await self._auth_rejected(msg.account_id, str(exc))
            CALLS.labels(self.marketplace, "fetch_orders", "failed").inc()
            await self._finish_collection(env, msg, pages, fetched, code, text)
            return
        CALLS.labels(self.marketplace, "fetch_orders", "ok").inc()
        await self._finish_collection(env, msg, pages, fetched, None, None)

    async def _finish_collection(
        self,
        env: Envelope,
        msg: order_msgs.CollectionRequested,
        pages: int,
        fetched: int,
        code: str | None,
        text: str | None,
    ) -> None:
        seller = await self.pool.seller_id(msg.account_id)
        result: Message
        run = {
            "run_id": msg.run_id,
            "account_id": msg.account_id,
            "marketplace": self.marketplace,
            "pages": pages,
            "fetched": fetched,
        }
        if code is None:
            result = order_msgs.CollectionFetchCompleted(**run)
            line = f"{self.name_ko}({seller}) 신규주문 주문 수집을 성공하였습니다. ({fetched}건)"
        else:
            result = order_msgs.CollectionFetchFailed(**run, code=code, message=text or "")
            line = f"{self.name_ko}({seller}) 신규주문 주문 수집에 실패하였습니다. ({text})"
        async with self.rt.db.transaction() as conn:
            log_id = await self._log(conn, env, msg.account_id, "collect", msg.run_id)
            await synclog.item(conn, log_id, f"{self.name_ko}({seller}) 신규주문", code is None, line, code)
            await synclog.close_log(conn, log_id, "collect")
            await self.rt.outbox.add(conn, [follow_up(env, result, producer=PRODUCER)])

    # -- acknowledgement, invoice, seller cancellation -------------------------------------------------
    async def order_command(self, env: Envelope) -> None:
        """One order line, one outbound call, recorded before it is made; the result event and the sync
        log line leave in the transaction that records the outcome."""
        spec = ORDER_CALLS[base_type(env.type)]
        msg: Any = parse(env, spec.request)
        record = await self.calls.begin(spec.operation, msg.attempt_key, env.tenant_id)
        if record.state != "pending":
            return  # already settled: its result event left with the outcome
        adapter = await self.pool.get(msg.account_id)
        outcome = None
        if record.interrupted:  # a crash left the outcome unknown: ask the marketplace before calling again
            outcome = await spec.resolve(self.pool, adapter, msg)
        if outcome is None:
            outcome = await self._call(msg.account_id, spec.operation, lambda: spec.call(self.pool, adapter, msg))

        async def effect(conn: AsyncConnection, o: Outcome) -> None:
            base = {
                "order_id": msg.order_id,
                "account_id": msg.account_id,
                "marketplace": self.marketplace,
                "market_order_line_id": msg.market_order_line_id,
                "attempt_key": msg.attempt_key,
            }
            result: Message = (
                spec.succeeded(**base, **{k: getattr(msg, k) for k in spec.carried})
                if o.ok
                else spec.failed(**base, code=o.code or "UNKNOWN", message=o.message or "")
            )
            await self._item_log(conn, env, msg.account_id, spec.job, msg.market_order_line_id, o, spec.verb)
            await self.rt.outbox.add(conn, [follow_up(env, result, producer=PRODUCER)])

        await self.calls.finish(spec.operation, msg.attempt_key, outcome, effect)

    # -- listings ------------------------------------------------------------------------------------
    async def publish(self, env: Envelope) -> None:
        msg = parse(env, listing_msgs.ListingPublishRequested)
        record = await self.calls.begin("publish", msg.attempt_key, env.tenant_id)
        if record.state != "pending":
            return
        adapter = await self.pool.get(msg.account_id)
        outcome = None
        if record.interrupted:  # registered or not? ask before registering the product a second time
            outcome = await self.pool.resolve_publish(adapter, msg)
        if outcome is None:
            outcome = await self._call(msg.account_id, "publish", lambda: self.pool.publish(adapter, msg))

        async def effect(conn: AsyncConnection, o: Outcome) -> None:
            base = {"listing_id": msg.listing_id, "account_id": msg.account_id, "marketplace": self.marketplace}
            result: Message = (
                listing_msgs.ListingPublished(**base, market_product_id=str((o.data or {}).get("market_product_id")))
                if o.ok
                else listing_msgs.ListingPublishFailed(**base, code=o.code or "UNKNOWN", message=o.message or "")
            )
            text = (
                f"{self.name_ko} 연동 성공했습니다." if o.ok else f"{self.name_ko} 연동에 실패하였습니다. ({o.message})"
            )
            log_id = await self._log(conn, env, msg.account_id, "publish", env.correlation_id)
            await synclog.item(conn, log_id, msg.product.product_code, o.ok, text, o.code)
            await self.rt.outbox.add(conn, [follow_up(env, result, producer=PRODUCER)])

        await self.calls.finish("publish", msg.attempt_key, outcome, effect)

    # -- shared ----------------------------------------------------------------------------------------
    async def _call(self, account_id: str, operation: str, call: Any) -> Outcome:
        """Make the call; permanent and authentication failures become an outcome, transient ones raise."""
        try:
            await self.pool.ensure_usable(account_id)
            outcome: Outcome = await call()
        except UnsupportedOperation as exc:
            CALLS.labels(self.marketplace, operation, "unsupported").inc()
            return Outcome(False, "UNSUPPORTED_OPERATION", exc.reason_ko)
        except AuthenticationRejected as exc:
            CALLS.labels(self.marketplace, operation, "auth_rejected").inc()
            reason = await self._auth_rejected(account_id, str(exc))
            return Outcome(False, "AUTHENTICATION_REJECTED", reason)
        except PermanentMarketplaceError as exc:
            CALLS.labels(self.marketplace, operation, "rejected").inc()
            details = "; ".join(f"{name}: {text}" for name, _type, text in exc.invalid_inputs)
            return Outcome(False, exc.code, f"{exc.message} ({details})" if details else exc.message)
        except TransientMarketplaceError:
            CALLS.labels(self.marketplace, operation, "transient").inc()
            raise
        CALLS.labels(self.marketplace, operation, "ok" if outcome.ok else "rejected").inc()
        await self.pool.auth_succeeded(account_id)
        return outcome

    async def _auth_rejected(self, account_id: str, detail: str) -> str:
        async with self.rt.db.transaction() as conn:
            failures = await self.pool.record_auth_failure(conn, account_id)
        return f"{self.name_ko} API 인증이 거부되었습니다({failures}회 연속). API 인증키를 확인해 주세요. ({detail})"

    async def _log(self, conn: AsyncConnection, env: Envelope, account_id: str, job: str, correlation: str) -> str:
        return await synclog.open_log(
            conn,
            tenant_id=env.tenant_id,
            account_id=account_id,
            marketplace=self.marketplace,
            job=job,
            correlation_id=correlation,
        )

    async def _item_log(
        self, conn: AsyncConnection, env: Envelope, account_id: str, job: str, key: str, o: Outcome, verb: str
    ) -> None:
        log_id = await self._log(conn, env, account_id, job, env.correlation_id)
        text = f"{key} {verb} 연동에 성공하였습니다." if o.ok else f"{key} {verb} 연동에 실패하였습니다. ({o.message})"
        await synclog.item(conn, log_id, key, o.ok, text, o.code)

    async def _emit(self, cause: Envelope, message: Message) -> None:
        async with self.rt.db.transaction() as conn:
            await self.rt.outbox.add(conn, [follow_up(cause, message, producer=PRODUCER)])


def _failure(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, PermanentMarketplaceError):
        return exc.code, exc.message
    if isinstance(exc, TransientMarketplaceError):
        return "MARKETPLACE_UNAVAILABLE", f"제휴몰 응답이 원활하지 않습니다: {exc}"
    if isinstance(exc, AuthenticationRejected):
        return "AUTHENTICATION_REJECTED", f"API 인증이 거부되었습니다: {exc}"
    return "COLLECTION_FAILED", f"{type(exc).__name__}: {exc}"


async def mark_attention(conn: AsyncConnection, account_id: str, reason: str) -> None:
    await conn.execute(update(accounts).where(accounts.c.account_id == account_id).values(needs_attention=reason))


def now() -> datetime:
    return datetime.now(UTC)
