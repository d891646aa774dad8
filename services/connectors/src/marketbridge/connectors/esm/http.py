"""HTTP transport of the ESM adapter: JWT per call, per-account rate limit, the 5-second order-list pacer,
and the mapping of every failure onto marketbridge.connectors.errors. No retries.

Envelopes: order/claim/CS `{ResultCode, Message, Data}` (옥션 adds `BizRuleCode`; `ResultCode` may be the
string "success"), goods `{resultCode, message, ...}`; both usually arrive with HTTP 200 even on failure.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import orjson
import structlog
from marketbridge.connectors.errors import (
    PermanentMarketplaceError,
    TransientMarketplaceError,
)
from marketbridge.connectors.esm.auth import EsmCredentials, make_token
from marketbridge.connectors.ratelimit import RateLimiter
from marketbridge.connectors.transport import client, raise_for_status, retry_after_seconds, send

log = structlog.get_logger(__name__)
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=10.0, pool=10.0)
NO_DATA = 1000  # 옥션: "no data" — an empty list, not a failure
CALL_LIMIT = 3000  # also used for parameter/range errors; the message tells them apart
ORDER_LIST_INTERVAL = 5.1  # 1 call / 5 s per site seller id, plus a little slack for latency jitter


class OrderListPacer:
    """Spaces RequestOrders calls per site seller id; `clock` and `sleep` are injectable for tests."""

    def __init__(
        self,
        interval: float = ORDER_LIST_INTERVAL,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval, self._clock, self._sleep = interval, clock, sleep
        self._last: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def wait(self, key: str) -> None:
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            last = self._last.get(key)
            if last is not None:
                delay = last + self.interval - self._clock()
                if delay > 0:
                    await self._sleep(delay)
            self._last[key] = self._clock()

    def done(self, key: str) -> None:
        """The call has been answered: the next one waits a full interval from now. The marketplace counts
        from when a call *arrives*, which on a loaded network can be later than when it was sent."""
        self._last[key] = self._clock()


def _body(response: httpx.Response) -> Any:
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None


class EsmHttp:
    def __init__(
        self,
        marketplace: str,
        base_url: str,
        credentials: EsmCredentials,
        limiter: RateLimiter,
        limiter_key: str,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 8,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.marketplace = marketplace
        self.credentials = credentials
        self._limiter, self._key, self._clock = limiter, limiter_key, clock
        self._token: tuple[int, str] | None = None
        self._client = client(base_url, timeout=timeout, max_connections=max_connections, transport=transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    def now(self) -> float:
        return self._clock()

    def token(self) -> str:
        second = int(self._clock())
        if self._token is None or self._token[0] != second:
            self._token = (second, make_token(self.credentials, second))
        return self._token[1]

    async def raw(
        self,
        method: str,
        path: str,
        operation: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        idempotent: bool,
    ) -> Any:
        """One call; answers the decoded JSON body of a 2xx answer, else raises the mapped error."""
        await self._limiter.acquire(self._key)
        headers = {
            "Authorization": f"Bearer {self.token()}",
            "Accept": "application/json",
            "Content-Type": "application/json",
        }
        content = orjson.dumps(json) if json is not None else None
        response = await send(
            self._client,
            self.marketplace,
            operation,
            safe=idempotent,
            method=method,
            url=path,
            content=content,
            params=params,
            headers=headers,
        )
        return self._parse(response, operation, idempotent)

    def _transient(
        self,
        message: str,
        operation: str,
        *,
        unknown: bool = False,
        status: int | None = None,
        code: str | None = None,
        retry_after: float | None = None,
    ) -> TransientMarketplaceError:
        return TransientMarketplaceError(
            self.marketplace,
            message,
            code=code,
            status=status,
            operation=operation,
            retry_after=retry_after,
            outcome_unknown=unknown,
        )

    def _parse(self, response: httpx.Response, operation: str, idempotent: bool) -> Any:
        status = response.status_code
        body = _body(response)
        if 200 <= status < 300:
            if body is None and response.content:
                raise self._transient(
                    "malformed JSON in a success answer", operation, unknown=not idempotent, status=status
                )
            return body
        message = (
            str(((body or {}).get("status") or {}).get("message") or response.reason_phrase or "error")
            if isinstance(body, dict)
            else (response.reason_phrase or "error")
        )
        raise_for_status(
            self.marketplace,
            status,
            operation,
            safe=idempotent,
            code=str(status),
            message=message,
            retry_after=retry_after_seconds(response, 5.0),
        )
        raise AssertionError("unreachable: a 2xx answer returned above")

    def result(self, body: Any, operation: str, *, empty_on_no_data: bool = False, idempotent: bool = True) -> Any:
        """`Data` of an order/claim/CS envelope; a failure `ResultCode` becomes a connector error."""
        if not isinstance(body, dict) or "ResultCode" not in body:
            raise self._transient("answer without ResultCode", operation, unknown=not idempotent)
        code = body["ResultCode"]
        if code in (0, "0") or (isinstance(code, str) and code.lower() == "success"):
            return body.get("Data")
        message = str(body.get("Message") or "")
        if empty_on_no_data and str(code) == str(NO_DATA):
            return []
        if str(code) == str(CALL_LIMIT) and ("5초" in message or "호출" in message):
            raise self._transient(message, operation, code=str(code), retry_after=ORDER_LIST_INTERVAL)
        rule = body.get("BizRuleCode")
        raise PermanentMarketplaceError(
            self.marketplace, str(code), f"{message} (BizRuleCode {rule})" if rule else message, operation=operation
        )

    def goods_result(self, body: Any, operation: str) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise self._transient("answer is not a JSON object", operation)
        code = body.get("resultCode", 0)
        if code not in (0, "0", None):
            raise PermanentMarketplaceError(
                self.marketplace, str(code), str(body.get("message") or ""), operation=operation
            )
        return body

    async def call(
        self,
        method: str,
        path: str,
        operation: str,
        *,
        json: Any = None,
        idempotent: bool,
        empty_on_no_data: bool = False,
    ) -> Any:
        body = await self.raw(method, path, operation, json=json, idempotent=idempotent)
        return self.result(body, operation, empty_on_no_data=empty_on_no_data, idempotent=idempotent)
