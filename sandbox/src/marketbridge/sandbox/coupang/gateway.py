"""The Coupang API gateway in front of the emulated services: call log (also per vendor), faults, CEA
HMAC verification with clock skew, vendorId ownership and ~10 calls/second per vendor (429)."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass

from marketbridge.sandbox.core.faults import FaultRule
from marketbridge.sandbox.core.gateway import relative_path, run_then_fault
from marketbridge.sandbox.coupang.auth import AuthFailure, verify
from marketbridge.sandbox.coupang.errors import error_response
from marketbridge.sandbox.coupang.state import CoupangState
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CTX_KEY = "coupang.ctx"
_VENDOR_IN_PATH = re.compile(r"/vendors/(?!callCenterInquiries/)([^/]+)/")
MALFORMED = b'{"code":200,"message":"OK","data":[{"shipmentBoxId":3000000'


@dataclass(slots=True)
class GatewayContext:
    vendor_id: str | None = None


class CoupangGateway:
    def __init__(self, app: ASGIApp, state: CoupangState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state, started = self.state, time.perf_counter()
        method, path = scope["method"], relative_path(scope)
        ctx = GatewayContext()
        scope[CTX_KEY] = ctx
        status = [500]

        async def send_tracking(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        fault = state.faults.pick(method, scope["path"])
        try:
            await self._handle(scope, receive, send_tracking, method, path, ctx, fault)
        finally:
            route = getattr(scope.get("route"), "path", path)
            elapsed = (time.perf_counter() - started) * 1000
            kind = fault.kind if fault else None
            state.calls.record(method, path, route, status[0], ctx.vendor_id, elapsed, kind)
            if ctx.vendor_id is not None:
                state.vendor_call_log(ctx.vendor_id).record(
                    method, path, route, status[0], ctx.vendor_id, elapsed, kind
                )

    async def _handle(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        method: str,
        path: str,
        ctx: GatewayContext,
        fault: FaultRule | None,
    ) -> None:
        state = self.state
        if fault is not None and fault.phase == "before":
            if fault.kind == "latency":
                await asyncio.sleep(fault.latency_ms / 1000)
            else:
                await self._fault_response(fault, scope, receive, send)
                return
        header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        query = scope.get("query_string", b"").decode("latin-1")
        try:
            vendor = verify(state.by_access_key, header, method, path, query, state.clock())
        except AuthFailure as failure:
            await error_response(401, failure.message)(scope, receive, send)
            return
        ctx.vendor_id = vendor.vendor_id
        in_path = _VENDOR_IN_PATH.search(path)
        if in_path is not None and in_path.group(1) != vendor.vendor_id:
            await error_response(403, "요청한 업체코드(vendorId)에 대한 권한이 없습니다.")(scope, receive, send)
            return
        allowed, _ = state.limiter.take(vendor.vendor_id, "all")
        if not allowed:
            await error_response(429, "Too Many Requests", headers={"Retry-After": "1"})(scope, receive, send)
            return
        if fault is None or fault.phase == "before":
            await self.app(scope, receive, send)
            return
        await run_then_fault(
            self.app, scope, receive, send, fault, lambda: self._fault_response(fault, scope, receive, send)
        )

    async def _fault_response(self, fault: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        response: Response
        if fault.kind == "http_500":
            response = error_response(500, "Internal Server Error")
        elif fault.kind == "http_503":
            response = error_response(503, "Service Unavailable")
        elif fault.kind == "http_429":
            response = error_response(429, "Too Many Requests", headers={"Retry-After": "1"})
        elif fault.kind == "timeout":
            await asyncio.sleep((fault.latency_ms or 30_000) / 1000)
            response = error_response(504, "Gateway Timeout")
        else:
            response = Response(MALFORMED, status_code=200, media_type="application/json")
        await response(scope, receive, send)
