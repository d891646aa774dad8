"""Who is calling: the bearer token, checked against the database on every request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import structlog
from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from marketbridge.gateway.domain import errors
from marketbridge.gateway.domain.model import Principal
from marketbridge.gateway.handlers import Context
from marketbridge.gateway.handlers.auth import authenticate

TOKEN_URL = "/api/v1/auth/token"
oauth2_scheme = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)

CurrentPrincipal = Callable[..., Awaitable[Principal]]


def principal_dependency(ctx: Context) -> CurrentPrincipal:
    async def current_principal(token: Annotated[str | None, Depends(oauth2_scheme)]) -> Principal:
        if not token:
            raise errors.authentication_required()
        principal = await authenticate(ctx, token)
        structlog.contextvars.bind_contextvars(tenant_id=principal.tenant_id, user_id=principal.user_id)
        return principal

    return current_principal


def correlation_id(request: Request) -> str:
    """Set by the edge middleware from the client's X-Correlation-Id (or new); never the client's X-MB-*."""
    return request.headers["x-mb-correlation-id"]
