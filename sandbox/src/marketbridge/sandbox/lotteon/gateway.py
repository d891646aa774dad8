"""The 롯데ON front door: faults, call log (peak per 거래처), Bearer API key, the fixed headers
(`Accept-Language: ko`, `X-Timezone: GMT+09:00`; requests without them are refused) and the per-key limit.

(modelled) the failure bodies: `{returnCode, message, data: null}` with 401 `4010` (key), 400 `4000`
(headers), 429 `4290` (10,000 calls/min, unverified), 5xx `9999`.
"""

from __future__ import annotations

import asyncio
import time

from marketbridge.sandbox.core.faults import FaultRule
from marketbridge.sandbox.core.gateway import relative_path, run_then_fault
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.lotteon.models import Seller
from marketbridge.sandbox.lotteon.state import LotteOnState
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CTX_KEY = "lotteon.seller"


def failure(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> ORJSONResponse:
    return ORJSONResponse({"returnCode": code, "message": message, "data": None}, status_code=status, headers=headers)


class LotteOnGateway:
    def __init__(self, app: ASGIApp, state: LotteOnState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state, started = self.state, time.perf_counter()
        method, path = scope["method"], relative_path(scope)
        status = [500]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        auth = headers.get("authorization", "")
        seller = state.sellers.get(auth[7:].strip()) if auth[:7].lower() == "bearer " else None
        if seller is not None:
            state.seller_peaks.record(seller.tr_no)

        async def tracked(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        fault = state.faults.pick(method, scope["path"])
        try:
            await self._handle(scope, receive, tracked, headers, seller, fault)
        finally:
            route = getattr(scope.get("route"), "path", path)
            state.calls.record(
                method,
                path,
                route,
                status[0],
                seller.tr_no if seller else None,
                (time.perf_counter() - started) * 1000,
                fault.kind if fault else None,
            )

    async def _handle(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        headers: dict[str, str],
        seller: Seller | None,
        fault: FaultRule | None,
    ) -> None:
        if fault is not None and fault.phase == "before":
            if fault.kind == "latency":
                await asyncio.sleep(fault.latency_ms / 1000)
            else:
                await self._fault(fault, scope, receive, send)
                return
        if seller is None or seller.revoked:
            await failure(401, "4010", "유효하지 않은 인증키입니다.")(scope, receive, send)
            return
        if headers.get("accept-language") != "ko" or headers.get("x-timezone") != "GMT+09:00":
            await failure(400, "4000", "필수 헤더(Accept-Language: ko, X-Timezone: GMT+09:00)가 없습니다.")(
                scope, receive, send
            )
            return
        allowed, _ = self.state.limiter.take(seller.api_key, "openapi")
        if not allowed:
            await failure(429, "4290", "호출 허용량을 초과했습니다.", {"Retry-After": "1"})(scope, receive, send)
            return
        scope[CTX_KEY] = seller
        if fault is None or fault.phase == "before":
            await self.app(scope, receive, send)
            return
        await run_then_fault(self.app, scope, receive, send, fault, lambda: self._fault(fault, scope, receive, send))

    async def _fault(self, fault: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
        response: Response
        if fault.kind == "http_500":
            response = failure(500, "9999", "시스템 오류가 발생했습니다.")
        elif fault.kind == "http_503":
            response = failure(503, "9999", "서비스를 일시적으로 사용할 수 없습니다.")
        elif fault.kind == "http_429":
            response = failure(429, "4290", "호출 허용량을 초과했습니다.", {"Retry-After": "2"})
        elif fault.kind == "timeout":
            await asyncio.sleep((fault.latency_ms or 30_000) / 1000)
            response = failure(504, "9999", "응답 시간이 초과되었습니다.")
        else:
            response = Response(
                b'{"returnCode":"0000","message":"\xec\x84\xb1\xea\xb3\xb5","data":{"deliveryOrd',
                status_code=200,
                media_type="application/json",
            )
        await response(scope, receive, send)
