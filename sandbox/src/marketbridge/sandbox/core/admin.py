"""The instrumentation half of every dialect's admin API, written once.

    GET /calls?recent=&<scope>=;  DELETE /calls
    POST /faults;  GET /faults;  DELETE /faults;  DELETE /faults/{rule_id}
    GET|PUT /rate-limit;  POST /reset
    errors: {"code": "ADMIN_ERROR", "message": …} with the AdminError's status

Paths, status codes and bodies are the ones each dialect always answered; what really differs between
dialects comes in as arguments: the body models (defaults and bounds differ, 11번가 and 롯데ON do not limit
at the same rate), how the call log is scoped per seller, extra rate-limit knobs (ESM) and the name of the
reset flag (Coupang's `keep_sellers`).
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Literal, Protocol, TypeVar

from fastapi import APIRouter, FastAPI, Query, Request
from marketbridge.sandbox.core.calllog import CallLog, SellerPeaks
from marketbridge.sandbox.core.faults import FaultInjector
from marketbridge.sandbox.core.ratelimit import RateLimitConfig, TokenBucketLimiter
from marketbridge.sandbox.core.responses import ORJSONResponse
from pydantic import BaseModel, Field
from starlette.responses import Response


class AdminError(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status, self.message = status, message
        super().__init__(message)


class FaultIn(BaseModel):
    path_pattern: str
    kind: Literal["latency", "http_500", "http_503", "http_429", "timeout", "malformed"]
    probability: float = Field(1.0, ge=0.0, le=1.0)
    latency_ms: int = Field(0, ge=0)
    count: int | None = Field(None, ge=1)
    method: str | None = None
    phase: Literal["before", "after"] = "before"


class RateLimitIn(BaseModel):
    """PUT /rate-limit; a dialect subclasses it for its own defaults (echoed back by PUT {})."""

    rate: float = Field(20.0, gt=0)
    burst: int = Field(40, ge=1)
    enabled: bool = True


class ResetIn(BaseModel):
    keep_apps: bool = True


class Instrumented(Protocol):
    """What the instrumentation routes need of a dialect's state."""

    calls: CallLog
    faults: FaultInjector
    limiter: TokenBucketLimiter

    def reset(self, *, keep_apps: bool = True) -> None: ...


class PeakInstrumented(Instrumented, Protocol):
    seller_peaks: SellerPeaks


S = TypeVar("S", bound=Instrumented)
K = TypeVar("K", str, int)


def whole_log(state: Instrumented, recent: int, scope: str | None) -> dict[str, Any]:
    return state.calls.snapshot(recent)


def clear_log(state: Instrumented) -> None:
    state.calls.reset()


def log_with_seller_peaks(state: PeakInstrumented, recent: int, scope: str | None) -> dict[str, Any]:
    return {**state.calls.snapshot(recent), "peak_per_second_by_seller": dict(state.seller_peaks.peak)}


def clear_log_and_seller_peaks(state: PeakInstrumented) -> None:
    state.calls.reset()
    state.seller_peaks.clear()


def limiter_view(state: Instrumented) -> dict[str, Any]:
    cfg = state.limiter.config
    return {"rate": cfg.rate, "burst": cfg.burst, "enabled": cfg.enabled}


def configure_limiter(state: Instrumented, body: RateLimitIn) -> None:
    state.limiter.configure(RateLimitConfig(body.rate, body.burst, body.enabled))


def dispatch_ledger(
    rows: list[dict[str, Any]], line_ids: Iterable[K], refused_attempts: int, **extra: Any
) -> dict[str, Any]:
    """GET /dispatches: the accepted dispatches, the refused attempts and the lines dispatched more than once
    (a connector that retries blindly shows up here). `extra` keys go between the two counts and the rest."""
    per_line = Counter(line_ids)
    return {
        "count": len(rows),
        "refused_attempts": refused_attempts,
        **extra,
        "duplicates": sorted(k for k, v in per_line.items() if v > 1),
        "dispatches": rows,
    }


