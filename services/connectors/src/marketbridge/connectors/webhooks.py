"""Inbound endpoints marketplaces call on us (not through the gateway, no internal token): GS SHOP pushes
its orders to `/webhooks/gsshop/{supCd}/{receiver_token}`; 인터파크 pulls product XML from
`/webhooks/interpark/feed/{token}`. The pushed rows are kept in the connectors
database, where the gsshop worker's adapter reads them."""

from __future__ import annotations

from fastapi import FastAPI
from marketbridge.connectors.adapters.tables import accounts
from marketbridge.connectors.gsshop import store as gsshop_store
from marketbridge.connectors.gsshop.receiver import ReceiverAccount, create_receiver_router
from marketbridge.connectors.gsshop.sql_store import SqlPushedOrderStore
from marketbridge.connectors.gsshop.store import InMemoryPushedOrderStore
from marketbridge.connectors.interpark.feed import feed_router
from marketbridge.connectors.secrets import SecretBox
from marketbridge.runtime.db import Database
from sqlalchemy import select


def install_pushed_order_store(db: Database) -> SqlPushedOrderStore:
    """Every process of the service (API and gsshop worker) reads and writes the same table."""
    store = SqlPushedOrderStore(db)
    gsshop_store.configure(store)
    return store


def release_pushed_order_store() -> None:
    """Back to the process-local store once the service stops (the store is process-wide state)."""
    gsshop_store.configure(InMemoryPushedOrderStore())


def create_webhooks_app(db: Database, box: SecretBox, store: SqlPushedOrderStore) -> FastAPI:
    async def resolve(sup_cd: str) -> ReceiverAccount | None:
        async with db.read() as conn:
            rows = await conn.execute(
                select(accounts.c.account_id, accounts.c.credentials).where(
                    accounts.c.marketplace == "gsshop", accounts.c.seller_id == sup_cd, accounts.c.active.is_(True)
                )
            )
            for account_id, sealed in rows:
                token = box.open(sealed).get("receiver_token")
                if token:
                    return ReceiverAccount(sup_cd, token, account_id)
        return None

    app = FastAPI(title="MarketBridge marketplace webhooks", openapi_url=None, docs_url=None, redoc_url=None)
    app.include_router(create_receiver_router(store, resolve), prefix="/gsshop")
    # 인터파크 fetches the product XML we publish from this URL (set MB_INTERPARK_FEED_BASE_URL to its public
    # address, e.g. https://connector-interpark.example.com/webhooks/interpark/feed); documents live in the
    # memory of the process that publishes them, which is the interpark worker serving this app.
    app.include_router(feed_router(), prefix="/interpark/feed")
    return app
