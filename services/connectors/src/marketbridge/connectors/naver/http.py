"""HTTP transport of the Naver adapter: rate limit, Bearer token (re-issued once on 401 GW.AUTHN),
orjson bodies, and the mapping of every failure onto marketbridge.connectors.errors. No retries."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import orjson
import structlog
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    TransientMarketplaceError,
)
from marketbridge.connectors.naver.auth import NaverCredentials, TokenCache, client_secret_sign
from marketbridge.connectors.ratelimit import RateLimiter
from marketbridge.connectors.transport import client, raise_for_status, retry_after_seconds, send

log = structlog.get_logger(__name__)
MARKETPLACE = "naver"
TOKEN_PATH = "/v1/oauth2/token"
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=10.0, pool=10.0)
_JSON = {"Content-Type": "application/json", "Accept": "application/json"}


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return {}
    return body if isinstance(body, dict) else {}


def _retry_after(response: httpx.Response) -> float:
    """`Retry-After`, else one token's refill time from the gateway's replenish rate."""
    rate = response.headers.get("GNCP-GW-RateLimit-Replenish-Rate")
    try:
        refill = 1.0 / float(rate) if rate else 1.0
    except (ValueError, ZeroDivisionError):
        refill = 1.0
    return retry_after_seconds(response, refill)


class NaverHttp:
    def __init__(self, base_url: str, credentials: NaverCredentials, limiter: RateLimiter, limiter_key: str, *,
                 timeout: httpx.Timeout = DEFAULT_TIMEOUT, max_connections: int = 16,
                 transport: httpx.AsyncBaseTransport | None = None, clock: Callable[[], float] = time.time) -> None:
        self._credentials = credentials
        self._limiter = limiter
        self._key = limiter_key
        self._tokens = TokenCache(clock)
        self._client = client(base_url, timeout=timeout, max_connections=max_connections, transport=transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- token ------------------------------------------------------------------------------------
    async def token(self) -> str:
        cached = self._tokens.current()
        if cached is not None:
            return cached
        async with self._tokens.lock:
            cached = self._tokens.current()
            if cached is not None:
                return cached
            return await self._issue()

    async def _issue(self) -> str:
        creds = self._credentials
        timestamp = self._tokens.timestamp_ms()
        sign = await asyncio.to_thread(client_secret_sign, creds.client_id, creds.client_secret, timestamp)
        form = {"client_id": creds.client_id, "timestamp": str(timestamp), "grant_type": "client_credentials",
                "client_secret_sign": sign, "type": "SELLER" if creds.account_id else "SELF"}
        if creds.account_id:
            form["account_id"] = creds.account_id
        response = await self._send("POST", TOKEN_PATH, "issue_token", True, data=form)
        if response.status_code in (400, 401, 403):
            body = _error_body(response)
            raise AuthenticationRejected(MARKETPLACE, str(body.get("message") or "토큰 발급이 거부되었습니다."),
                                         code=str(body.get("code") or response.status_code),
                                         status=response.status_code, operation="issue_token")
        body = self._parse(response, "issue_token", True)
        if not isinstance(body, dict) or not isinstance(body.get("access_token"), str):
            raise TransientMarketplaceError(MARKETPLACE, "token answer without access_token", operation="issue_token")
        self._tokens.store(body["access_token"], float(body.get("expires_in") or 10800))
        log.info("naver_token_issued", client_id=creds.client_id, expires_in=body.get("expires_in"))
        return str(body["access_token"])

    # -- calls ------------------------------------------------------------------------------------
    async def call(self, method: str, path: str, operation: str, *, params: Mapping[str, Any] | None = None,
                   json: Any = None, idempotent: bool | None = None) -> Any:
        """Send one API call and answer its parsed JSON body (None when empty)."""
        safe = method == "GET" if idempotent is None else idempotent
        content = orjson.dumps(json) if json is not None else None
        for attempt in (1, 2):
            token = await self.token()
            await self._limiter.acquire(self._key)
            headers = {**_JSON, "Authorization": f"Bearer {token}"}
            response = await self._send(method, path, operation, safe, params=params, content=content,
                                        headers=headers)
            if response.status_code != 401:
                return self._parse(response, operation, safe)
            self._tokens.invalidate(token)
            if attempt == 2:
                body = _error_body(response)
                raise AuthenticationRejected(MARKETPLACE, str(body.get("message") or "인증이 거부되었습니다."),
                                             code=str(body.get("code") or "GW.AUTHN"), status=401, operation=operation)
            log.info("naver_token_rejected_reissuing", operation=operation)
        raise AssertionError("unreachable")

    async def _send(self, method: str, path: str, operation: str, safe: bool, **kwargs: Any) -> httpx.Response:
        return await send(self._client, MARKETPLACE, operation, safe=safe, method=method, url=path,
                          log_event="naver_call", **kwargs)

    def _parse(self, response: httpx.Response, operation: str, safe: bool) -> Any:
        status = response.status_code
        if 200 <= status < 300:
            if not response.content:
                return None
            try:
                return orjson.loads(response.content)
            except orjson.JSONDecodeError as exc:
                raise TransientMarketplaceError(MARKETPLACE, "malformed JSON in a success answer", status=status,
                                                operation=operation, outcome_unknown=not safe) from exc
        body = _error_body(response)
        code = str(body.get("code") or status)
        message = str(body.get("message") or response.reason_phrase or "error")
        inputs = tuple((str(i.get("name", "")), str(i.get("type", "")), str(i.get("message", "")))
                       for i in body.get("invalidInputs") or () if isinstance(i, dict))
        raise_for_status(MARKETPLACE, status, operation, safe=safe, code=code, message=message,
                         retry_after=_retry_after(response), invalid_inputs=inputs)
        raise AssertionError("unreachable: a 2xx answer returned above")
