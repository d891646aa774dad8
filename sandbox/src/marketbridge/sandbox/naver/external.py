"""The emulated Naver Commerce API app (mounted at /naver/external): routes behind the gateway."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.naver.errors import NaverError, gateway_response
from marketbridge.sandbox.naver.gateway import CTX_KEY, GatewayContext, NaverGateway
from marketbridge.sandbox.naver.routes import auth, claims, contents, orders, products
from marketbridge.sandbox.naver.state import NaverState
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)


def _trace(request: Request) -> str:
    ctx: GatewayContext | None = request.scope.get(CTX_KEY)
    return ctx.trace_id if ctx is not None else "-"


def create_external_app(state: NaverState) -> FastAPI:
    app = FastAPI(title="Naver Commerce API (sandbox)", docs_url=None, redoc_url=None, openapi_url=None,
                  default_response_class=ORJSONResponse)
    app.state.naver = state
    for module in (auth, orders, claims, products, contents):
        app.include_router(module.router)

    @app.exception_handler(NaverError)
    async def naver_error(request: Request, exc: NaverError) -> Response:
        return ORJSONResponse(exc.body(_trace(request), state.now_ms()), status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code if exc.status_code in (404, 405) else 400
        return gateway_response(status, "GW.NOT_FOUND", _trace(request), state.now_ms())

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        body = NaverError(400, "4000", "잘못된 요청 파라미터입니다.").body(_trace(request), state.now_ms())
        return ORJSONResponse(body, status_code=400)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("naver sandbox handler failed: %s", request.url.path)
        return gateway_response(500, "GW.INTERNAL_SERVER_ERROR", _trace(request), state.now_ms())

    app.add_middleware(NaverGateway, state=state)
    return app
