"""The edge of the system: what clients send is cleaned before any route sees it, and every error,
including unknown paths, answers the uniform error body."""

from __future__ import annotations

import re
import uuid

from fastapi import FastAPI, Request
from fastapi.responses import Response
from marketbridge.gateway.domain import errors
from marketbridge.gateway.domain.errors import Unauthenticated
from marketbridge.runtime.errors import DomainError
from marketbridge.runtime.http import OrjsonResponse, error_body
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_CORRELATION_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def client_correlation_id(value: bytes | None) -> str:
    text = value.decode("latin-1") if value else ""
    return text if _CORRELATION_ID.match(text) else str(uuid.uuid4())


class EdgeHeaders:
    """Drops every `X-MB-*` header a client sent (only the gateway sets them) and sets
    `X-MB-Correlation-Id` from the client's `X-Correlation-Id` (or a new id), echoed on the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if not k.lower().startswith(b"x-mb-")]
        cid = client_correlation_id(next((v for k, v in headers if k.lower() == b"x-correlation-id"), None))
        headers.append((b"x-mb-correlation-id", cid.encode()))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"x-correlation-id", cid.encode())]}
            await send(message)

        await self.app({**scope, "headers": headers}, receive, send_with_id)


def install_edge(app: FastAPI) -> None:
    app.add_middleware(EdgeHeaders)

    @app.exception_handler(Unauthenticated)
    async def unauthenticated(_request: Request, exc: Unauthenticated) -> Response:
        return OrjsonResponse(error_body(exc), status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> Response:
        return OrjsonResponse(error_body(_as_domain_error(exc)), status_code=exc.status_code, headers=exc.headers)


def _as_domain_error(exc: StarletteHTTPException) -> DomainError:
    if exc.status_code == 404:
        return errors.route_not_found()
    if exc.status_code == 405:
        return errors.method_not_allowed()
    return DomainError("HTTP_ERROR", "요청을 처리할 수 없습니다.", status=exc.status_code)
