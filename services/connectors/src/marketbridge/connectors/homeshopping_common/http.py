"""HTTP transport shared by the home-shopping adapters: one httpx.AsyncClient per adapter (≤ 16
connections, explicit timeouts), the per-account rate limit, and the mapping of transport failures and
HTTP statuses onto marketbridge.connectors.errors. Dialect envelopes (result codes inside HTTP 200)
are checked by each dialect. No retries."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import structlog
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
)
from marketbridge.connectors.ratelimit import RateLimiter

log = structlog.get_logger(__name__)
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=10.0, pool=10.0)
# (code, message) read from an error body; None when the body says nothing useful
ErrorReader = Callable[[httpx.Response], tuple[str, str] | None]


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
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            transport=transport,
            headers=headers or {},
            limits=httpx.Limits(max_connections=size, max_keepalive_connections=size),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def request(self, method: str, path: str, operation: str, *, safe: bool, **kwargs: Any) -> httpx.Response:
        """Send one call (after the account's rate limit) and answer a 2xx response; every other outcome
        raises. `safe`: the call changes nothing, so a lost answer leaves no unknown outcome."""
        await self._limiter.acquire(self._key)
        started = time.perf_counter()
        mp = self.marketplace
        try:
            response = await self._client.request(method, path, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise TransientMarketplaceError(
                mp, f"connection failed: {type(exc).__name__}", operation=operation
            ) from exc
        except httpx.TimeoutException as exc:
            raise TransientMarketplaceError(
                mp, f"timed out: {type(exc).__name__}", operation=operation, outcome_unknown=not safe
            ) from exc
        except httpx.TransportError as exc:
            raise TransientMarketplaceError(
                mp, f"transport error: {type(exc).__name__}", operation=operation, outcome_unknown=not safe
            ) from exc
        log.debug(
            "homeshopping_call",
            marketplace=mp,
            operation=operation,
            path=path,
            status=response.status_code,
            ms=round((time.perf_counter() - started) * 1000, 1),
        )
        self.check_status(response, operation, safe)
        return response

    def check_status(self, response: httpx.Response, operation: str, safe: bool) -> None:
        status = response.status_code
        if 200 <= status < 300:
            return
        mp = self.marketplace
        code, message = self._read_error(response) or (str(status), response.reason_phrase or "error")
        if status == 429:
            raise TransientMarketplaceError(
                mp, message, code=code, status=status, operation=operation, retry_after=retry_after(response)
            )
        if status >= 500:
            raise TransientMarketplaceError(
                mp, message, code=code, status=status, operation=operation, outcome_unknown=not safe
            )
        if status in (401, 403):
            raise AuthenticationRejected(mp, message, code=code, status=status, operation=operation)
        raise PermanentMarketplaceError(mp, code, message, status=status, operation=operation)

    def malformed(self, operation: str, safe: bool, detail: str) -> TransientMarketplaceError:
        return TransientMarketplaceError(
            self.marketplace,
            f"malformed answer: {detail}",
            code="MALFORMED",
            operation=operation,
            outcome_unknown=not safe,
        )
