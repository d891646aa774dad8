"""Application layer of the catalog service: load, decide, save (events + read model + outbox) in one
transaction; and the active-listings projection that makes OPT-8 real."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from marketbridge.catalog import views
from marketbridge.catalog.adapters.html import sanitize_detail_html
from marketbridge.catalog.adapters.product_codes import allocate_product_code, today_kst
from marketbridge.catalog.adapters.tables import active_listings, products
from marketbridge.catalog.domain import (
    AdjustStock,
    ChangeProductStatus,
    DeleteProduct,
    Product,
    ProductCommand,
    RegisterProduct,
    RestoreProduct,
    ReviseProduct,
    decide,
    evolve,
)
from marketbridge.catalog.domain import events as domain_events
from marketbridge.catalog.domain.problems import product_not_found
from marketbridge.catalog.handlers.projection import integration_event, read_model_row
from marketbridge.catalog.reference import ShippedReference, shipped
from marketbridge.contracts import listing as listing_events
from marketbridge.contracts.base import Message
from marketbridge.contracts.envelope import Envelope
from marketbridge.runtime.aggregate import EventCodec, Repository
from marketbridge.runtime.errors import Conflict, DomainError, ValidationFailed
from marketbridge.runtime.http import RequestContext, validation_body
from marketbridge.runtime.messages import envelope, parse
from marketbridge.runtime.service import ServiceRuntime
from marketbridge.runtime.sql import insert_new, upsert
from pydantic import BaseModel, ValidationError
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

PRODUCER = "catalog"
C = TypeVar("C", bound=BaseModel)
EVENT_CLASSES: list[Any] = [
    domain_events.ProductRegistered,
    domain_events.ProductRevised,
    domain_events.ProductStatusChanged,
    domain_events.ProductDeleted,
    domain_events.ProductRestored,
    domain_events.StockAdjusted,
]


def product_repository(rt: ServiceRuntime) -> Repository[Product, Any]:
    codec: EventCodec[Any] = EventCodec(EVENT_CLASSES, lambda c: c.model_fields["type"].default)
    return Repository(rt.store, codec, evolve, "Product", ("PRODUCT_NOT_FOUND", "상품을 찾을 수 없습니다."))


class CatalogHandlers:
    def __init__(self, rt: ServiceRuntime, reference: ShippedReference | None = None) -> None:
        self.rt = rt
        self.reference = reference or shipped()
        self.repo = product_repository(rt)

    # -- commands from the API ------------------------------------------------------------------
    async def register_product(self, ctx: RequestContext, fields: dict[str, Any]) -> dict[str, Any]:
        product_id = str(uuid.uuid4())
        async with self.rt.db.transaction() as conn:
            code = await allocate_product_code(conn, ctx.tenant_id, today_kst())  # rolled back on errors
            data = {**prepared(fields), **_ids(ctx, product_id), "product_code": code}
            return await self._execute(conn, ctx, None, 0, build_command(RegisterProduct, data))

    async def revise_product(self, ctx: RequestContext, product_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        async with self.rt.db.transaction() as conn:
            state, version = await self.repo.load(conn, product_id)
            on_sale = await views.has_active_listings(conn, ctx.tenant_id, product_id)
            data = {**prepared(fields), **_ids(ctx, product_id), "has_active_listings": on_sale}
            return await self._execute(conn, ctx, state, version, build_command(ReviseProduct, data))

    async def change_status(self, ctx: RequestContext, product_id: str, status: str) -> dict[str, Any]:
        return await self._simple(ctx, product_id, ChangeProductStatus, {"status": status})

    async def delete_product(self, ctx: RequestContext, product_id: str, reason: str) -> dict[str, Any]:
        async with self.rt.db.transaction() as conn:
            state, version = await self.repo.load(conn, product_id)
            on_sale = await views.has_active_listings(conn, ctx.tenant_id, product_id)
            data = {**_ids(ctx, product_id), "has_active_listings": on_sale, "reason": reason}
            return await self._execute(conn, ctx, state, version, build_command(DeleteProduct, data))

    async def restore_product(self, ctx: RequestContext, product_id: str) -> dict[str, Any]:
        return await self._simple(ctx, product_id, RestoreProduct, {})

    async def adjust_stock(self, ctx: RequestContext, product_id: str, adjustment: dict[str, Any]) -> dict[str, Any]:
        return await self._simple(ctx, product_id, AdjustStock, adjustment)

    async def revise_with(
        self, ctx: RequestContext, product_id: str, fields_of: Callable[[Product], dict[str, Any]]
    ) -> dict[str, Any]:
        """A revision computed from the current state (image uploads: the new image list)."""
        async with self.rt.db.transaction() as conn:
            state, version = await self.repo.load(conn, product_id)
            if state is None or state.tenant_id != ctx.tenant_id:
                raise product_not_found(product_id)
            data = {**fields_of(state), **_ids(ctx, product_id), "has_active_listings": False}  # options untouched
            return await self._execute(conn, ctx, state, version, build_command(ReviseProduct, data))

    async def _simple(
        self, ctx: RequestContext, product_id: str, cls: type[ProductCommand], fields: dict[str, Any]
    ) -> dict[str, Any]:
        async with self.rt.db.transaction() as conn:
            state, version = await self.repo.load(conn, product_id)
            cmd = build_command(cls, {**fields, **_ids(ctx, product_id)})
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
        decision = decide(state, cmd, company_name=ctx.tenant_name, reference=self.reference)
        new_state = self.repo.apply(state, decision.events)
        assert new_state is not None
        if decision.events:
            await check_seller_code(conn, state, new_state)
            await self.repo.save(conn, cmd.product_id, version, decision.events, {"actor_id": ctx.user_id})
            await project(conn, [read_model_row(new_state, version + len(decision.events), datetime.now(UTC))])
            messages = [integration_event(e, new_state) for e in decision.events]
            await self.rt.outbox.add(conn, [to_envelope(m, ctx.tenant_id, ctx.correlation_id) for m in messages])
        row = await views.get_product(conn, ctx.tenant_id, cmd.product_id, self.reference, include_deleted=True)
        return row | {"warnings": [w.as_dict() for w in decision.warnings]}

    async def _track_listing(
        self, conn: AsyncConnection, tenant_id: str, listing_id: str, values: dict[str, Any]
    ) -> None:
        """Order-independent: the publish request names the product, the publish result marks it on sale."""
        row = {"tenant_id": tenant_id, "listing_id": listing_id, "product_id": None, "published": False} | values
        if not await insert_new(conn, active_listings, [row], ["tenant_id", "listing_id"]):
            where = (active_listings.c.tenant_id == tenant_id, active_listings.c.listing_id == listing_id)
            await conn.execute(update(active_listings).where(*where).values(**values))


async def check_seller_code(conn: AsyncConnection, state: Product | None, new: Product) -> None:
    """CAT-CODE-2: an own product code belongs to one product of the seller (deleted ones keep theirs)."""
    code = new.seller_product_code
    if not code or (state is not None and state.seller_product_code == code):
        return
    owner = await views.seller_code_owner(conn, new.tenant_id, code)
    if owner is not None and owner != new.product_id:
        raise seller_code_taken(code)


def seller_code_taken(code: str) -> Conflict:
    message = f"이미 사용 중인 자체상품코드입니다: '{code}' (CAT-CODE-2)"
    return Conflict("SELLER_PRODUCT_CODE_DUPLICATE", message, field="seller_product_code", rule="CAT-CODE-2")


async def project(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    """Upsert read-model rows; a race on an own product code surfaces as the unique index (CAT-CODE-2)."""
    try:
        await upsert(conn, products, rows, ["tenant_id", "product_id"])
    except IntegrityError as exc:
        if "seller_code" in str(exc.orig):
            raise seller_code_taken(str(rows[0].get("seller_product_code"))) from exc
        raise


def prepared(fields: dict[str, Any]) -> dict[str, Any]:
    """Request fields as the domain takes them: detail HTML sanitised."""
    if isinstance(fields.get("detail_html"), str):
        return fields | {"detail_html": sanitize_detail_html(fields["detail_html"])}
    return fields


def build_command(cls: type[C], data: dict[str, Any]) -> C:
    """Commands are built from already-validated request bodies; anything pydantic still rejects is a 400."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        body = validation_body(exc.errors())
        raise ValidationFailed(DomainError(e["code"], e["message"], e["field"]) for e in body["errors"]) from exc


def _ids(ctx: RequestContext, product_id: str) -> dict[str, str]:
    return {"tenant_id": ctx.tenant_id, "product_id": product_id, "actor_id": ctx.user_id}


def to_envelope(msg: Message, tenant_id: str, correlation_id: str) -> Envelope:
    return envelope(msg, tenant_id=tenant_id, correlation_id=correlation_id, producer=PRODUCER)
