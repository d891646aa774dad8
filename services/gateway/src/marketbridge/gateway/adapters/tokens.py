"""Access tokens: JWT signed with HS256 (PyJWT); claims sub, tid, role, exp, iat, jti."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from marketbridge.gateway.domain import errors
from marketbridge.gateway.domain.model import User

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["sub", "tid", "role", "exp", "iat", "jti"]


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int


@dataclass(frozen=True)
class TokenClaims:
    user_id: str
    tenant_id: str
    role: str
    issued_at: int
    token_id: str


class Tokens:
    def __init__(self, secret: str, ttl_seconds: int) -> None:
        self._secret, self.ttl_seconds = secret, ttl_seconds

    def issue(self, user: User, now: datetime) -> IssuedToken:
        claims = {
            "sub": user.id,
            "tid": user.tenant_id,
            "role": user.role,
            "iat": int(now.timestamp()),
            "exp": int((now + timedelta(seconds=self.ttl_seconds)).timestamp()),
            "jti": str(uuid.uuid4()),
        }
        return IssuedToken(jwt.encode(claims, self._secret, algorithm=ALGORITHM), self.ttl_seconds)

    def decode(self, token: str) -> TokenClaims:
        """Verify signature (HS256 only) and expiry; raise TOKEN_EXPIRED or TOKEN_INVALID."""
        try:
            claims = jwt.decode(token, self._secret, algorithms=[ALGORITHM], options={"require": REQUIRED_CLAIMS})
        except jwt.ExpiredSignatureError as exc:
            raise errors.token_expired() from exc
        except jwt.PyJWTError as exc:
            raise errors.token_invalid() from exc
        if not all(isinstance(claims[k], str) for k in ("sub", "tid", "role", "jti")):
            raise errors.token_invalid()
        return TokenClaims(claims["sub"], claims["tid"], claims["role"], int(claims["iat"]), claims["jti"])
