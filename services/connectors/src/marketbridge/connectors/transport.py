"""What every adapter's HTTP transport does alike, so each dialect keeps only its own part (headers, signing,
envelopes, its error codes): the pooled client, sending one request with transport failures mapped onto
marketbridge.connectors.errors, the usual HTTP-status mapping, and reading `Retry-After`. No retries."""

from __future__ import annotations

import time
from typing import Any

import httpx
import structlog
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
)

log = structlog.get_logger(__name__)


def client(
    base_url: str = "",
    *,
    timeout: httpx.Timeout,
    max_connections: int,
    transport: httpx.AsyncBaseTransport | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.AsyncClient:
    """One adapter's pool: every connection may be kept alive, since one account's calls come in bursts."""
    return httpx.AsyncClient(
        base_url=base_url.rstrip("/"),
        timeout=timeout,
        transport=transport,
        headers=headers or {},
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
    )


async def send(
    http: httpx.AsyncClient,
    marketplace: str,
    operation: str,
    *,
    safe: bool,
    method: str,
    url: str,
    log_event: str | None = None,
    **kwargs: Any,
) -> httpx.Response:
    """Send one request and answer the response, whatever its status. A connection that never opened
    cannot have applied anything; after a timeout or a broken transfer the outcome is unknown unless
    `safe` (the call changes nothing). `log_event`: the debug line to write with the status and duration."""
    started = time.perf_counter()
    try:
        response = await http.request(method, url, **kwargs)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        raise TransientMarketplaceError(
            marketplace, f"connection failed: {type(exc).__name__}", operation=operation
        ) from exc
    except httpx.TimeoutException as exc:
        raise TransientMarketplaceError(
            marketplace, f"timed out: {type(exc).__name__}", operation=operation, outcome_unknown=not safe
        ) from exc
    except httpx.TransportError as exc:
        raise TransientMarketplaceError(
            marketplace, f"transport error: {type(exc).__name__}", operation=operation, outcome_unknown=not safe
        ) from exc
    if log_event is not None:
        log.debug(
            log_event,
            marketplace=marketplace,
            operation=operation,
            method=method,
            path=url,
            status=response.status_code,
            ms=round((time.perf_counter() - started) * 1000, 1),
        )
    return response


def raise_for_status(
    marketplace: str,
    status: int,
    operation: str,
    *,
    safe: bool,
    code: str,
    message: str,
    retry_after: float,
    invalid_inputs: tuple[tuple[str, str, str], ...] = (),
) -> None:
    """The mapping most dialects give a non-2xx answer: 429 -> transient with `retry_after`, 5xx -> transient
    (outcome unknown unless `safe`), 401/403 -> authentication, anything else -> permanent. A 2xx passes."""
    if 200 <= status < 300:
        return
    if status == 429:
        raise TransientMarketplaceError(
            marketplace, message, code=code, status=status, operation=operation, retry_after=retry_after
        )
    if status >= 500:
        raise TransientMarketplaceError(
            marketplace, message, code=code, status=status, operation=operation, outcome_unknown=not safe
        )
    if status in (401, 403):
        raise AuthenticationRejected(marketplace, message, code=code, status=status, operation=operation)
    raise PermanentMarketplaceError(
        marketplace, code, message, status=status, operation=operation, invalid_inputs=invalid_inputs
    )


def retry_after_seconds(response: httpx.Response, default: float) -> float:
    """`Retry-After` when it is a plain number of seconds, else `default`."""
    header = response.headers.get("Retry-After")
    return float(header) if header and header.replace(".", "", 1).isdigit() else default


def retry_after_at_least(response: httpx.Response, floor: float) -> float:
    """`Retry-After` as a float no lower than `floor`; 1 second when it is missing or unreadable."""
    try:
        return max(float(response.headers.get("Retry-After", "")), floor)
    except ValueError:
        return 1.0