def _with_body(endpoint: Callable[..., Any], model: type[BaseModel]) -> Callable[..., Any]:
    """FastAPI reads the body model from the signature: swap in the dialect's model for `body`."""
    sig = inspect.signature(endpoint, eval_str=True)
    params = [p.replace(annotation=model) if p.name == "body" else p for p in sig.parameters.values()]
    endpoint.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
    return endpoint


def instrumentation_router(
    state_of: Callable[[Request], S],
    *,
    calls_scope: str = "seller_id",
    calls_view: Callable[[S, int, str | None], dict[str, Any]] = whole_log,
    clear_calls: Callable[[S], None] = clear_log,
    fault_model: type[FaultIn] = FaultIn,
    fault_by_id: bool = True,
    rate_limit_model: type[RateLimitIn] = RateLimitIn,
    rate_limit_view: Callable[[S], dict[str, Any]] = limiter_view,
    apply_rate_limit: Callable[[S, RateLimitIn], None] = configure_limiter,
    reset_model: type[BaseModel] = ResetIn,
    keep_field: str = "keep_apps",
) -> APIRouter:
    """`calls_scope` names the query parameter handed to `calls_view` (a seller id; None when absent)."""
    router = APIRouter()

    @router.get("/calls")
    async def calls(
        request: Request, recent: int = 100, scope: str | None = Query(None, alias=calls_scope)
    ) -> ORJSONResponse:
        return ORJSONResponse(calls_view(state_of(request), recent, scope))

    @router.delete("/calls")
    async def reset_calls(request: Request) -> Response:
        clear_calls(state_of(request))
        return Response(status_code=204)

    async def add_fault(body: FaultIn, request: Request) -> ORJSONResponse:
        rule = state_of(request).faults.add(
            body.path_pattern,
            body.kind,
            probability=body.probability,
            latency_ms=body.latency_ms,
            count=body.count,
            method=body.method,
            phase=body.phase,
        )
        return ORJSONResponse(rule.as_dict(), status_code=201)

    router.post("/faults", status_code=201)(_with_body(add_fault, fault_model))

    @router.get("/faults")
    async def list_faults(request: Request) -> ORJSONResponse:
        return ORJSONResponse([r.as_dict() for r in state_of(request).faults.rules()])

    @router.delete("/faults")
    async def clear_faults(request: Request) -> Response:
        state_of(request).faults.clear()
        return Response(status_code=204)

    if fault_by_id:

        @router.delete("/faults/{rule_id}")
        async def remove_fault(rule_id: int, request: Request) -> Response:
            if not state_of(request).faults.remove(rule_id):
                raise AdminError(404, f"fault {rule_id} not found")
            return Response(status_code=204)

    @router.get("/rate-limit")
    async def get_rate_limit(request: Request) -> ORJSONResponse:
        return ORJSONResponse(rate_limit_view(state_of(request)))

    async def put_rate_limit(body: RateLimitIn, request: Request) -> ORJSONResponse:
        apply_rate_limit(state_of(request), body)
        return ORJSONResponse(body.model_dump())

    router.put("/rate-limit")(_with_body(put_rate_limit, rate_limit_model))

    async def reset(body: BaseModel, request: Request) -> Response:
        state_of(request).reset(keep_apps=bool(getattr(body, keep_field)))
        return Response(status_code=204)

    router.post("/reset")(_with_body(reset, reset_model))
    return router


async def _admin_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AdminError)
    return ORJSONResponse({"code": "ADMIN_ERROR", "message": exc.message}, status_code=exc.status)


def admin_app(title: str, state_attr: str, state: object, *routers: APIRouter, **options: Any) -> FastAPI:
    """An admin app answering AdminError as ADMIN_ERROR; the state sits at `app.state.<state_attr>`."""
    app = FastAPI(title=title, default_response_class=ORJSONResponse, **options)
    setattr(app.state, state_attr, state)
    for router in routers:
        app.include_router(router)
    app.add_exception_handler(AdminError, _admin_error)
    return app
