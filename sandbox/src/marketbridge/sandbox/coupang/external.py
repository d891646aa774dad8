"""The emulated Coupang WING Open API app (mounted at /coupang/external), behind the gateway."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.coupang import routes_claims, routes_cs, routes_orders, routes_products
from marketbridge.sandbox.coupang.errors import CoupangError, error_response
from marketbridge.sandbox.coupang.gateway import CoupangGateway
from marketbridge.sandbox.coupang.state import CoupangState
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)


def create_external_app(state: CoupangState) -> FastAPI:
    app = FastAPI(
        title="Coupang WING Open API (sandbox)",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        default_response_class=ORJSONResponse,
    )
    app.state.coupang = state
    for module in (routes_orders, routes_claims, routes_cs, routes_products):
        app.include_router(module.router)

    @app.exception_handler(CoupangError)
    async def coupang_error(request: Request, exc: CoupangError) -> Response:
        return ORJSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code if exc.status_code in (404, 405) else 400
        return error_response(status, "요청한 API를 찾을 수 없습니다." if status == 404 else str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(400, "요청 파라미터가 올바르지 않습니다.", "ERROR")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("coupang sandbox handler failed: %s", request.url.path)
        return error_response(500, "Internal Server Error")

    app.add_middleware(CoupangGateway, state=state)
    return app
