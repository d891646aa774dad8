"""The 11번가 API front door: call log (dialect-wide and per seller), faults, `openapikey` check,
registered-IP check and rate limit, as a pure ASGI middleware.

Unknown or revoked keys answer HTTP 401 with a `<ClientMessage>` (resultCode 401), a caller outside
the seller's registered IPs HTTP 403, and too many calls HTTP 429 with `Retry-After` (all modelled:
11번가 publishes neither the shape of these refusals nor a rate limit).
"""

from __future__ import annotations

import asyncio
import time

from marketbridge.sandbox.core.faults import FaultRule
from marketbridge.sandbox.core.gateway import relative_path, run_then_fault
from marketbridge.sandbox.st11.state import St11State
from marketbridge.sandbox.st11.xmlfmt import DECLARATION, client_message
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SELLER_KEY = "st11.seller"


def _html(status: int, title: str) -> Response:
    return Response(f"<html><body><h1>{status} {title}</h1></body></html>", status_code=status, media_type="text/html")


class St11Gateway:
    def __init__(self, app: ASGIApp, state: St11State) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state, started = self.state, time.perf_counter()
        method, path = scope["method"], relative_path(scope)
        status = [500]

        async def tracked(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        fault = state.faults.pick(method, scope["path"])
        try:
            await self._handle(scope, receive, tracked, fault)
        finally:
            route = getattr(scope.get("route"), "path", path)
            seller = scope.get(SELLER_KEY)
            elapsed = (time.perf_counter() - started) * 1000
            kind = fault.kind if fault else None
            state.calls.record(method, path, route, status[0], seller, elapsed, kind)
            if seller is not None:
                state.seller_log(seller).record(method, path, route, status[0], seller, elapsed, kind)

    async def _handle(self, scope: Scope, receive: Receive, send: Send, fault: FaultRule | None) -> None:
        state = self.state
        headers = dict(scope["headers"])
        key = headers.get(b"openapikey", b"").decode("latin-1").strip()
        seller = state.by_key(key) if key else None
        if seller is not None:
            scope[SELLER_KEY] = seller.seller_id
        if fault is not None and fault.phase == "before":
            if fault.kind == "latency":
                await asyncio.sleep(fault.latency_ms / 1000)
            else:
                await self._fault_response(fault, scope, receive, send)
                return
        if seller is None or seller.revoked:
            await client_message(401, "유효하지 않은 Open API Key 입니다.", status=401)(scope, receive, send)
            return
        client = scope.get("client")
        if seller.allowed_ips and (client is None or client[0] not in seller.allowed_ips):
            await client_message(403, "등록되지 않은 서버 IP 입니다.", status=403)(scope, receive, send)
            return
        if scope["method"] == "GET" and b"content-type" in headers and b"/prodqnaservices/" in scope["path"].encode():
            # one integrator reports the Q&A service refusing a GET that carries a Content-Type
            await client_message(415, "Unsupported Media Type", status=415)(scope, receive, send)
            return
        allowed, _ = state.limiter.take(seller.seller_id, "api")
        if not allowed:
            await client_message(
                429,
                "허용된 호출량을 초과했습니다.(overedTraffic)",
                status=429,
            )(scope, receive, self._with_retry_after(send))
            return
        if fault is None or fault.phase == "before":
            await self.app(scope, receive, send)
            return
        await run_then_fault(
            self.app, scope, receive, send, fault, lambda: self._fault_response(fault, scope, receive, send)
        )

    @staticmethod
    def _with_retry_after(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"retry-after", b"1")]}
            await send(message)

        return wrapped

    async def _fault_response(self, fault: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        response: Response
        if fault.kind == "http_500":
            response = _html(500, "Internal Server Error")
        elif fault.kind == "http_503":
            response = _html(503, "Service Unavailable")
        elif fault.kind == "http_429":
            response = client_message(429, "허용된 호출량을 초과했습니다.(overedTraffic)", status=429)
            response.headers["Retry-After"] = "2"
        elif fault.kind == "timeout":
            await asyncio.sleep((fault.latency_ms or 30_000) / 1000)
            response = _html(504, "Gateway Timeout")
        else:
            body = (DECLARATION + '<ns2:orders xmlns:ns2="x"><ns2:order><ordNo>2026').encode("euc-kr")
            response = Response(body, status_code=200, media_type="text/xml;charset=EUC-KR")
        await response(scope, receive, send)
