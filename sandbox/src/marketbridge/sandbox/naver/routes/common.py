"""Helpers shared by the Naver routes: request context, JSON body, order-group envelopes."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.timefmt import fmt_kst, parse_datetime_ms
from marketbridge.sandbox.naver.errors import NaverError, order_error
from marketbridge.sandbox.naver.gateway import CTX_KEY, GatewayContext
from marketbridge.sandbox.naver.orderflow import Failure
from marketbridge.sandbox.naver.state import NaverState
from marketbridge.sandbox.naver.store import SellerStore


def naver_state(request: Request) -> NaverState:
    state: NaverState = request.app.state.naver
    return state


def context(request: Request) -> GatewayContext:
    ctx: GatewayContext = request.scope[CTX_KEY]
    return ctx


def seller_store(request: Request) -> SellerStore:
    account = context(request).account_id
    if account is None:
        raise NaverError(401, "GW.AUTHN")
    return naver_state(request).account(account)


async def json_body(request: Request, *, product_group: bool = False) -> Any:
    raw = await request.body()
    try:
        return orjson.loads(raw) if raw else {}
    except orjson.JSONDecodeError:
        if product_group:
            raise NaverError(400, "BAD_REQUEST", "요청 본문이 올바른 JSON이 아닙니다.", []) from None
        raise order_error("4000", "요청 본문이 올바른 JSON이 아닙니다.") from None


def envelope(request: Request, data: Any) -> ORJSONResponse:
    return ORJSONResponse({"timestamp": fmt_kst(naver_state(request).now_ms()),
                           "traceId": context(request).trace_id, "data": data})


def bulk_envelope(request: Request, ok: list[str], failed: list[Failure]) -> ORJSONResponse:
    return envelope(request, {"successProductOrderIds": ok, "failProductOrderInfos": failed})


def query_datetime(request: Request, name: str, *, required: bool) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        if required:
            raise order_error("4000", f"{name}: 필수 입력 항목입니다.")
        return None
    try:
        return parse_datetime_ms(raw)
    except ValueError:
        raise order_error("4000", f"{name}: 날짜 형식이 올바르지 않습니다.") from None


def query_int(request: Request, name: str, default: int, low: int, high: int, *, clamp: bool = False) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise order_error("4000", f"{name}: 숫자를 입력해 주세요.") from None
    if clamp:
        return max(low, min(value, high))
    if not low <= value <= high:
        raise order_error("4000", f"{name}: {low}~{high} 범위여야 합니다.")
    return value


def query_list(request: Request, name: str) -> list[str]:
    values: list[str] = []
    for raw in request.query_params.getlist(name):
        values.extend(v.strip() for v in raw.split(",") if v.strip())
    return values
