"""The ESM front door: faults, call log (with peak per seller), JWT check, per-API permission and a
generic per-master token bucket (modelled). A pure ASGI middleware like the Naver gateway."""

from __future__ import annotations

import asyncio
import time

from marketbridge.sandbox.core.faults import FaultRule
from marketbridge.sandbox.core.gateway import relative_path, run_then_fault
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.esm.auth import NO_RIGHT, EsmAuthError, EsmContext, authenticate, permission_for
from marketbridge.sandbox.esm.state import EsmState
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CTX_KEY = "esm.ctx"


def status_body(status: int, message: str) -> ORJSONResponse:
    """ESM's gateway error shape (documented for 401; used for 429/5xx too, modelled)."""
    return ORJSONResponse({"status": {"message": message, "status_code": status}}, status_code=status)


class EsmGateway:
    def __init__(self, app: ASGIApp, state: EsmState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state, started = self.state, time.perf_counter()
        method, path = scope["method"], relative_path(scope)
        status = [500]
        who: list[str | None] = [None]

        async def tracked(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        fault = state.faults.pick(method, scope["path"])
        try:
            await self._handle(scope, receive, tracked, path, fault, who)
        finally:
            route = getattr(scope.get("route"), "path", path)
            state.calls.record(
                method,
                path,
                route,
                status[0],
                who[0],
                (time.perf_counter() - started) * 1000,
                fault.kind if fault else None,
            )

    async def _handle(
        self, scope: Scope, receive: Receive, send: Send, path: str, fault: FaultRule | None, who: list[str | None]
    ) -> None:
        state = self.state
        header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        try:
            ctx: EsmContext | None = authenticate(state, header)
            failure = ""
        except EsmAuthError as exc:
            ctx, failure = None, exc.message
        if ctx is not None:
            who[0] = ctx.master.master_id
            state.seller_peaks.record(*ctx.sellers.values())
        if fault is not None and fault.phase == "before":
            if fault.kind == "latency":
                await asyncio.sleep(fault.latency_ms / 1000)
            else:
                await self._fault(fault)(scope, receive, send)
                return
        if ctx is None:
            await status_body(401, failure)(scope, receive, send)
            return
        if permission_for(path) not in ctx.master.permissions:
            await status_body(401, NO_RIGHT)(scope, receive, send)
            return
        allowed, _ = state.limiter.take(ctx.master.master_id, permission_for(path))
        if not allowed:
            await status_body(429, "Too Many Requests")(scope, receive, send)
            return
        scope[CTX_KEY] = ctx
        if fault is None or fault.phase == "before":
            await self.app(scope, receive, send)
            return
        await run_then_fault(self.app, scope, receive, send, fault, lambda: self._fault(fault)(scope, receive, send))

    def _fault(self, fault: FaultRule) -> Response:
        if fault.kind == "http_500":
            return status_body(500, "Internal Server Error")
        if fault.kind == "http_503":
            return status_body(503, "Service Unavailable")
        if fault.kind == "http_429":
            return ORJSONResponse(
                {"status": {"message": "Too Many Requests", "status_code": 429}},
                status_code=429,
                headers={"Retry-After": "5"},
            )
        if fault.kind == "timeout":
            return _Delayed((fault.latency_ms or 30_000) / 1000, status_body(504, "Gateway Timeout"))
        return Response(
            b'{"ResultCode":0,"Message":"Success","Data":{"TotalCount":3,"Req',
            status_code=200,
            media_type="application/json",
        )


class _Delayed(Response):
    def __init__(self, seconds: float, then: Response) -> None:
        super().__init__()
        self._seconds, self._then = seconds, then

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await asyncio.sleep(self._seconds)
        await self._then(scope, receive, send)
