"""Application layer of the listing service: load, decide, save (events + read model + outbox)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from marketbridge.contracts import accounts as account_events
from marketbridge.contracts import catalog as catalog_events
from marketbridge.contracts import listing as listing_events
from marketbridge.contracts.catalog import ProductSnapshot
from marketbridge.contracts.envelope import Envelope
from marketbridge.contracts.marketplaces import MARKETPLACES
from marketbridge.listing.adapters.tables import accounts, listings, products
from marketbridge.listing.domain import listing as domain
from marketbridge.runtime.aggregate import EventCodec, Repository
from marketbridge.runtime.errors import DomainError, NotFound
from marketbridge.runtime.http import RequestContext
from marketbridge.runtime.messages import envelope, follow_up, parse
from marketbridge.runtime.service import ServiceRuntime
from marketbridge.runtime.sql import upsert
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

PRODUCER = "listing"


class ListingHandlers:
    def __init__(self, rt: ServiceRuntime) -> None:
        self.rt = rt
        codec = EventCodec(domain.EVENT_CLASSES, lambda c: c.model_fields["type"].default)
        self.repo: Repository[domain.Listing, Any] = Repository(
            rt.store, codec, domain.evolve, "Listing", ("LISTING_NOT_FOUND", "판매정보를 찾을 수 없습니다.")
        )

    # -- commands from the API ------------------------------------------------------------------
    async def create_listing(
        self,
        ctx: RequestContext,
        *,
        product_id: str,
        account_id: str,
        sale_price: int,
        list_price: int | None,
        market_category_id: str | None,
        content: domain.ListingContent | None = None,
    ) -> domain.Listing:
        listing_id = str(uuid.uuid4())
        async with self.rt.db.transaction() as conn:
            product = await self._product(conn, ctx.tenant_id, product_id)
            account = await self._account(conn, ctx.tenant_id, account_id)
            events = domain.create(
                listing_id=listing_id,
                tenant_id=ctx.tenant_id,
                product=product,
                account_id=account_id,
                marketplace=MARKETPLACES[account["marketplace"]],
                sale_price=sale_price,
                list_price=list_price,
                market_category_id=market_category_id,
                actor_id=ctx.user_id,
                content=content,
            )
            state = await self._save(conn, listing_id, 0, events, ctx.user_id, product.name)
            await self._request_publish(conn, state, product, ctx.correlation_id, None)
        return state

    async def retry_publish(self, ctx: RequestContext, listing_id: str) -> domain.Listing:
        async with self.rt.db.transaction() as conn:
            state, version = await self._get(conn, ctx.tenant_id, listing_id)
            product = await self._product(conn, ctx.tenant_id, state.product_id)
            new_state = await self._save(
                conn, listing_id, version, domain.retry_publish(state), ctx.user_id, product.name
            )
            await self._request_publish(conn, new_state, product, ctx.correlation_id, None)
        return new_state

    # -- policies (integration events) ---------------------------------------------------------
    async def on_product(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, catalog_events.ProductRegistered)  # ProductRevised has the same `product` field
        row = {
            "tenant_id": env.tenant_id,
            "product_id": msg.product.product_id,
            "snapshot": msg.product.model_dump(mode="json"),
        }
        await upsert(conn, products, [row], ["tenant_id", "product_id"])

    async def on_product_status(self, conn: AsyncConnection, env: Envelope) -> None:
        """판매불가 (or deleted) products can no longer be listed (CAT-STAT-1, Q19)."""
        if env.type == catalog_events.ProductDeleted.TYPE:
            deleted = parse(env, catalog_events.ProductDeleted)
            product_id, status = deleted.product_id, "unsellable"
        else:
            changed = parse(env, catalog_events.ProductStatusChanged)
            product_id, status = changed.product_id, changed.status
        row = await conn.scalar(
            select(products.c.snapshot).where(
                products.c.tenant_id == env.tenant_id, products.c.product_id == product_id
            )
        )
        if row is not None:
            snapshot = dict(row) | {"status": status}
            await upsert(
                conn,
                products,
                [{"tenant_id": env.tenant_id, "product_id": product_id, "snapshot": snapshot}],
                ["tenant_id", "product_id"],
            )

    async def on_account(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, account_events.MarketplaceAccountChanged)
        row = {
            "tenant_id": env.tenant_id,
            **msg.model_dump(include={"account_id", "marketplace", "seller_id", "display_name", "active"}),
        }
        await upsert(conn, accounts, [row], ["tenant_id", "account_id"])

    async def on_published(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, listing_events.ListingPublished)
        state, version = await self._get(conn, env.tenant_id, msg.listing_id)
        await self._save(conn, msg.listing_id, version, domain.record_published(state, msg.market_product_id), "system")

    async def on_publish_failed(self, conn: AsyncConnection, env: Envelope) -> None:
        msg = parse(env, listing_events.ListingPublishFailed)
        state, version = await self._get(conn, env.tenant_id, msg.listing_id)
        await self._save(conn, msg.listing_id, version, domain.record_failed(state, msg.code, msg.message), "system")

    # -- helpers ---------------------------------------------------------------------------------
    async def _get(self, conn: AsyncConnection, tenant_id: str, listing_id: str) -> tuple[domain.Listing, int]:
        state, version = await self.repo.get(conn, listing_id)
        if state.tenant_id != tenant_id:
            raise NotFound("LISTING_NOT_FOUND", "판매정보를 찾을 수 없습니다.")
        return state, version

    async def _save(
        self,
        conn: AsyncConnection,
        listing_id: str,
        version: int,
        events: list[Any],
        actor: str,
        product_name: str | None = None,
    ) -> domain.Listing:
        state, _ = await self.repo.load(conn, listing_id) if version else (None, 0)
        await self.repo.save(conn, listing_id, version, events, {"actor_id": actor})
        new_state = self.repo.apply(state, events)
        assert new_state is not None
        if events:
            await self._project(conn, new_state, version + len(events), product_name)
        return new_state

    async def _project(self, conn: AsyncConnection, s: domain.Listing, version: int, product_name: str | None) -> None:
        values = s.model_dump(exclude={"market_category_id", "content"}) | {
            "version": version,
            "updated_at": datetime.now(UTC),
        }
        if product_name is not None:
            await upsert(conn, listings, [values | {"product_name": product_name}], ["listing_id"])
        else:
            await conn.execute(update(listings).where(listings.c.listing_id == s.listing_id).values(**values))

    async def _request_publish(
        self,
        conn: AsyncConnection,
        s: domain.Listing,
        product: ProductSnapshot,
        correlation_id: str,
        cause: Envelope | None,
    ) -> None:
        msg = listing_events.ListingPublishRequested(
            listing_id=s.listing_id,
            account_id=s.account_id,
            marketplace=s.marketplace,
            product=product,
            sale_price=s.sale_price,
            market_category_id=s.market_category_id,
            **(s.content.model_dump() if s.content else {}),
            attempt_key=f"{s.listing_id}:{s.attempt}",
        )
        env = (
            follow_up(cause, msg, producer=PRODUCER, marketplace=s.marketplace)
            if cause
            else envelope(
                msg, tenant_id=s.tenant_id, correlation_id=correlation_id, producer=PRODUCER, marketplace=s.marketplace
            )
        )
        await self.rt.outbox.add(conn, [env])

    async def _product(self, conn: AsyncConnection, tenant_id: str, product_id: str) -> ProductSnapshot:
        snapshot = await conn.scalar(
            select(products.c.snapshot).where(products.c.tenant_id == tenant_id, products.c.product_id == product_id)
        )
        if snapshot is None:
            raise DomainError(
                "PRODUCT_NOT_FOUND", "상품을 찾을 수 없습니다. 상품을 먼저 등록해 주세요.", "product_id", status=404
            )
        return ProductSnapshot.model_validate(snapshot)

    async def _account(self, conn: AsyncConnection, tenant_id: str, account_id: str) -> dict[str, Any]:
        row = (
            await conn.execute(
                select(accounts).where(accounts.c.tenant_id == tenant_id, accounts.c.account_id == account_id)
            )
        ).first()
        if row is None:
            raise DomainError("ACCOUNT_NOT_FOUND", "제휴몰 계정을 찾을 수 없습니다.", "account_id", status=404)
        if not row.active:
            raise DomainError("ACCOUNT_INACTIVE", "사용 중지된 제휴몰 계정입니다.", "account_id", "ACC-4", status=409)
        return dict(row._mapping)
