"""Shared helpers of the ESM routes: envelopes, errors, request context, dates and site codes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from fastapi import Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.timefmt import KST, fmt_kst
from marketbridge.sandbox.esm.auth import NO_RIGHT, EsmContext
from marketbridge.sandbox.esm.gateway import CTX_KEY
from marketbridge.sandbox.esm.state import EsmState

SITE_BY_TYPE = {1: "A", 2: "G"}
CANCEL_SITE_BY_TYPE = {1: "A", 3: "G"}  # 취소조회 uses SiteType 3 for G마켓
TYPE_BY_SITE = {"A": 1, "G": 2}
RATE_LIMITED = "주문조회 API는 판매자 ID당 5초에 1회만 호출할 수 있습니다."


class EsmError(Exception):
    """An order/claim/CS failure: HTTP 200 with `{ResultCode, Message, Data: null}` (옥션 adds BizRuleCode)."""

    def __init__(self, code: int, message: str, *, site: str | None = None, biz_rule: str | None = None) -> None:
        self.code, self.message, self.site, self.biz_rule = code, message, site, biz_rule
        super().__init__(f"{code}: {message}")

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ResultCode": self.code, "Message": self.message, "Data": None}
        if self.site == "A":
            body["BizRuleCode"] = self.biz_rule or ""
        return body


class GoodsError(Exception):
    """A product API failure: `{resultCode, message}` (camelCase envelope)."""

    def __init__(self, code: int, message: str) -> None:
        self.code, self.message = code, message
        super().__init__(message)


class NoRight(Exception):
    """The token does not cover the site the call is for: HTTP 401 like a missing permission."""

    message = NO_RIGHT


def esm_state(request: Request) -> EsmState:
    state: EsmState = request.app.state.esm
    return state


def ctx(request: Request) -> EsmContext:
    context: EsmContext = request.scope[CTX_KEY]
    return context


def seller_for(request: Request, site: str) -> str:
    seller = ctx(request).sellers.get(site)
    if seller is None:
        raise NoRight()
    return seller


async def body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        parsed = orjson.loads(raw) if raw else {}
    except orjson.JSONDecodeError:
        raise EsmError(3000, "요청 본문이 올바른 JSON이 아닙니다.") from None
    if not isinstance(parsed, dict):
        raise EsmError(3000, "요청 본문은 JSON 객체여야 합니다.")
    return parsed


def ok(data: Any, site: str | None = None) -> ORJSONResponse:
    answer: dict[str, Any] = {"ResultCode": 0, "Message": "Success", "Data": data}
    if site == "A":
        answer["BizRuleCode"] = ""
    return ORJSONResponse(answer)


def int_field(data: dict[str, Any], name: str, default: int | None = None) -> int:
    raw = data.get(name, default)
    try:
        return int(raw) if raw is not None else _missing(name)
    except (TypeError, ValueError):
        raise EsmError(3000, f"{name}: 숫자 형식이 아닙니다.") from None


def _missing(name: str) -> int:
    raise EsmError(3000, f"{name}: 필수 입력 항목입니다.")


def site_type(data: dict[str, Any], *names: str) -> int:
    for name in names:
        if name in data:
            return int_field(data, name)
    return _missing(names[0])


def parse_minute(text: Any, name: str) -> int:
    """`YYYY-MM-DD hh:mm` (KST) -> epoch ms."""
    try:
        return int(datetime.strptime(str(text), "%Y-%m-%d %H:%M").replace(tzinfo=KST).timestamp() * 1000)
    except ValueError:
        raise EsmError(3000, f"{name}: 날짜 형식(YYYY-MM-DD hh:mm)이 올바르지 않습니다.") from None


def parse_day(text: Any, name: str) -> int:
    try:
        return int(datetime.strptime(str(text), "%Y-%m-%d").replace(tzinfo=KST).timestamp() * 1000)
    except ValueError:
        raise EsmError(3000, f"{name}: 날짜 형식(YYYY-MM-DD)이 올바르지 않습니다.") from None


def parse_second(text: Any, name: str) -> int:
    try:
        return int(datetime.strptime(str(text), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=KST).timestamp() * 1000)
    except ValueError:
        raise EsmError(3000, f"{name}: 날짜 형식(YYYY-MM-DDThh:mm:ss)이 올바르지 않습니다.") from None


def fmt(ms: int | None) -> str | None:
    """`YYYY-MM-DDThh:mm:ss` in KST, as ESM answers."""
    return fmt_kst(ms)[:19] if ms is not None else None


def day_window(data: dict[str, Any], start_name: str, end_name: str, max_days: int) -> tuple[int, int]:
    """Claim/CS windows (`YYYY-MM-DD`, end day inclusive); longer than `max_days` -> ResultCode 3000."""
    start = parse_day(data.get(start_name), start_name)
    end = parse_day(data.get(end_name), end_name)
    if end < start:
        raise EsmError(3000, f"{end_name}: {start_name} 이후여야 합니다.")
    if end - start >= max_days * 86_400_000:
        raise EsmError(3000, f"조회 기간은 최대 {max_days}일 미만이어야 합니다.")
    return start, end + 86_400_000 - 1
