"""Admin routes of the ESM emulator about the front door: call log (with peak per seller), faults, rate
limits (gateway bucket, the 5-second order-list interval, goods/search per minute) and reset."""

from __future__ import annotations

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.esm.admin_models import FaultIn, RateLimitIn, ResetIn
from marketbridge.sandbox.esm.admin_ops import AdminError
from marketbridge.sandbox.esm.state import EsmState
from starlette.responses import Response

router = APIRouter()


def _state(request: Request) -> EsmState:
    state: EsmState = request.app.state.esm
    return state


@router.get("/calls")
async def calls(request: Request, recent: int = 100) -> ORJSONResponse:
    state = _state(request)
    return ORJSONResponse({**state.calls.snapshot(recent), "peak_per_second_by_seller": dict(state.seller_peak)})


@router.delete("/calls")
async def reset_calls(request: Request) -> Response:
    state = _state(request)
    state.calls.reset()
    state.seller_seconds.clear()
    state.seller_peak.clear()
    return Response(status_code=204)


@router.post("/faults", status_code=201)
async def add_fault(body: FaultIn, request: Request) -> ORJSONResponse:
    rule = _state(request).faults.add(
        body.path_pattern,
        body.kind,
        probability=body.probability,
        latency_ms=body.latency_ms,
        count=body.count,
        method=body.method,
        phase=body.phase,
    )
    return ORJSONResponse(rule.as_dict(), status_code=201)


@router.get("/faults")
async def list_faults(request: Request) -> ORJSONResponse:
    return ORJSONResponse([r.as_dict() for r in _state(request).faults.rules()])


@router.delete("/faults")
async def clear_faults(request: Request) -> Response:
    _state(request).faults.clear()
    return Response(status_code=204)


@router.delete("/faults/{rule_id}")
async def remove_fault(rule_id: int, request: Request) -> Response:
    if not _state(request).faults.remove(rule_id):
        raise AdminError(404, f"fault {rule_id} not found")
    return Response(status_code=204)


@router.get("/rate-limit")
async def get_rate_limit(request: Request) -> ORJSONResponse:
    state = _state(request)
    cfg = state.limiter.config
    return ORJSONResponse(
        {
            "rate": cfg.rate,
            "burst": cfg.burst,
            "enabled": cfg.enabled,
            "order_list_interval_seconds": state.order_list_interval,
            "search_per_minute": state.search_per_minute,
        }
    )


@router.put("/rate-limit")
async def put_rate_limit(body: RateLimitIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    state.limiter.configure(RateLimitConfig(body.rate, body.burst, body.enabled))
    state.order_list_interval, state.search_per_minute = body.order_list_interval_seconds, body.search_per_minute
    state.last_order_list.clear()
    return ORJSONResponse(body.model_dump())


@router.post("/reset")
async def reset(body: ResetIn, request: Request) -> Response:
    _state(request).reset(keep_apps=body.keep_apps)
    return Response(status_code=204)
