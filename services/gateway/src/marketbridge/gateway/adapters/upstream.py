"""The services behind the gateway, reached over HTTP (distributed) or an in-process ASGI transport
(embedded): the same client code, only the transport differs."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

import httpx
import structlog
from marketbridge.gateway.domain import errors
from marketbridge.gateway.domain.model import Principal
from marketbridge.runtime import tracing

log = structlog.get_logger(__name__)

# Request headers a client may pass on to a service; everything else (Authorization, cookies, X-MB-*) stays.
FORWARDED_REQUEST_HEADERS = (
    "accept",
    "accept-language",
    "content-type",
    "content-length",
    "if-match",
    "if-none-match",
    "if-modified-since",
    "idempotency-key",
)


def identity_headers(principal: Principal, correlation_id: str, internal_token: str) -> dict[str, str]:
    """The only X-MB-* headers a service ever sees: set here, from the authenticated principal."""
    headers = {
        "x-mb-tenant-id": principal.tenant_id,
        "x-mb-user-id": principal.user_id,
        "x-mb-user-role": principal.role,
        "x-mb-tenant-name": quote(principal.tenant_name, safe=""),
        "x-mb-correlation-id": correlation_id,
        "x-mb-internal-token": internal_token,
    }
    tracing.inject(headers)
    return headers


class Upstreams:
    """One pooled client per service; `transports` (embedded) win over `urls` (distributed)."""

    def __init__(
        self,
        urls: Mapping[str, str],
        transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
        *,
        timeout: httpx.Timeout,
    ) -> None:
        self._clients: dict[str, httpx.AsyncClient] = {}
        for service, url in urls.items():
            self._clients[service] = httpx.AsyncClient(base_url=url, timeout=timeout)
        for service, transport in (transports or {}).items():
            base_url = f"http://{service}.internal"
            self._clients[service] = httpx.AsyncClient(transport=transport, base_url=base_url, timeout=timeout)

    @property
    def services(self) -> list[str]:
        return list(self._clients)

    def client(self, service: str) -> httpx.AsyncClient:
        client = self._clients.get(service)
        if client is None:
            raise errors.service_unavailable(service)
        return client

    async def send(self, service: str, request: httpx.Request) -> httpx.Response:
        """Send, streaming the response (the caller closes it); failures become 503 (down) or 504 (slow)."""
        client = self.client(service)
        try:
            return await client.send(request, stream=True)
        except (httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            log.warning("upstream_unavailable", service=service, error=type(exc).__name__)
            raise errors.service_unavailable(service) from exc
        except httpx.TimeoutException as exc:
            log.warning("upstream_timeout", service=service, error=type(exc).__name__)
            raise errors.service_timeout(service) from exc
        except httpx.TransportError as exc:
            log.warning("upstream_unavailable", service=service, error=type(exc).__name__)
            raise errors.service_unavailable(service) from exc

    async def aclose(self) -> None:
        for client in self._clients.values():
            await client.aclose()
