"""SQL for tenants and users. Every user query is scoped by tenant, except the login lookup by email."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from marketbridge.gateway.adapters.tables import tenants, users
from marketbridge.gateway.domain.model import Role, Tenant, User
from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection


@dataclass(frozen=True)
class Credentials:
    """What login and token checks need: the user, its hash and when its password last changed."""

    user: User
    password_hash: str
    password_changed_at: datetime
    tenant_name: str


def _user(row: Row[Any]) -> User:
    return User(
        id=row.id,
        tenant_id=row.tenant_id,
        email=row.email,
        display_name=row.display_name,
        role=cast(Role, row.role),
        active=row.active,
        created_at=row.created_at,
    )


def _tenant(row: Row[Any]) -> Tenant:
    return Tenant(row.id, row.name, row.contact_phone, row.address, row.created_at)


_CREDENTIALS = select(
    users, users.c.password_hash, users.c.password_changed_at, tenants.c.name.label("tenant_name")
).join(tenants, tenants.c.id == users.c.tenant_id)


def _credentials(row: Row[Any] | None) -> Credentials | None:
    if row is None:
        return None
    return Credentials(_user(row), row.password_hash, row.password_changed_at, row.tenant_name)


async def credentials_by_email(conn: AsyncConnection, email: str) -> Credentials | None:
    return _credentials((await conn.execute(_CREDENTIALS.where(users.c.email == email))).first())


async def credentials_by_id(conn: AsyncConnection, tenant_id: str, user_id: str) -> Credentials | None:
    query = _CREDENTIALS.where(users.c.id == user_id, users.c.tenant_id == tenant_id)
    return _credentials((await conn.execute(query)).first())


async def email_exists(conn: AsyncConnection, email: str) -> bool:
    return bool(await conn.scalar(select(func.count()).select_from(users).where(users.c.email == email)))


async def get_tenant(conn: AsyncConnection, tenant_id: str, *, lock: bool = False) -> Tenant | None:
    query = select(tenants).where(tenants.c.id == tenant_id)
    row = (await conn.execute(query.with_for_update() if lock else query)).first()
    return _tenant(row) if row else None


async def add_tenant(conn: AsyncConnection, tenant: Tenant) -> None:
    values = {**tenant.__dict__, "updated_at": tenant.created_at}
    await conn.execute(insert(tenants).values(**values))


async def update_tenant(conn: AsyncConnection, tenant_id: str, changes: dict[str, Any], at: datetime) -> None:
    await conn.execute(update(tenants).where(tenants.c.id == tenant_id).values(**changes, updated_at=at))


async def add_user(conn: AsyncConnection, user: User, password_hash: str) -> None:
    values = {**user.__dict__, "password_hash": password_hash}
    at = user.created_at
    await conn.execute(insert(users).values(**values, updated_at=at, password_changed_at=at))


async def get_user(conn: AsyncConnection, tenant_id: str, user_id: str) -> User | None:
    row = (await conn.execute(select(users).where(users.c.id == user_id, users.c.tenant_id == tenant_id))).first()
    return _user(row) if row else None


async def list_users(conn: AsyncConnection, tenant_id: str) -> list[User]:
    query = select(users).where(users.c.tenant_id == tenant_id).order_by(users.c.created_at, users.c.email)
    return [_user(row) for row in await conn.execute(query)]


async def count_active_owners(conn: AsyncConnection, tenant_id: str) -> int:
    query = select(func.count()).select_from(users).where(
        users.c.tenant_id == tenant_id, users.c.role == "owner", users.c.active.is_(True)
    )
    return int(await conn.scalar(query) or 0)


async def update_user(
    conn: AsyncConnection, tenant_id: str, user_id: str, changes: dict[str, Any], at: datetime
) -> None:
    query = update(users).where(users.c.id == user_id, users.c.tenant_id == tenant_id)
    await conn.execute(query.values(**changes, updated_at=at))


async def record_login(conn: AsyncConnection, user_id: str, at: datetime, password_hash: str | None) -> None:
    """Login time, and a fresh hash when the hashing parameters were raised since the last one."""
    values: dict[str, Any] = {"last_login_at": at}
    if password_hash is not None:
        values["password_hash"] = password_hash
    await conn.execute(update(users).where(users.c.id == user_id).values(**values))
