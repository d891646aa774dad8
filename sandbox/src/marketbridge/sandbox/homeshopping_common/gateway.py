"""Gateway middleware of a home-shopping emulator: fault injection (before/after the handler), the call
log and the per-seller peak requests/second. Handlers name the authenticated seller with `identify`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from marketbridge.sandbox.core.faults import FaultRule
from marketbridge.sandbox.core.gateway import relative_path, run_then_fault
from marketbridge.sandbox.homeshopping_common.state import HomeShoppingState
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CTX_KEY = "homeshopping.ctx"
FaultResponder = Callable[[str], Response]
SellerPeek = Callable[[Scope], str | None]  # the seller named by headers/query, before any body is read


@dataclass(slots=True)
class CallContext:
    seller_id: str | None = None


def identify(request: Request, seller_id: str) -> None:
    ctx: CallContext | None = request.scope.get(CTX_KEY)
    if ctx is not None:
        ctx.seller_id = seller_id


class Gateway:
    def __init__(
        self, app: ASGIApp, state: HomeShoppingState, responder: FaultResponder, peek: SellerPeek | None = None
    ) -> None:
        self.app = app
        self.state = state
        self.responder = responder
        self.peek = peek

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        method, path = scope["method"], relative_path(scope)
        ctx = CallContext(self.peek(scope) if self.peek is not None else None)
        scope[CTX_KEY] = ctx
        status = [500]

        async def tracked(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        fault = self.state.faults.pick(method, scope["path"])
        try:
            await self._handle(scope, receive, tracked, fault)
        finally:
            if ctx.seller_id is not None:
                self.state.record_seller_call(ctx.seller_id)
            route = getattr(scope.get("route"), "path", path)
            self.state.calls.record(
                method,
                path,
                route,
                status[0],
                ctx.seller_id,
                (time.perf_counter() - started) * 1000,
                fault.kind if fault else None,
            )

    async def _handle(self, scope: Scope, receive: Receive, send: Send, fault: FaultRule | None) -> None:
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.phase == "before":
            if fault.kind == "latency":
                await asyncio.sleep(fault.latency_ms / 1000)
                await self.app(scope, receive, send)
            else:
                await self._fault(fault, scope, receive, send)
            return
        await run_then_fault(self.app, scope, receive, send, fault, lambda: self._fault(fault, scope, receive, send))

    async def _fault(self, fault: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        if fault.kind == "timeout":
            await asyncio.sleep((fault.latency_ms or 30_000) / 1000)
        await self.responder(fault.kind)(scope, receive, send)
