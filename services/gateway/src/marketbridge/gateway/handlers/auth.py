"""Login and per-request authentication (the token's user is re-read from the database every time)."""

from __future__ import annotations

from marketbridge.gateway.adapters import repository as repo
from marketbridge.gateway.adapters.tokens import IssuedToken
from marketbridge.gateway.domain import errors
from marketbridge.gateway.domain.model import Principal
from marketbridge.gateway.domain.rules import normalize_email
from marketbridge.gateway.handlers import Context


async def issue_token(ctx: Context, email: str, password: str) -> IssuedToken:
    async with ctx.db.read() as conn:
        found = await repo.credentials_by_email(conn, normalize_email(email))
    if not await ctx.passwords.verify(found.password_hash if found else None, password) or found is None:
        raise errors.invalid_credentials()
    if not found.user.active:
        raise errors.user_inactive()
    now = ctx.clock()
    rehashed = await ctx.passwords.hash(password) if ctx.passwords.needs_rehash(found.password_hash) else None
    async with ctx.db.transaction() as conn:
        await repo.record_login(conn, found.user.id, now, rehashed)
    return ctx.tokens.issue(found.user, now)


async def authenticate(ctx: Context, token: str) -> Principal:
    """Valid signature and expiry, a user that still exists and is active, and its current role."""
    claims = ctx.tokens.decode(token)
    async with ctx.db.read() as conn:
        found = await repo.credentials_by_id(conn, claims.tenant_id, claims.user_id)
    if found is None or claims.issued_at < int(found.password_changed_at.timestamp()):
        raise errors.token_invalid()
    if not found.user.active:
        raise errors.user_inactive()
    user = found.user
    return Principal(user.id, user.tenant_id, found.tenant_name, user.role, user.email)
