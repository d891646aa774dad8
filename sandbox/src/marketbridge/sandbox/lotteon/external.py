"""The emulated 롯데ON seller Open API (mounted at /lotteon/external): POST JSON routes behind the gateway."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.lotteon import routes_claims, routes_cs, routes_delivery, routes_product
from marketbridge.sandbox.lotteon.common import LotteOnError
from marketbridge.sandbox.lotteon.gateway import LotteOnGateway, failure
from marketbridge.sandbox.lotteon.state import LotteOnState
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)


def create_external_app(state: LotteOnState) -> FastAPI:
    app = FastAPI(
        title="롯데ON Open API (sandbox)",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        default_response_class=ORJSONResponse,
    )
    app.state.lotteon = state
    for module in (routes_delivery, routes_claims, routes_product, routes_cs):
        app.include_router(module.router)

    @app.exception_handler(LotteOnError)
    async def lotteon_error(request: Request, exc: LotteOnError) -> Response:
        return ORJSONResponse({"returnCode": exc.code, "message": exc.message, "data": None})

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        return failure(exc.status_code, "4040" if exc.status_code == 404 else "4050", "요청한 API를 찾을 수 없습니다.")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return ORJSONResponse({"returnCode": "1001", "message": "요청 파라미터가 올바르지 않습니다.", "data": None})

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("lotteon sandbox handler failed: %s", request.url.path)
        return failure(500, "9999", "시스템 오류가 발생했습니다.")

    app.add_middleware(LotteOnGateway, state=state)
    return app
