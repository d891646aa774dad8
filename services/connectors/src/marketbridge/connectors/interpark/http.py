"""HTTP transport of the 인터파크 adapter: supplier ids on every order call, product keys on product
calls, rate limit per account, EUC-KR XML, and the mapping of failures onto the connector errors.

`<RESULT><CODE>000</CODE>` is success. Other codes (all modelled: nothing public lists them): 100/110
credentials refused -> AuthenticationRejected, 900 too many calls -> transient, 999 system error ->
transient, anything else -> PermanentMarketplaceError with 인터파크's code and message.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
)
from marketbridge.connectors.interpark import xmlcodec
from marketbridge.connectors.ratelimit import RateLimiter
from marketbridge.connectors.transport import client, retry_after_seconds, send

MARKETPLACE = "interpark"
ORDER_PATH = "/order/OrderClmAPI.do"
PRODUCT_PATH = "/openapi/product/ProductAPIService.do"
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=60.0, write=10.0, pool=10.0)
AUTH_CODES = frozenset({"100", "110"})
TRANSIENT_CODES = frozenset({"900", "999"})


@dataclass(frozen=True)
class InterparkCredentials:
    entr_id: str
    supply_entr_no: str
    supply_ctrt_seq: str
    cite_key: str = field(default="", repr=False)
    secret_key: str = field(default="", repr=False)


class InterparkHttp:
    def __init__(
        self,
        order_url: str,
        product_url: str,
        credentials: InterparkCredentials,
        limiter: RateLimiter,
        limiter_key: str,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 8,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.order_url, self.product_url = order_url.rstrip("/"), product_url.rstrip("/")
        self.credentials = credentials
        self._limiter, self._key = limiter, limiter_key
        self._client = client(timeout=timeout, max_connections=max_connections, transport=transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def order_call(
        self, method: str, operation: str, params: Mapping[str, str], *, idempotent: bool = True
    ) -> ET.Element:
        c = self.credentials
        query = {
            "_method": method,
            "sc.entrId": c.entr_id,
            "sc.supplyEntrNo": c.supply_entr_no,
            "sc.supplyCtrtSeq": c.supply_ctrt_seq,
            **params,
        }
        return await self._send("GET", f"{self.order_url}{ORDER_PATH}", operation, idempotent, query, None)

    async def product_call(
        self, method: str, operation: str, form: Mapping[str, str], *, idempotent: bool = False
    ) -> ET.Element:
        c = self.credentials
        data = {"_method": method, "citeKey": c.cite_key, "secretKey": c.secret_key, **form}
        return await self._send("POST", f"{self.product_url}{PRODUCT_PATH}", operation, idempotent, None, data)

    async def _send(
        self,
        verb: str,
        url: str,
        operation: str,
        safe: bool,
        params: Mapping[str, str] | None,
        data: Mapping[str, str] | None,
    ) -> ET.Element:
        await self._limiter.acquire(self._key)
        response = await send(
            self._client,
            MARKETPLACE,
            operation,
            safe=safe,
            method=verb,
            url=url,
            log_event="interpark_call",
            params=params,
            data=data,
        )
        return self._answer(response, operation, safe)

    def _answer(self, response: httpx.Response, operation: str, safe: bool) -> ET.Element:
        status = response.status_code
        try:
            root: ET.Element | None = xmlcodec.parse(response.content, response.charset_encoding)
        except (ET.ParseError, UnicodeDecodeError, LookupError, ValueError):
            root = None
        code, message = xmlcodec.result(root) if root is not None else (None, "")
        if status == 429 or code == "900":
            raise TransientMarketplaceError(
                MARKETPLACE,
                message or "호출 한도 초과",
                code=code or "429",
                status=status,
                operation=operation,
                retry_after=retry_after_seconds(response, 1.0),
            )
        if status >= 500 or code == "999":
            raise TransientMarketplaceError(
                MARKETPLACE,
                message or response.reason_phrase,
                code=code or str(status),
                status=status,
                operation=operation,
                outcome_unknown=not safe,
            )
        if status in (401, 403) or code in AUTH_CODES:
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
        if root is None or code is None:
            raise TransientMarketplaceError(
                MARKETPLACE,
                "malformed XML in a success answer",
                status=status,
                operation=operation,
                outcome_unknown=not safe,
            )
        if code != "000":
            raise PermanentMarketplaceError(MARKETPLACE, code, message, status=status, operation=operation)
        return root
