"""The emulated ESM Trading API (mounted at /esm/external): routes behind the JWT gateway."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.esm import routes_claims, routes_cs, routes_goods, routes_orders
from marketbridge.sandbox.esm.common import EsmError, GoodsError, NoRight
from marketbridge.sandbox.esm.gateway import EsmGateway, status_body
from marketbridge.sandbox.esm.state import EsmState
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)


def create_external_app(state: EsmState) -> FastAPI:
    app = FastAPI(
        title="ESM Trading API (sandbox)",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        default_response_class=ORJSONResponse,
    )
    app.state.esm = state
    for module in (routes_orders, routes_claims, routes_cs, routes_goods):
        app.include_router(module.router)

    @app.exception_handler(EsmError)
    async def esm_error(request: Request, exc: EsmError) -> Response:
        return ORJSONResponse(exc.body())

    @app.exception_handler(GoodsError)
    async def goods_error(request: Request, exc: GoodsError) -> Response:
        return ORJSONResponse({"resultCode": exc.code, "message": exc.message})

    @app.exception_handler(NoRight)
    async def no_right(request: Request, exc: NoRight) -> Response:
        return status_body(401, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        return status_body(exc.status_code, "Not Found" if exc.status_code == 404 else "Bad Request")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return ORJSONResponse(EsmError(3000, "요청 파라미터가 올바르지 않습니다.").body())

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("esm sandbox handler failed: %s", request.url.path)
        return status_body(500, "Internal Server Error")

    app.add_middleware(EsmGateway, state=state)
    return app
