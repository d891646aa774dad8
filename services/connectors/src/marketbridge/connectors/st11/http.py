"""HTTP transport of the 11번가 adapter: `openapikey` header, rate limit per account, EUC-KR XML, and
the mapping of every failure onto marketbridge.connectors.errors. No retries.

11번가 reports business failures inside HTTP 200: `result_code` != 0 (`<ResultOrder>`, or
`<ns2:result_code>` in lists) and `resultCode` != 200 (`<ClientMessage>`); those become
`PermanentMarketplaceError` with the marketplace's own code and text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import quote

import httpx
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
)
from marketbridge.connectors.ratelimit import RateLimiter
from marketbridge.connectors.st11 import xmlcodec
from marketbridge.connectors.transport import client, retry_after_at_least, send

MARKETPLACE = "st11"
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=60.0, write=10.0, pool=10.0)
_XML = "text/xml;charset=EUC-KR"
AUTH_CODES = frozenset({"401", "403"})


def path(*segments: object) -> str:
    """`/a/b/...` with every segment percent-encoded (Korean reasons, `null` placeholders). A slash inside
    free text would split the segment even when encoded (servers decode %2F before routing): it becomes `-`."""
    return "/" + "/".join(quote(str(s).replace("/", "-").strip() or "null", safe="") for s in segments)


class St11Http:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        limiter: RateLimiter,
        limiter_key: str,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 8,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._limiter, self._key = limiter, limiter_key
        self._client = client(
            base_url,
            timeout=timeout,
            max_connections=max_connections,
            transport=transport,
            headers={"openapikey": api_key},
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def call(
        self, method: str, url: str, operation: str, *, body: ET.Element | None = None, idempotent: bool | None = None
    ) -> ET.Element:
        """One call; answers the parsed root element once its envelope says success."""
        safe = method == "GET" if idempotent is None else idempotent
        await self._limiter.acquire(self._key)
        content = xmlcodec.encode(body) if body is not None else None
        headers = {"Content-Type": _XML} if content is not None else None  # a GET with a Content-Type is refused
        response = await send(
            self._client,
            MARKETPLACE,
            operation,
            safe=safe,
            method=method,
            url=url,
            log_event="st11_call",
            content=content,
            headers=headers,
        )
        return self._answer(response, operation, safe)

    def _answer(self, response: httpx.Response, operation: str, safe: bool) -> ET.Element:
        status = response.status_code
        root = self._parse(response)
        code, message = _envelope(root) if root is not None else (None, None)
        if status == 429:
            raise TransientMarketplaceError(
                MARKETPLACE,
                message or "호출량 초과",
                code=code or "429",
                status=status,
                operation=operation,
                retry_after=retry_after_at_least(response, 0.0),
            )
        if status >= 500:
            raise TransientMarketplaceError(
                MARKETPLACE,
                message or response.reason_phrase or "server error",
                code=code or str(status),
                status=status,
                operation=operation,
                outcome_unknown=not safe,
            )
        if status in (401, 403) or (status < 300 and code in AUTH_CODES):
            raise AuthenticationRejected(
                MARKETPLACE,
                message or "인증이 거부되었습니다.",
                code=code or str(status),
                status=status,
                operation=operation,
            )
        if status >= 300:
            raise PermanentMarketplaceError(
                MARKETPLACE, code or str(status), message or response.reason_phrase, status=status, operation=operation
            )
        if root is None:
            raise TransientMarketplaceError(
                MARKETPLACE,
                "malformed XML in a success answer",
                status=status,
                operation=operation,
                outcome_unknown=not safe,
            )
        if code is not None and code not in ("0", "200"):
            raise PermanentMarketplaceError(MARKETPLACE, code, message or "", status=status, operation=operation)
        return root

    @staticmethod
    def _parse(response: httpx.Response) -> ET.Element | None:
        if not response.content:
            return None
        try:
            return xmlcodec.parse(response.content, response.charset_encoding)
        except (ET.ParseError, UnicodeDecodeError, LookupError, ValueError):
            return None


def _envelope(root: ET.Element) -> tuple[str | None, str | None]:
    """(code, message) of any 11번가 envelope; (None, None) for a plain list."""
    name = xmlcodec.local(root.tag)
    if name == "ClientMessage":
        return xmlcodec.child_text(root, "resultCode"), xmlcodec.child_text(root, "message")
    return xmlcodec.child_text(root, "result_code"), xmlcodec.child_text(root, "result_text")


def first(values: Sequence[str]) -> str:
    return values[0] if values else ""
