"""CEA HMAC-SHA256 signing. coupang.md gives no worked signature example, so the vector is computed
independently here (hmac + hashlib over the documented message layout)."""

from __future__ import annotations

import hashlib
import hmac

import httpx
from marketbridge.connectors.coupang import CoupangCredentials, authorization, signature, signed_date
from marketbridge.connectors.coupang.http import CoupangHttp
from marketbridge.connectors.ratelimit import RateLimit, RateLimiter

PATH = "/v2/providers/openapi/apis/api/v5/vendors/A00012345/ordersheets"
QUERY = "createdAtFrom=2025-07-15%2B09%3A00&createdAtTo=2025-07-15%2B09%3A00&status=ACCEPT"


def test_signed_date_is_utc_yymmdd_t_hhmmss_z() -> None:
    assert signed_date(1_753_758_900.9) == "250729T031500Z"  # 2025-07-29 12:15:00 KST


def test_signature_matches_an_independent_vector() -> None:
    message = "250729T031500Z" + "GET" + PATH + QUERY
    expected = hmac.new(b"7e3f1c-secret", message.encode("utf-8"), hashlib.sha256).hexdigest()
    assert signature("7e3f1c-secret", "250729T031500Z", "GET", PATH, QUERY) == expected
    # the same vector pinned as a literal (computed once with Python's hmac module)
    assert expected == "394001887f8923d8c77fcc5335f3fb2bc7269e345b3356eddf0b237f0e004c1c"


def test_the_authorization_header_layout() -> None:
    creds = CoupangCredentials("ak-123", "7e3f1c-secret", "A00012345")
    header = authorization(creds, "GET", PATH, QUERY, 1_753_758_900)
    sign = signature("7e3f1c-secret", "250729T031500Z", "GET", PATH, QUERY)
    assert header == f"CEA algorithm=HmacSHA256, access-key=ak-123, signed-date=250729T031500Z, signature={sign}"
    assert "7e3f1c-secret" not in repr(creds)


async def test_the_signed_query_is_exactly_the_one_sent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"code": 200, "message": "OK", "data": []})

    creds = CoupangCredentials("ak", "sk", "A00012345")
    http = CoupangHttp(
        "https://api-gateway.coupang.com",
        creds,
        RateLimiter(RateLimit(100, 100)),
        "k",
        transport=httpx.MockTransport(handler),
        clock=lambda: 1_753_758_900.0,
    )
    await http.call(
        "GET",
        PATH,
        "test",
        params=[
            ("createdAtFrom", "2025-07-15+09:00"),
            ("createdAtTo", "2025-07-15+09:00"),
            ("status", "ACCEPT"),
            ("nextToken", None),
        ],
    )
    await http.aclose()
    request = seen[0]
    assert request.url.raw_path.decode() == f"{PATH}?{QUERY}"
    expected = authorization(creds, "GET", PATH, QUERY, 1_753_758_900)
    assert request.headers["Authorization"] == expected
