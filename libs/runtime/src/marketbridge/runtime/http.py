"""The FastAPI app every service starts from: /healthz, /readyz, /metrics, the uniform error body,
request context from the gateway's headers, correlation and trace context on every request."""

import hmac
import time
import urllib.parse
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import orjson
import structlog
from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from marketbridge.runtime import metrics, tracing
from marketbridge.runtime.errors import DomainError
from starlette.types import Lifespan

Role = Literal["owner", "manager", "operator", "viewer"]
ROLE_RANK: dict[str, int] = {"viewer": 0, "operator": 1, "manager": 2, "owner": 3}
ReadinessCheck = Callable[[], Awaitable[bool]]

_PYDANTIC_CODES = {
    "missing": ("FIELD_REQUIRED", "필수 입력 항목입니다."),
    "string_too_long": ("FIELD_TOO_LONG", "입력할 수 있는 길이를 초과했습니다."),
    "string_too_short": ("FIELD_TOO_SHORT", "입력값이 너무 짧습니다."),
    "int_parsing": ("FIELD_NOT_INTEGER", "숫자(정수)만 입력할 수 있습니다."),
    "int_type": ("FIELD_NOT_INTEGER", "숫자(정수)만 입력할 수 있습니다."),
    "greater_than_equal": ("FIELD_TOO_SMALL", "허용된 최솟값보다 작습니다."),
    "greater_than": ("FIELD_TOO_SMALL", "허용된 최솟값보다 작습니다."),
    "less_than_equal": ("FIELD_TOO_LARGE", "허용된 최댓값보다 큽니다."),
    "literal_error": ("FIELD_NOT_ALLOWED", "허용되지 않는 값입니다."),
    "enum": ("FIELD_NOT_ALLOWED", "허용되지 않는 값입니다."),
    "json_invalid": ("BODY_INVALID_JSON", "요청 본문이 올바른 JSON이 아닙니다."),
    "extra_forbidden": ("FIELD_UNKNOWN", "알 수 없는 항목입니다."),
}


class OrjsonResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


@dataclass(frozen=True)
class RequestContext:
    tenant_id: str
    user_id: str
    role: str
    correlation_id: str
    tenant_name: str = ""

    def at_least(self, role: Role) -> bool:
        return ROLE_RANK.get(self.role, -1) >= ROLE_RANK[role]


def request_context_dependency(internal_token: str) -> Callable[..., RequestContext]:
    """Services trust only the gateway: the shared internal token must accompany the identity headers."""

    def dependency(
        x_mb_tenant_id: Annotated[str | None, Header()] = None,
        x_mb_user_id: Annotated[str | None, Header()] = None,
        x_mb_user_role: Annotated[str | None, Header()] = None,
        x_mb_correlation_id: Annotated[str | None, Header()] = None,
        x_mb_internal_token: Annotated[str | None, Header()] = None,
        x_mb_tenant_name: Annotated[str | None, Header()] = None,
    ) -> RequestContext:
        if not x_mb_internal_token or not hmac.compare_digest(x_mb_internal_token, internal_token):
            raise DomainError("INTERNAL_AUTH_REQUIRED", "게이트웨이를 통해서만 호출할 수 있습니다.", status=401)
        if not x_mb_tenant_id or not x_mb_user_id or x_mb_user_role not in ROLE_RANK:
            raise DomainError("TENANT_CONTEXT_MISSING", "요청에 판매자(테넌트) 정보가 없습니다.", status=401)
        ctx = RequestContext(
            x_mb_tenant_id,
            x_mb_user_id,
            x_mb_user_role,
            x_mb_correlation_id or _new_id(),
            urllib.parse.unquote(x_mb_tenant_name or ""),
        )
        structlog.contextvars.bind_contextvars(tenant_id=ctx.tenant_id, user_id=ctx.user_id)
        return ctx

    return dependency


def create_service_app(
    *,
    service: str,
    routers: Sequence[APIRouter] = (),
    readiness: Sequence[ReadinessCheck] = (),
    lifespan: Lifespan[FastAPI] | None = None,
    title: str | None = None,
) -> FastAPI:
    app = FastAPI(title=title or f"MarketBridge {service}", lifespan=lifespan, default_response_class=OrjsonResponse)
    install_error_handlers(app)
    install_observability(app, service)
    for router in routers:
        app.include_router(router)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> Response:
        results = [await check() for check in readiness]
        ready = all(results)
        return OrjsonResponse({"ready": ready}, status_code=200 if ready else 503)

    @app.get("/metrics", include_in_schema=False)
    async def prometheus_metrics() -> Response:
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)

    return app


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(_request: Request, exc: DomainError) -> Response:
        return OrjsonResponse(error_body(exc), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def request_validation(_request: Request, exc: RequestValidationError) -> Response:
        return OrjsonResponse(validation_body(exc.errors()), status_code=400)


def error_body(exc: DomainError) -> dict[str, Any]:
    body = exc.as_dict()
    if "errors" not in body:
        body = {"code": exc.code, "message": exc.message, "errors": [exc.as_dict()]}
    return body


def validation_body(errors: Sequence[Any]) -> dict[str, Any]:
    items = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        code, message = _PYDANTIC_CODES.get(err.get("type", ""), ("FIELD_INVALID", "입력값이 올바르지 않습니다."))
        field = ".".join(loc) or None
        items.append({"code": code, "field": field, "rule": None, "message": f"{field or '요청'}: {message}"})
    return {"code": "VALIDATION_FAILED", "message": "입력값을 확인해 주세요.", "errors": items}


def install_observability(app: FastAPI, service: str) -> None:
    @app.middleware("http")
    async def observe(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        correlation_id = request.headers.get("x-mb-correlation-id") or _new_id()
        started = time.perf_counter()
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(service=service, correlation_id=correlation_id)
        with tracing.server_span(f"{request.method} {request.url.path}", dict(request.headers), service=service):
            response = await call_next(request)
        response.headers["x-mb-correlation-id"] = correlation_id
        metrics.HTTP_REQUESTS.labels(service=service, method=request.method, status=str(response.status_code)).inc()
        metrics.HTTP_SECONDS.labels(service=service, method=request.method).observe(time.perf_counter() - started)
        return response


def requires(role: Role, context: Callable[..., RequestContext]) -> Callable[..., RequestContext]:
    """Defence in depth: services re-check the role the gateway already enforced."""

    def dependency(ctx: Annotated[RequestContext, Depends(context)]) -> RequestContext:
        if not ctx.at_least(role):
            raise DomainError("FORBIDDEN", "이 작업을 수행할 권한이 없습니다.", status=403)
        return ctx

    return dependency


def _new_id() -> str:
    return str(uuid.uuid4())
