"""The Naver API gateway in front of the emulated services: call log, faults, Bearer check, rate limit
and the `GNCP-GW-*` response headers. A pure ASGI middleware, so it costs little per call."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from marketbridge.sandbox.core.faults import FaultRule
from marketbridge.sandbox.core.gateway import relative_path, run_then_fault
from marketbridge.sandbox.core.timefmt import fmt_kst
from marketbridge.sandbox.naver.errors import gateway_response, new_trace_id
from marketbridge.sandbox.naver.state import NaverState
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_PATH = "/v1/oauth2/token"
CTX_KEY = "naver.ctx"


@dataclass(slots=True)
class GatewayContext:
    trace_id: str
    client_id: str | None = None
    account_id: str | None = None


def api_group(path: str) -> str:
    if path.startswith("/v1/pay-order/"):
        return "orders"
    if path.startswith("/v1/contents/"):
        return "contents"
    if path.startswith(("/v1/pay-user/", "/v1/pay-merchant/")):
        return "inquiries"
    if path.startswith(("/v1/product", "/v2/product", "/v1/categories")):
        return "products"
    return "etc"


class NaverGateway:
    def __init__(self, app: ASGIApp, state: NaverState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state, started = self.state, time.perf_counter()
        method, path = scope["method"], relative_path(scope)
        ctx = GatewayContext(new_trace_id())
        scope[CTX_KEY] = ctx
        status = [500]
        extra: list[tuple[bytes, bytes]] = [(b"gncp-gw-trace-id", ctx.trace_id.encode())]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                elapsed = f"{(time.perf_counter() - started) * 1000:.0f}".encode()
                message = {**message, "headers": [*message.get("headers", []), *extra,
                                                  (b"gncp-gw-httpclient-responsetime", elapsed)]}
            await send(message)

        fault = state.faults.pick(method, scope["path"])
        try:
            await self._handle(scope, receive, send_with_headers, path, ctx, fault, extra)
        finally:
            route = getattr(scope.get("route"), "path", path)
            state.calls.record(method, path, route, status[0], ctx.client_id,
                               (time.perf_counter() - started) * 1000, fault.kind if fault else None)

    async def _handle(self, scope: Scope, receive: Receive, send: Send, path: str, ctx: GatewayContext,
                      fault: FaultRule | None, extra: list[tuple[bytes, bytes]]) -> None:
        state = self.state
        if fault is not None and fault.phase == "before":
            if fault.kind == "latency":
                await asyncio.sleep(fault.latency_ms / 1000)
            else:
                await self._fault_response(fault, ctx, scope, receive, send)
                return
        if path != TOKEN_PATH:
            header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
            issued = state.check_token(header[7:].strip()) if header[:7].lower() == "bearer " else None
            if issued is None:
                await gateway_response(401, "GW.AUTHN", ctx.trace_id, state.now_ms())(scope, receive, send)
                return
            ctx.client_id, ctx.account_id = issued.client_id, issued.account_id
            allowed, remaining = state.limiter.take(issued.client_id, api_group(path))
            cfg = state.limiter.config
            extra += [(b"gncp-gw-ratelimit-replenish-rate", str(int(cfg.rate)).encode()),
                      (b"gncp-gw-ratelimit-burst-capacity", str(cfg.burst).encode()),
                      (b"gncp-gw-ratelimit-remaining", str(remaining).encode())]
            if not allowed:
                await gateway_response(429, "GW.RATE_LIMIT", ctx.trace_id, state.now_ms())(scope, receive, send)
                return
        if fault is None or fault.phase == "before":
            await self.app(scope, receive, send)
            return

        await run_then_fault(
            self.app, scope, receive, send, fault, lambda: self._fault_response(fault, ctx, scope, receive, send)
        )

    async def _fault_response(self, fault: FaultRule, ctx: GatewayContext, scope: Scope, receive: Receive,
                              send: Send) -> None:
        now = self.state.now_ms()
        response: Response
        if fault.kind == "http_500":
            response = gateway_response(500, "GW.INTERNAL_SERVER_ERROR", ctx.trace_id, now)
        elif fault.kind == "http_503":
            response = gateway_response(503, "GW.BLOCK.01", ctx.trace_id, now)
        elif fault.kind == "http_429":
            cfg = self.state.limiter.config
            response = gateway_response(429, "GW.RATE_LIMIT", ctx.trace_id, now, headers={
                "GNCP-GW-RateLimit-Replenish-Rate": str(int(cfg.rate)),
                "GNCP-GW-RateLimit-Burst-Capacity": str(cfg.burst), "GNCP-GW-RateLimit-Remaining": "0"})
        elif fault.kind == "timeout":
            await asyncio.sleep((fault.latency_ms or 30_000) / 1000)
            response = gateway_response(504, "GW.TIMEOUT.01", ctx.trace_id, self.state.now_ms())
        else:
            body = f'{{"timestamp":"{fmt_kst(now)}","traceId":"{ctx.trace_id}","data":{{"lastChangeStatuses":[{{"pro'
            response = Response(body.encode(), status_code=200, media_type="application/json")
        await response(scope, receive, send)
