"""Coupang CEA HMAC-SHA256 request signatures, as the gateway recomputes them.

    Authorization: CEA algorithm=HmacSHA256, access-key={accessKey}, signed-date={yyMMdd'T'HHmmss'Z'},
                   signature={hex(HMAC-SHA256(secretKey, signedDate + METHOD + path + query))}

`query` is the raw query string without `?` exactly as sent; the body is not signed. A signed-date
further than `MAX_SKEW_S` from the server clock is refused ("Specified signature is expired.");
the 5-minute tolerance is (modelled).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

from marketbridge.sandbox.coupang.models import Vendor

MAX_SKEW_S = 300
SIGNED_DATE_FORMAT = "%y%m%dT%H%M%SZ"


def signed_date(epoch_seconds: float) -> str:
    return datetime.fromtimestamp(int(epoch_seconds), UTC).strftime(SIGNED_DATE_FORMAT)


def signature(secret_key: str, date: str, method: str, path: str, query: str) -> str:
    message = f"{date}{method.upper()}{path}{query}"
    return hmac.new(secret_key.encode(), message.encode(), hashlib.sha256).hexdigest()


def authorization(access_key: str, secret_key: str, method: str, path: str, query: str, epoch_seconds: float) -> str:
    date = signed_date(epoch_seconds)
    sign = signature(secret_key, date, method, path, query)
    return f"CEA algorithm=HmacSHA256, access-key={access_key}, signed-date={date}, signature={sign}"


class AuthFailure(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def parse_header(header: str) -> dict[str, str]:
    if not header.startswith("CEA "):
        raise AuthFailure("Invalid authorization header: the CEA scheme is required.")
    fields: dict[str, str] = {}
    for part in header[4:].split(","):
        key, sep, value = part.strip().partition("=")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


def verify(vendors_by_key: dict[str, Vendor], header: str, method: str, path: str, query: str, now_s: float) -> Vendor:
    fields = parse_header(header)
    if fields.get("algorithm") != "HmacSHA256":
        raise AuthFailure("Invalid authorization header: algorithm must be HmacSHA256.")
    vendor = vendors_by_key.get(fields.get("access-key", ""))
    if vendor is None or vendor.revoked:
        raise AuthFailure("Invalid access key.")
    date = fields.get("signed-date", "")
    try:
        signed_at = datetime.strptime(date, SIGNED_DATE_FORMAT).replace(tzinfo=UTC).timestamp()
    except ValueError:
        raise AuthFailure("Invalid signed-date format.") from None
    if abs(now_s - signed_at) > MAX_SKEW_S:
        raise AuthFailure("Specified signature is expired.")
    expected = signature(vendor.secret_key, date, method, path, query)
    if not hmac.compare_digest(expected, fields.get("signature", "").lower()):
        raise AuthFailure("Specified signature is not matched.")
    return vendor
