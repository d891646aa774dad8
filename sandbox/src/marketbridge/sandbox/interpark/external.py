"""The emulated 인터파크 supplier API (mounted at /interpark/external): `/order/OrderClmAPI.do`
(joinapi.interpark.com) and `/openapi/product/ProductAPIService.do` (ipss1.interpark.com)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from marketbridge.sandbox.interpark import orders, products
from marketbridge.sandbox.interpark.gateway import InterparkGateway
from marketbridge.sandbox.interpark.state import InterparkState
from marketbridge.sandbox.interpark.xmlfmt import result
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)


def create_external_app(state: InterparkState) -> FastAPI:
    app = FastAPI(title="Interpark supplier API (sandbox)", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.interpark = state
    app.include_router(orders.router)
    app.include_router(products.router)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        return result("990", "요청한 API를 찾을 수 없습니다.", status=exc.status_code)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("interpark sandbox handler failed: %s", request.url.path)
        return result("999", "시스템 오류가 발생했습니다.", status=500)

    app.add_middleware(InterparkGateway, state=state)
    return app
