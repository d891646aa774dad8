"""Shared helpers of the 롯데ON routes: envelope `{returnCode, message, data}`, errors, dates, context."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from fastapi import Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.timefmt import KST, fmt_kst
from marketbridge.sandbox.lotteon.gateway import CTX_KEY
from marketbridge.sandbox.lotteon.models import Seller
from marketbridge.sandbox.lotteon.state import LotteOnState

OK, OK_MESSAGE = "0000", "성공"


class LotteOnError(Exception):
    """A request-level failure: HTTP 200 with `returnCode != "0000"` (codes (modelled))."""

    def __init__(self, code: str, message: str) -> None:
        self.code, self.message = code, message
        super().__init__(f"{code}: {message}")


def lo_state(request: Request) -> LotteOnState:
    state: LotteOnState = request.app.state.lotteon
    return state


def seller(request: Request) -> Seller:
    found: Seller = request.scope[CTX_KEY]
    return found


async def body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        parsed = orjson.loads(raw) if raw else {}
    except orjson.JSONDecodeError:
        raise LotteOnError("1001", "요청 본문이 올바른 JSON이 아닙니다.") from None
    if not isinstance(parsed, dict):
        raise LotteOnError("1001", "요청 본문은 JSON 객체여야 합니다.")
    return parsed


def ok(data: Any) -> ORJSONResponse:
    return ORJSONResponse({"returnCode": OK, "message": OK_MESSAGE, "data": data})


def fmt(ms: int | None) -> str | None:
    """`yyyyMMddHHmmss` (KST)."""
    if ms is None:
        return None
    text = fmt_kst(ms)
    return f"{text[:4]}{text[5:7]}{text[8:10]}{text[11:13]}{text[14:16]}{text[17:19]}"


def parse(text: Any, name: str, pattern: str = "%Y%m%d%H%M%S") -> int:
    try:
        return int(datetime.strptime(str(text), pattern).replace(tzinfo=KST).timestamp() * 1000)
    except ValueError:
        raise LotteOnError("1001", f"{name}: 날짜 형식이 올바르지 않습니다.") from None


def window(data: dict[str, Any], start: str, end: str, max_ms: int, pattern: str = "%Y%m%d%H%M%S") -> tuple[int, int]:
    low, high = parse(data.get(start), start, pattern), parse(data.get(end), end, pattern)
    if pattern == "%Y%m%d":
        high += 86_400_000 - 1
    if high < low:
        raise LotteOnError("1001", f"{end}: {start} 이후여야 합니다.")
    if high - low > max_ms:
        raise LotteOnError("1002", "조회 기간이 허용 범위를 초과했습니다.")
    if pattern != "%Y%m%d":  # the marketplace compares whole seconds: `to` includes its whole second
        high += 999
    return low, high


def item_result(keys: dict[str, Any], code: str = OK, message: str = OK_MESSAGE) -> dict[str, Any]:
    return {**keys, "rsltCd": code, "rsltMsg": message}


def action_data(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Second-level result of an action: `rsltCd` 0000 when every item passed, else 9000 (partial) (modelled)."""
    failed = [r for r in results if r["rsltCd"] != OK]
    code = OK if not failed else ("9000" if len(failed) < len(results) else failed[0]["rsltCd"])
    return {
        "rsltCd": code,
        "rsltMsg": OK_MESSAGE if code == OK else "일부 또는 전체 처리에 실패했습니다.",
        "rsltList": results,
    }
