"""Naver OAuth2 client-credentials token with a bcrypt signature; cached until < 30 minutes are left."""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import bcrypt


@dataclass(frozen=True, slots=True)
class NaverCredentials:
    """An application's client id and secret (a bcrypt salt string); with `account_id` the token is
    requested as `type=SELLER` for that seller, else as `type=SELF`."""

    client_id: str
    client_secret: str = field(repr=False)
    account_id: str | None = None


def client_secret_sign(client_id: str, client_secret: str, timestamp_ms: int) -> str:
    hashed = bcrypt.hashpw(f"{client_id}_{timestamp_ms}".encode(), client_secret.encode())
    return base64.b64encode(hashed).decode()


REFRESH_BEFORE_S = 30 * 60


class TokenCache:
    """Holds the current token; `refresh_at` follows Naver's rule that the same token comes back while
    at least 30 minutes are left, so a fresh one is requested only after that."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self.token: str | None = None
        self.expires_at = 0.0
        self.refresh_at = 0.0
        self.lock = asyncio.Lock()

    def current(self) -> str | None:
        now = self._clock()
        if self.token is not None and now < self.refresh_at and now < self.expires_at - 5:
            return self.token
        return None

    def store(self, token: str, expires_in: float) -> None:
        now = self._clock()
        self.token = token
        self.expires_at = now + expires_in
        self.refresh_at = max(self.expires_at - REFRESH_BEFORE_S, now + min(60.0, expires_in / 2))

    def invalidate(self, token: str) -> None:
        if self.token == token:
            self.token = None

    def timestamp_ms(self) -> int:
        return int(self._clock() * 1000)
