"""HTTP transport of the Coupang adapter: per-account rate limit, CEA signature of exactly the path and
query that are sent, orjson bodies, and the mapping of every failure onto marketbridge.connectors.errors.

Envelope `{code, message, data, nextToken}`: `code` is a number (200) or a string ("200", "SUCCESS",
"PARTIAL", "ERROR"); an HTTP 200 whose code is neither a success nor PARTIAL is a business error. No retries.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson
from marketbridge.connectors.coupang.signing import CoupangCredentials, authorization
from marketbridge.connectors.errors import (
    PermanentMarketplaceError,
    TransientMarketplaceError,
)
from marketbridge.connectors.ratelimit import RateLimiter
from marketbridge.connectors.transport import client, raise_for_status, retry_after_at_least, send

MARKETPLACE = "coupang"
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=10.0, pool=10.0)
SUCCESS_CODES = frozenset({"200", "SUCCESS", "OK", "PARTIAL"})
_JSON = {"Content-Type": "application/json;charset=UTF-8", "Accept": "application/json"}
Params = Sequence[tuple[str, Any]]


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return {}
    return body if isinstance(body, dict) else {}


class CoupangHttp:
    def __init__(
        self,
        base_url: str,
        credentials: CoupangCredentials,
        limiter: RateLimiter,
        limiter_key: str,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 16,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.credentials = credentials
        self._limiter = limiter
        self._key = limiter_key
        self._clock = clock
        self._client = client(base_url, timeout=timeout, max_connections=max_connections, transport=transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def call(
        self,
        method: str,
        path: str,
        operation: str,
        *,
        params: Params | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> dict[str, Any]:
        """Send one signed call; answers the decoded envelope (an empty dict for an empty body)."""
        safe = method == "GET" if idempotent is None else idempotent
        query = urlencode([(k, str(v)) for k, v in params or () if v is not None])
        url = f"{path}?{query}" if query else path
        await self._limiter.acquire(self._key)
        headers = {**_JSON, "Authorization": authorization(self.credentials, method, path, query, self._clock())}
        content = orjson.dumps(json) if json is not None else None
        response = await send(
            self._client,
            MARKETPLACE,
            operation,
            safe=safe,
            method=method,
            url=url,
            log_event="coupang_call",
            content=content,
            headers=headers,
        )
        return self._parse(response, operation, safe)

    def _parse(self, response: httpx.Response, operation: str, safe: bool) -> dict[str, Any]:
        status = response.status_code
        if 200 <= status < 300:
            if not response.content:
                return {}
            try:
                body = orjson.loads(response.content)
            except orjson.JSONDecodeError as exc:
                raise TransientMarketplaceError(
                    MARKETPLACE,
                    "malformed JSON in a success answer",
                    status=status,
                    operation=operation,
                    outcome_unknown=not safe,
                ) from exc
            if not isinstance(body, dict):
                raise TransientMarketplaceError(
                    MARKETPLACE,
                    "answer is not a JSON object",
                    status=status,
                    operation=operation,
                    outcome_unknown=not safe,
                )
            code = body.get("code")
            if code is not None and str(code).upper() not in SUCCESS_CODES:
                raise PermanentMarketplaceError(
                    MARKETPLACE, str(code), str(body.get("message") or ""), status=status, operation=operation
                )
            return body
        body = _body(response)
        code = str(body.get("code") or status)
        message = str(body.get("message") or response.reason_phrase or "error")
        if status == 403 and not body:  # the CDN's "Access Denied" page after floods of errors: back off
            raise TransientMarketplaceError(
                MARKETPLACE,
                "access temporarily denied by the gateway",
                code="403",
                status=status,
                operation=operation,
                retry_after=60.0,
            )
        raise_for_status(
            MARKETPLACE,
            status,
            operation,
            safe=safe,
            code=code,
            message=message,
            retry_after=retry_after_at_least(response, 0.1),
        )
        raise AssertionError("unreachable: a 2xx answer returned above")
