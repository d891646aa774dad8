"""ESM self-signed JWT (HS256): header {alg, typ, kid = ESM+ master id}, payload {iss, sub: "sell",
aud: "sa.esmplus.com", iat, ssi: "A:<auction id>" or "G:<gmarket id>"}. No token endpoint: every call
carries `Authorization: Bearer <jwt>`. The token names only the adapter's own site (the safest form the
older claim pages recommend)."""

from __future__ import annotations

from dataclasses import dataclass, field

import jwt

AUDIENCE = "sa.esmplus.com"
DEFAULT_ISSUER = "marketbridge.example"


@dataclass(frozen=True, slots=True)
class EsmCredentials:
    """`site` is "G" (G마켓) or "A" (옥션); `site_seller_id` is the seller id on that site."""

    master_id: str
    secret_key: str = field(repr=False)
    site_seller_id: str
    site: str = "G"
    issuer: str = DEFAULT_ISSUER

    def __post_init__(self) -> None:
        if self.site not in ("G", "A"):
            raise ValueError("site must be 'G' (G마켓) or 'A' (옥션)")


def make_token(credentials: EsmCredentials, issued_at: int) -> str:
    payload = {
        "iss": credentials.issuer,
        "sub": "sell",
        "aud": AUDIENCE,
        "iat": issued_at,
        "ssi": f"{credentials.site}:{credentials.site_seller_id}",
    }
    return jwt.encode(
        payload, credentials.secret_key, algorithm="HS256", headers={"kid": credentials.master_id, "typ": "JWT"}
    )
