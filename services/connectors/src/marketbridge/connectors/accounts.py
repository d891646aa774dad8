"""Marketplace accounts (ACC-1..4): registered with their API credentials, which are sealed at rest.

The API never returns credentials; events carry only what other services need (no secrets)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from marketbridge.connectors.adapters.tables import accounts
from marketbridge.connectors.factories import connectable, credential_fields
from marketbridge.connectors.secrets import SecretBox
from marketbridge.contracts.accounts import MarketplaceAccountChanged, MarketplaceAccountRegistered
from marketbridge.contracts.marketplaces import MARKETPLACES
from marketbridge.runtime.errors import Conflict, DomainError, NotFound
from marketbridge.runtime.http import RequestContext
from marketbridge.runtime.messages import envelope
from marketbridge.runtime.service import ServiceRuntime
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

EXPIRY_WARNING = timedelta(days=7)


class Accounts:
    def __init__(self, rt: ServiceRuntime, box: SecretBox) -> None:
        self.rt, self.box = rt, box

    async def register(
        self, ctx: RequestContext, *, marketplace: str, seller_id: str, display_name: str,
        credentials: dict[str, str], key_expires_at: datetime | None,
    ) -> dict[str, Any]:
        _check_credentials(marketplace, credentials)
        account_id = str(uuid.uuid4())
        row = {
            "account_id": account_id, "tenant_id": ctx.tenant_id, "marketplace": marketplace, "seller_id": seller_id,
            "display_name": display_name, "credentials": self.box.seal(credentials), "active": True,
            "key_expires_at": key_expires_at, "auth_failures": 0,
        }
        msg = MarketplaceAccountRegistered(
            account_id=account_id, marketplace=marketplace, seller_id=seller_id, display_name=display_name
        )
        try:
            async with self.rt.db.transaction() as conn:
                await conn.execute(accounts.insert().values(**row))
                await self.rt.outbox.add(conn, [_env(ctx, msg)])
        except IntegrityError as exc:
            raise Conflict("ACCOUNT_ALREADY_REGISTERED", "이미 등록된 제휴몰 판매자 ID입니다.", "seller_id") from exc
        return public(row)

    async def update(self, ctx: RequestContext, account_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        async with self.rt.db.transaction() as conn:
            current = await load(conn, ctx.tenant_id, account_id)
            values: dict[str, Any] = {k: v for k, v in changes.items() if k in ("display_name", "active", "key_expires_at")}
            if changes.get("credentials"):
                _check_credentials(current["marketplace"], changes["credentials"])
                values |= {"credentials": self.box.seal(changes["credentials"]), "auth_failures": 0, "needs_attention": None}
            if values:
                await conn.execute(update(accounts).where(accounts.c.account_id == account_id).values(**values))
            row = current | values
            msg = MarketplaceAccountChanged(
                account_id=account_id, marketplace=row["marketplace"], seller_id=row["seller_id"],
                display_name=row["display_name"], active=row["active"],
            )
            await self.rt.outbox.add(conn, [_env(ctx, msg)])
        return public(row)

    async def reseed(self, account_id: str, seller_id: str, credentials: dict[str, str]) -> None:
        """Embedded demo only: point an existing demo account at a freshly created sandbox seller."""
        async with self.rt.db.transaction() as conn:
            row = await load(conn, None, account_id)
            await conn.execute(update(accounts).where(accounts.c.account_id == account_id).values(
                seller_id=seller_id, credentials=self.box.seal(credentials), auth_failures=0, needs_attention=None))
            msg = MarketplaceAccountChanged(account_id=account_id, marketplace=row["marketplace"], seller_id=seller_id,
                                            display_name=row["display_name"], active=row["active"])
            await self.rt.outbox.add(conn, [envelope(msg, tenant_id=row["tenant_id"], correlation_id="demo-reseed",
                                                     producer="connectors")])

    async def list(self, tenant_id: str) -> list[dict[str, Any]]:
        async with self.rt.db.read() as conn:
            rows = await conn.execute(select(accounts).where(accounts.c.tenant_id == tenant_id).order_by(accounts.c.created_at))
            return [public(dict(r._mapping)) for r in rows]

    async def get(self, tenant_id: str, account_id: str) -> dict[str, Any]:
        async with self.rt.db.read() as conn:
            return public(await load(conn, tenant_id, account_id))


async def load(conn: AsyncConnection, tenant_id: str | None, account_id: str) -> dict[str, Any]:
    query = select(accounts).where(accounts.c.account_id == account_id)
    if tenant_id is not None:
        query = query.where(accounts.c.tenant_id == tenant_id)
    row = (await conn.execute(query)).first()
    if row is None:
        raise NotFound("ACCOUNT_NOT_FOUND", "제휴몰 계정을 찾을 수 없습니다.")
    return dict(row._mapping)


def public(row: dict[str, Any]) -> dict[str, Any]:
    """What the API shows of an account: never the credentials; key-expiry warning from 7 days before (ACC-3)."""
    out = {k: v for k, v in row.items() if k not in ("credentials", "tenant_id")}
    expires = row.get("key_expires_at")
    if expires is not None and expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    out["key_expiry_warning"] = (
        f"API 인증키가 {expires:%Y-%m-%d}에 만료됩니다. 제휴몰 Open API 센터에서 재발급 후 수정해 주세요."
        if expires is not None and expires - datetime.now(UTC) <= EXPIRY_WARNING else None
    )
    out["marketplace_name"] = MARKETPLACES[row["marketplace"]].name_ko if row["marketplace"] in MARKETPLACES else None
    return out


def _check_credentials(marketplace: str, credentials: dict[str, str]) -> None:
    info = MARKETPLACES.get(marketplace)
    if info is None:
        raise DomainError("MARKETPLACE_UNKNOWN", "지원하지 않는 제휴몰입니다.", "marketplace")
    if marketplace not in connectable():
        raise DomainError(
            "MARKETPLACE_NOT_CONNECTED_YET", f"{info.name_ko} 연동은 아직 준비 중입니다.", "marketplace", status=422
        )
    missing = [k for k in credential_fields(marketplace) if not credentials.get(k)]
    if missing:
        raise DomainError(
            "CREDENTIALS_INCOMPLETE", f"API 인증 정보가 부족합니다: {', '.join(missing)}", f"credentials.{missing[0]}", "ACC-2"
        )


def _env(ctx: RequestContext, msg: MarketplaceAccountRegistered | MarketplaceAccountChanged) -> Any:
    return envelope(msg, tenant_id=ctx.tenant_id, correlation_id=ctx.correlation_id, producer="connectors")
