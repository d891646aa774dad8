"""Users of a tenant (USR-2) and the caller's own password (USR-3)."""

from __future__ import annotations

import uuid

from marketbridge.contracts.envelope import Envelope
from marketbridge.gateway.adapters import repository as repo
from marketbridge.gateway.adapters.tokens import IssuedToken
from marketbridge.gateway.domain import errors, rules
from marketbridge.gateway.domain.commands import ChangePassword, InviteUser, UpdateUser
from marketbridge.gateway.domain.model import Principal, User
from marketbridge.gateway.handlers import Context, event
from marketbridge.runtime.errors import collect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

USER_INVITED = "gateway.user_invited.v1"


def user_invited(user: User, invited_by: str | None, correlation_id: str) -> Envelope:
    payload = {"user_id": user.id, "email": user.email, "display_name": user.display_name, "role": user.role,
               "invited_by": invited_by}
    return event(USER_INVITED, user.tenant_id, correlation_id, payload)


async def list_users(ctx: Context, actor: Principal) -> list[User]:
    if not actor.at_least("manager"):
        raise errors.forbidden("USR-2")
    async with ctx.db.read() as conn:
        return await repo.list_users(conn, actor.tenant_id)


async def invite_user(ctx: Context, actor: Principal, cmd: InviteUser, correlation_id: str) -> User:
    rules.ensure_owner(actor)
    email = rules.normalize_email(cmd.email)
    role = rules.check_new_user(email, cmd.display_name, cmd.role, cmd.password)
    user = User(str(uuid.uuid4()), actor.tenant_id, email, cmd.display_name.strip(), role, True, ctx.clock())
    password_hash = await ctx.passwords.hash(cmd.password)
    try:
        async with ctx.db.transaction() as conn:
            if await repo.email_exists(conn, email):
                raise errors.email_taken()
            await repo.add_user(conn, user, password_hash)
            await ctx.outbox.add(conn, [user_invited(user, actor.user_id, correlation_id)])
    except IntegrityError as exc:  # a concurrent invitation took the email first
        raise errors.email_taken() from exc
    return user


async def update_user(ctx: Context, actor: Principal, cmd: UpdateUser) -> User:
    rules.ensure_owner(actor)
    changes = _changes(cmd)
    async with ctx.db.transaction() as conn:
        await repo.get_tenant(conn, actor.tenant_id, lock=True)  # serialises owner changes within a tenant
        await _ensure_still_owner(conn, actor)
        target = await repo.get_user(conn, actor.tenant_id, cmd.user_id)
        if target is None:
            raise errors.user_not_found()
        owners = await repo.count_active_owners(conn, actor.tenant_id)
        rules.check_user_change(target, role=cmd.role, active=cmd.active, active_owners=owners)
        if changes:
            await repo.update_user(conn, actor.tenant_id, target.id, changes, ctx.clock())
        updated = await repo.get_user(conn, actor.tenant_id, target.id)
    assert updated is not None
    return updated


async def _ensure_still_owner(conn: AsyncConnection, actor: Principal) -> None:
    """Under the tenant lock: the actor may have been demoted by a change that committed meanwhile."""
    current = await repo.get_user(conn, actor.tenant_id, actor.user_id)
    if current is None or not current.is_active_owner:
        raise errors.owner_required()


def _changes(cmd: UpdateUser) -> dict[str, object]:
    changes: dict[str, object] = {"role": cmd.role, "active": cmd.active}
    if cmd.display_name is not None:
        collect(rules.display_name_errors(cmd.display_name))
        changes["display_name"] = cmd.display_name.strip()
    return {k: v for k, v in changes.items() if v is not None}


async def change_password(ctx: Context, actor: Principal, cmd: ChangePassword) -> IssuedToken:
    """USR-3; answers a fresh token, since tokens issued before the change stop working."""
    async with ctx.db.read() as conn:
        found = await repo.credentials_by_id(conn, actor.tenant_id, actor.user_id)
    if found is None:
        raise errors.user_not_found()
    matches = await ctx.passwords.verify(found.password_hash, cmd.current_password)
    rules.check_password_change(current_matches=matches, new=cmd.new_password, confirm=cmd.new_password_confirm,
                                same_as_current=cmd.new_password == cmd.current_password)
    password_hash, now = await ctx.passwords.hash(cmd.new_password), ctx.clock()
    async with ctx.db.transaction() as conn:
        changes = {"password_hash": password_hash, "password_changed_at": now}
        await repo.update_user(conn, actor.tenant_id, actor.user_id, changes, now)
    return ctx.tokens.issue(found.user, now)
