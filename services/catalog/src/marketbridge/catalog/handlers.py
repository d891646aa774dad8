"""Application layer of the catalog service: load, decide, save (events + read model + outbox) in one
transaction; and the active-listings projection that makes OPT-8 real."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, TypeVar

from marketbridge.catalog import views
from marketbridge.catalog.adapters.product_codes import allocate_product_code, today_kst
from marketbridge.catalog.adapters.tables import active_listings, products
from marketbridge.catalog.domain import (
    ChangeProductStatus,
    Product,
    ProductCommand,
    RegisterProduct,
    ReviseProduct,
    decide,
    evolve,
)
from marketbridge.catalog.domain import events as domain_events
from marketbridge.catalog.snapshots import snapshot
from marketbridge.contracts import catalog as catalog_events
from marketbridge.contracts import listing as listing_events
from marketbridge.contracts.base import Message
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime.aggregate import EventCodec, Repository
from marketbridge.runtime.errors import DomainError, ValidationFailed
from marketbridge.runtime.http import RequestContext, validation_body
from marketbridge.runtime.messages import envelope, parse
from marketbridge.runtime.service import ServiceRuntime
from marketbridge.runtime.sql import insert_new, upsert
from pydantic import BaseModel, ValidationError
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncConnection

PRODUCER = "catalog"
C = TypeVar("C", bound=BaseModel)
EVENT_CLASSES: list[Any] = [
    domain_events.ProductRegistered,
    domain_events.ProductRevised,
    domain_events.ProductStatusChanged,
]


class CatalogHandlers:
    def __init__(self, rt: ServiceRuntime) -> None:
        self.rt = rt
        codec: EventCodec[Any] = EventCodec(EVENT_CLASSES, lambda c: c.model_fields["type"].default)
        self.repo: Repository[Product, Any] = Repository(
            rt.store, codec, evolve, "Product", ("PRODUCT_NOT_FOUND", "상품을 찾을 수 없습니다.")
        )

    # -- commands from the API ------------------------------------------------------------------
    async def register_product(self, ctx: RequestContext, fields: dict[str, Any]) -> dict[str, Any]:
        product_id = str(uuid.uuid4())
        async with self.rt.db.transaction() as conn:
            code = await allocate_product_code(conn, ctx.tenant_id, today_kst())  # rolled back on errors
            cmd = _command(RegisterProduct, {**fields, **_ids(ctx, product_id), "product_code": code})
            return await self._execute(conn, ctx, None, 0, cmd)

    async def revise_product(self, ctx: RequestContext, product_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        async with self.rt.db.transaction() as conn:
            state, version = await self.repo.load(conn, product_id)
            on_sale = await views.has_active_listings(conn, ctx.tenant_id, product_id)
            cmd = _command(ReviseProduct, {**fields, **_ids(ctx, product_id), "has_active_listings": on_sale})
            return await self._execute(conn, ctx, state, version, cmd)

    async def change_status(self, ctx: RequestContext, product_id: str, status: str) -> dict[str, Any]:
        async with self.rt.db.transaction() as conn:
            state, version = await self.repo.load(conn, product_id)
            cmd = _command(ChangeProductStatus, {**_ids(ctx, product_id), "status": status})
            return await self._execute(conn, ctx, state, version, cmd)

    # -- policies (integration events from listing) -----------------------------------------------
    async def on_listing_publish_requested(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, listing_events.ListingPublishRequested)
        await self._track_listing(conn, env.tenant_id, msg.listing_id, {"product_id": msg.product.product_id})

    async def on_listing_published(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, listing_events.ListingPublished)
        await self._track_listing(conn, env.tenant_id, msg.listing_id, {"published": True})

    # -- helpers ---------------------------------------------------------------------------------
    async def _execute(
        self, conn: AsyncConnection, ctx: RequestContext, state: Product | None, version: int, cmd: ProductCommand
    ) -> dict[str, Any]:
        decision = decide(state, cmd, company_name=ctx.tenant_name)
        await self.repo.save(conn, cmd.product_id, version, decision.events, {"actor_id": ctx.user_id})
        new_state = self.repo.apply(state, decision.events)
        assert new_state is not None
        if decision.events:
            await self._project(conn, new_state, version + len(decision.events))
            messages = [_integration_event(e, new_state) for e in decision.events]
            envs = [_envelope(m, ctx) for m in messages]
            await self.rt.outbox.add(conn, envs)
        row = await views.get_product(conn, ctx.tenant_id, cmd.product_id)
        return row | {"warnings": [w.as_dict() for w in decision.warnings]}

    async def _project(self, conn: AsyncConnection, p: Product, version: int) -> None:
        values = p.model_dump(mode="json") | {
            "option_type": p.options.type if p.options is not None else "none",
            "version": version,
            "updated_at": datetime.now(UTC),
        }
        await upsert(conn, products, [values], ["tenant_id", "product_id"])

    async def _track_listing(
        self, conn: AsyncConnection, tenant_id: str, listing_id: str, values: dict[str, Any]
    ) -> None:
        """Order-independent: the publish request names the product, the publish result marks it on sale."""
        row = {"tenant_id": tenant_id, "listing_id": listing_id, "product_id": None, "published": False} | values
        if not await insert_new(conn, active_listings, [row], ["tenant_id", "listing_id"]):
            where = (active_listings.c.tenant_id == tenant_id, active_listings.c.listing_id == listing_id)
            await conn.execute(update(active_listings).where(*where).values(**values))


def _command(cls: type[C], data: dict[str, Any]) -> C:
    """Commands are built from already-validated request bodies; anything pydantic still rejects is a 400."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        body = validation_body(exc.errors())
        raise ValidationFailed(DomainError(e["code"], e["message"], e["field"]) for e in body["errors"]) from exc


def _ids(ctx: RequestContext, product_id: str) -> dict[str, str]:
    return {"tenant_id": ctx.tenant_id, "product_id": product_id, "actor_id": ctx.user_id}


def _integration_event(event: Any, state: Product) -> Message:
    if isinstance(event, domain_events.ProductRegistered):
        return catalog_events.ProductRegistered(product=snapshot(state), actor_id=event.actor_id)
    if isinstance(event, domain_events.ProductRevised):
        changed = list(event.changes())
        return catalog_events.ProductRevised(product=snapshot(state), changed_fields=changed, actor_id=event.actor_id)
    assert isinstance(event, domain_events.ProductStatusChanged)
    return catalog_events.ProductStatusChanged(
        product_id=event.product_id, status=event.new_status, actor_id=event.actor_id
    )


def _envelope(msg: Message, ctx: RequestContext) -> Envelope:
    return envelope(msg, tenant_id=ctx.tenant_id, correlation_id=ctx.correlation_id, producer=PRODUCER)
