"""Coupang CEA HMAC-SHA256 request signing (WING Open API).

    Authorization: CEA algorithm=HmacSHA256, access-key={accessKey}, signed-date={signedDate},
                   signature={signature}

`signedDate` is the current UTC time as `yyMMdd'T'HHmmss'Z'`; `signature` is the lowercase hex
HMAC-SHA256 (key = secretKey) of `signedDate + METHOD + path + query`, where `query` is the raw query
string exactly as sent, without the leading `?` (empty when there is none). The body is not signed.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import UTC, datetime

SIGNED_DATE_FORMAT = "%y%m%dT%H%M%SZ"


@dataclass(frozen=True, slots=True)
class CoupangCredentials:
    access_key: str
    secret_key: str = field(repr=False)
    vendor_id: str = ""
    wing_user_id: str | None = None  # WING login id for `userId` / `replyBy`; defaults to the vendor id (modelled)

    @property
    def user_id(self) -> str:
        return self.wing_user_id or self.vendor_id


def signed_date(epoch_seconds: float) -> str:
    return datetime.fromtimestamp(int(epoch_seconds), UTC).strftime(SIGNED_DATE_FORMAT)


def signature(secret_key: str, date: str, method: str, path: str, query: str) -> str:
    message = f"{date}{method.upper()}{path}{query}"
    return hmac.new(secret_key.encode(), message.encode(), hashlib.sha256).hexdigest()


def authorization(credentials: CoupangCredentials, method: str, path: str, query: str, epoch_seconds: float) -> str:
    date = signed_date(epoch_seconds)
    sign = signature(credentials.secret_key, date, method, path, query)
    return f"CEA algorithm=HmacSHA256, access-key={credentials.access_key}, signed-date={date}, signature={sign}"
