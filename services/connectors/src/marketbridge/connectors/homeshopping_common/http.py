"""HTTP transport shared by the home-shopping adapters: one httpx.AsyncClient per adapter (≤ 16
connections, explicit timeouts), the per-account rate limit, and the mapping of transport failures and
HTTP statuses onto marketbridge.connectors.errors. Dialect envelopes (result codes inside HTTP 200)
are checked by each dialect. No retries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import httpx
from marketbridge.connectors.errors import TransientMarketplaceError
from marketbridge.connectors.ratelimit import RateLimiter
from marketbridge.connectors.transport import client, raise_for_status, send

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=10.0, pool=10.0)
# (code, message) read from an error body; None when the body says nothing useful
T = TypeVar("T")
ErrorReader = Callable[[httpx.Response], tuple[str, str] | None]


def reads_errors(read: Callable[[bytes, str | None], T], pick: Callable[[T], tuple[str, str]]) -> ErrorReader:
    """An ErrorReader from the dialect's answer reader: (code, message) of an error body it can read."""

    def reader(response: httpx.Response) -> tuple[str, str] | None:
        try:
            answer = read(response.content, response.headers.get("content-type"))
        except ValueError:  # MalformedXml is a ValueError
            return None
        return pick(answer)

    return reader


def retry_after(response: httpx.Response, default: float = 1.0) -> float:
    header = response.headers.get("Retry-After", "")
    try:
        return float(header) if header else default
    except ValueError:
        return default


class HomeShoppingHttp:
    def __init__(
        self,
        marketplace: str,
        base_url: str,
        limiter: RateLimiter,
        limiter_key: str,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 16,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: dict[str, str] | None = None,
        error_reader: ErrorReader | None = None,
    ) -> None:
        self.marketplace = marketplace
        self._limiter = limiter
        self._key = limiter_key
        self._read_error = error_reader or (lambda response: None)
        size = min(max_connections, 16)
        self._client = client(base_url, timeout=timeout, max_connections=size, transport=transport, headers=headers)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def request(self, method: str, path: str, operation: str, *, safe: bool, **kwargs: Any) -> httpx.Response:
        """Send one call (after the account's rate limit) and answer a 2xx response; every other outcome
        raises. `safe`: the call changes nothing, so a lost answer leaves no unknown outcome."""
        await self._limiter.acquire(self._key)
        response = await send(
            self._client,
            self.marketplace,
            operation,
            safe=safe,
            method=method,
            url=path,
            log_event="homeshopping_call",
            **kwargs,
        )
        self.check_status(response, operation, safe)
        return response

    def check_status(self, response: httpx.Response, operation: str, safe: bool) -> None:
        status = response.status_code
        if 200 <= status < 300:
            return
        code, message = self._read_error(response) or (str(status), response.reason_phrase or "error")
        raise_for_status(
            self.marketplace,
            status,
            operation,
            safe=safe,
            code=code,
            message=message,
            retry_after=retry_after(response),
        )

    def decode(self, read: Callable[[bytes, str | None], T], response: httpx.Response, operation: str, safe: bool) -> T:
        """`read(body, content type)` of a 2xx answer; a body it cannot read is a malformed answer."""
        try:
            return read(response.content, response.headers.get("content-type"))
        except ValueError as exc:  # MalformedXml is a ValueError
            raise self.malformed(operation, safe, str(exc)) from exc

    def malformed(self, operation: str, safe: bool, detail: str) -> TransientMarketplaceError:
        return TransientMarketplaceError(
            self.marketplace,
            f"malformed answer: {detail}",
            code="MALFORMED",
            operation=operation,
            outcome_unknown=not safe,
        )

