"""HTTP transport of the 롯데ON adapter: Bearer API key plus the fixed `Accept-Language` / `X-Timezone` headers,
per-account rate limit, `{returnCode, message, data}` envelopes and the mapping of every failure. No retries."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
from marketbridge.connectors.errors import (
    PermanentMarketplaceError,
    TransientMarketplaceError,
)
from marketbridge.connectors.ratelimit import RateLimiter
from marketbridge.connectors.transport import client, raise_for_status, retry_after_seconds, send

MARKETPLACE = "lotteon"
OK = "0000"
PREFIX = "/v1/openapi"
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=10.0, pool=10.0)


class LotteOnHttp:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        limiter: RateLimiter,
        limiter_key: str,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 16,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._limiter, self._key = limiter, limiter_key
        self._headers = {
            "Authorization": f"Bearer {api_key}",
            "Accept": "application/json",
            "Accept-Language": "ko",
            "X-Timezone": "GMT+09:00",
            "Content-Type": "application/json",
        }
        self._client = client(base_url, timeout=timeout, max_connections=max_connections, transport=transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def post(self, path: str, operation: str, body: Any, *, idempotent: bool) -> Any:
        """POST one call; answers `data` of a `returnCode 0000` envelope, else raises the mapped error."""
        await self._limiter.acquire(self._key)
        response = await send(
            self._client,
            MARKETPLACE,
            operation,
            safe=idempotent,
            method="POST",
            url=f"{PREFIX}{path}",
            content=orjson.dumps(body),
            headers=self._headers,
        )
        return self._parse(response, operation, idempotent)

    def _parse(self, response: httpx.Response, operation: str, idempotent: bool) -> Any:
        status = response.status_code
        try:
            envelope = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            envelope = None
        if not isinstance(envelope, dict) or "returnCode" not in envelope:
            if 200 <= status < 300:
                raise TransientMarketplaceError(
                    MARKETPLACE,
                    "malformed JSON in a success answer",
                    status=status,
                    operation=operation,
                    outcome_unknown=not idempotent,
                )
            envelope = {}
        code = str(envelope.get("returnCode") or status)
        message = str(envelope.get("message") or response.reason_phrase or "error")
        raise_for_status(
            MARKETPLACE,
            status,
            operation,
            safe=idempotent,
            code=code,
            message=message,
            retry_after=retry_after_seconds(response, 1.0),
        )
        if code != OK:
            raise PermanentMarketplaceError(MARKETPLACE, code, message, status=status, operation=operation)
        return envelope.get("data")


def item_results(
    data: Any, key: tuple[str, ...]
) -> tuple[list[tuple[Any, ...]], dict[tuple[Any, ...], tuple[str, str]]]:
    """`data.rsltList` of an action -> (keys that passed, {key: (rsltCd, rsltMsg)} that failed)."""
    ok: list[tuple[Any, ...]] = []
    failed: dict[tuple[Any, ...], tuple[str, str]] = {}
    for row in (data or {}).get("rsltList") or ():
        ident = tuple(str(row.get(k)) for k in key)
        if str(row.get("rsltCd")) == OK:
            ok.append(ident)
        else:
            failed[ident] = (str(row.get("rsltCd")), str(row.get("rsltMsg") or ""))
    return ok, failed


def check_result(data: Any, operation: str) -> None:
    """A single action answer `data.rsltCd` (or the first failed item)."""
    if not isinstance(data, dict):
        raise TransientMarketplaceError(MARKETPLACE, "answer without data", operation=operation)
    _, failed = item_results(data, ("odNo",))
    if failed:
        code, message = next(iter(failed.values()))
        raise PermanentMarketplaceError(MARKETPLACE, code, message, operation=operation)
    if str(data.get("rsltCd") or OK) != OK:
        raise PermanentMarketplaceError(
            MARKETPLACE, str(data["rsltCd"]), str(data.get("rsltMsg") or ""), operation=operation
        )
