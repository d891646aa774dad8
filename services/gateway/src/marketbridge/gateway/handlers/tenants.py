"""Tenants (seller companies): registration with their first owner, and the company profile (USR-1)."""

from __future__ import annotations

import uuid

from marketbridge.contracts.envelope import Envelope
from marketbridge.gateway.adapters import repository as repo
from marketbridge.gateway.domain import errors, rules
from marketbridge.gateway.domain.commands import RegisterTenant, UpdateTenantProfile
from marketbridge.gateway.domain.model import Principal, Tenant, User
from marketbridge.gateway.handlers import Context, event
from marketbridge.gateway.handlers.users import user_invited
from marketbridge.runtime.errors import collect
from sqlalchemy.exc import IntegrityError

TENANT_REGISTERED = "gateway.tenant_registered.v1"
TENANT_PROFILE_UPDATED = "gateway.tenant_profile_updated.v1"


def _profile(tenant: Tenant) -> dict[str, object]:
    return {"tenant_id": tenant.id, "name": tenant.name, "contact_phone": tenant.contact_phone,
            "address": tenant.address}


def tenant_registered(tenant: Tenant, owner: User, correlation_id: str) -> Envelope:
    payload = {**_profile(tenant), "owner_user_id": owner.id, "registered_at": tenant.created_at.isoformat()}
    return event(TENANT_REGISTERED, tenant.id, correlation_id, payload)


async def register_tenant(ctx: Context, cmd: RegisterTenant, correlation_id: str) -> tuple[str, str]:
    """A new seller company and its first owner; answers (tenant_id, user_id)."""
    email = rules.normalize_email(cmd.email)
    collect(rules.tenant_name_errors(cmd.tenant_name) + rules.phone_errors(cmd.contact_phone))
    rules.check_new_user(email, cmd.display_name, "owner", cmd.password if cmd.enforce_password_policy else None)
    now = ctx.clock()
    tenant = Tenant(str(uuid.uuid4()), cmd.tenant_name.strip(), cmd.contact_phone, None, now)
    owner = User(str(uuid.uuid4()), tenant.id, email, cmd.display_name.strip(), "owner", True, now)
    password_hash = await ctx.passwords.hash(cmd.password)
    try:
        async with ctx.db.transaction() as conn:
            if await repo.email_exists(conn, email):
                raise errors.email_taken()
            await repo.add_tenant(conn, tenant)
            await repo.add_user(conn, owner, password_hash)
            envelopes = [tenant_registered(tenant, owner, correlation_id), user_invited(owner, None, correlation_id)]
            await ctx.outbox.add(conn, envelopes)
    except IntegrityError as exc:
        raise errors.email_taken() from exc
    return tenant.id, owner.id


async def get_tenant(ctx: Context, actor: Principal) -> Tenant:
    async with ctx.db.read() as conn:
        tenant = await repo.get_tenant(conn, actor.tenant_id)
    if tenant is None:
        raise errors.tenant_not_found()
    return tenant


async def update_tenant_profile(
    ctx: Context, actor: Principal, cmd: UpdateTenantProfile, correlation_id: str
) -> Tenant:
    rules.ensure_owner(actor)
    changes = {k: v.strip() if isinstance(v, str) else v for k, v in cmd.changes.items()}
    rules.check_tenant_profile(changes)
    async with ctx.db.transaction() as conn:
        if changes:
            await repo.update_tenant(conn, actor.tenant_id, changes, ctx.clock())
        tenant = await repo.get_tenant(conn, actor.tenant_id)
        if tenant is None:
            raise errors.tenant_not_found()
        if changes:
            payload = _profile(tenant)
            await ctx.outbox.add(conn, [event(TENANT_PROFILE_UPDATED, tenant.id, correlation_id, payload)])
    return tenant
