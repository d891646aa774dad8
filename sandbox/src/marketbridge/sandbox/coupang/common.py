"""Helpers shared by the Coupang routes: context, JSON body, envelopes, query parameters, paging tokens."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.coupang.errors import CoupangError, bad_request
from marketbridge.sandbox.coupang.gateway import CTX_KEY, GatewayContext
from marketbridge.sandbox.coupang.state import CoupangState
from marketbridge.sandbox.coupang.store import VendorStore
from marketbridge.sandbox.coupang.timefmt import parse_query_time

OPENAPI = "/v2/providers/openapi/apis/api"
SELLER_API = "/v2/providers/seller_api/apis/api/v1/marketplace"


def coupang_state(request: Request) -> CoupangState:
    state: CoupangState = request.app.state.coupang
    return state


def vendor_store(request: Request) -> VendorStore:
    ctx: GatewayContext = request.scope[CTX_KEY]
    if ctx.vendor_id is None:
        raise CoupangError(401, "Invalid access key.")
    return coupang_state(request).store(ctx.vendor_id)


async def json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return orjson.loads(raw) if raw else {}
    except orjson.JSONDecodeError:
        raise bad_request("요청 본문이 올바른 JSON이 아닙니다.") from None


def ok(data: Any, *, next_token: str | None = None, code: int | str = 200, message: str = "OK") -> ORJSONResponse:
    body: dict[str, Any] = {"code": code, "message": message, "data": data}
    if next_token is not None:
        body["nextToken"] = next_token
    return ORJSONResponse(body)


def product_ok(data: Any, *, next_token: str | None = None, message: str = "") -> ORJSONResponse:
    body: dict[str, Any] = {"code": "SUCCESS", "message": message, "data": data}
    if next_token is not None:
        body["nextToken"] = next_token
    return ORJSONResponse(body)


def query_time(request: Request, name: str, *, need_time: bool | None = None) -> int:
    raw = request.query_params.get(name)
    if not raw:
        raise bad_request(f"{name}은(는) 필수입니다.")
    try:
        ms, has_time = parse_query_time(raw)
    except ValueError:
        raise bad_request(f"{name}의 날짜 형식이 올바르지 않습니다.") from None
    if need_time is not None and has_time != need_time:
        raise bad_request(f"{name}의 날짜 형식이 올바르지 않습니다.")
    return ms


def query_int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(f"{name}은(는) 숫자여야 합니다.") from None
    if not low <= value <= high:
        raise bad_request(f"{name}은(는) {low}~{high} 사이여야 합니다.")
    return value


def encode_token(position: tuple[int, int]) -> str:
    return f"{position[0]}.{position[1]}"


def decode_token(token: str | None) -> tuple[int, int] | None:
    if not token:
        return None
    try:
        first, second = token.split(".")
        return int(first), int(second)
    except ValueError:
        raise bad_request("nextToken이 유효하지 않습니다.") from None


def path_int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise bad_request(f"{name} 값이 올바르지 않습니다.") from None
