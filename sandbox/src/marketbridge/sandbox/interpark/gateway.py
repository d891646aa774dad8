"""The 인터파크 front door: call log (dialect-wide and per supplier) and fault injection, as a pure ASGI
middleware. Authentication happens in the handlers: the supplier ids ride in the query string (orders)
and the product keys in the form (products), so the handler names the caller in the scope."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import unquote_plus

from marketbridge.sandbox.core.faults import FaultRule
from marketbridge.sandbox.core.gateway import relative_path, run_then_fault
from marketbridge.sandbox.interpark.state import InterparkState
from marketbridge.sandbox.interpark.xmlfmt import DECLARATION, MEDIA_TYPE
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CALLER_KEY = "interpark.supplier"


class InterparkGateway:
    def __init__(self, app: ASGIApp, state: InterparkState) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state, started = self.state, time.perf_counter()
        method, path = scope["method"], relative_path(scope)
        query = scope.get("query_string", b"").decode("latin-1")
        label = f"{path}?_method={_param(query, '_method')}"
        claimed = _param(query, "sc.entrId")
        if claimed in state.suppliers:  # counted for that supplier even when a fault answers first
            scope[CALLER_KEY] = claimed
        status = [500]

        async def tracked(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        fault = state.faults.pick(method, f"{scope['path']}?{query}")
        try:
            await self._handle(scope, receive, tracked, fault)
        finally:
            caller = scope.get(CALLER_KEY)
            elapsed = (time.perf_counter() - started) * 1000
            kind = fault.kind if fault else None
            state.calls.record(method, path, label, status[0], caller, elapsed, kind)
            if caller is not None:
                state.supplier_log(caller).record(method, path, label, status[0], caller, elapsed, kind)

    async def _handle(self, scope: Scope, receive: Receive, send: Send, fault: FaultRule | None) -> None:
        if fault is not None and fault.phase == "before":
            if fault.kind == "latency":
                await asyncio.sleep(fault.latency_ms / 1000)
            else:
                await _fault_response(fault, scope, receive, send)
                return
        if fault is None or fault.phase == "before":
            await self.app(scope, receive, send)
            return
        await run_then_fault(
            self.app, scope, receive, send, fault, lambda: _fault_response(fault, scope, receive, send)
        )


def _param(query: str, name: str) -> str:
    prefix = f"{name}="
    for part in query.split("&"):
        if part.startswith(prefix):
            return unquote_plus(part[len(prefix) :])
    return ""


async def _fault_response(fault: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
    if fault.kind == "timeout":
        await asyncio.sleep((fault.latency_ms or 30_000) / 1000)
    statuses = {"http_500": 500, "http_503": 503, "http_429": 429, "timeout": 504}
    if fault.kind in statuses:
        headers = {"Retry-After": "2"} if fault.kind == "http_429" else None
        response = Response(
            f"<html><body>{statuses[fault.kind]}</body></html>",
            status_code=statuses[fault.kind],
            media_type="text/html",
            headers=headers,
        )
    else:
        response = Response(
            (DECLARATION + "<ORDER_LIST><RESULT><CODE>000</CODE><MESS").encode("euc-kr"),
            status_code=200,
            media_type=MEDIA_TYPE,
        )
    await response(scope, receive, send)
