"""The emulated 11번가 seller API (mounted at /st11/external = `https://api.11st.co.kr/rest`)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from marketbridge.sandbox.st11 import routes_contents, routes_orders, routes_products
from marketbridge.sandbox.st11.gateway import St11Gateway
from marketbridge.sandbox.st11.state import St11State
from marketbridge.sandbox.st11.xmlfmt import client_message
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)


def create_external_app(state: St11State) -> FastAPI:
    app = FastAPI(title="11st Open API (sandbox)", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.st11 = state
    for module in (routes_orders, routes_products, routes_contents):
        app.include_router(module.router)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        return client_message(exc.status_code, "요청한 API를 찾을 수 없습니다.", status=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return client_message(500, "요청 파라미터가 올바르지 않습니다.")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("st11 sandbox handler failed: %s", request.url.path)
        return client_message(500, "시스템 오류가 발생했습니다.", status=500)

    app.add_middleware(St11Gateway, state=state)
    return app
