"""Marketplace credentials are encrypted at rest (Fernet: AES-128-CBC + HMAC) and never logged or returned."""

from __future__ import annotations

import json

from cryptography.fernet import Fernet, InvalidToken


class SecretBox:
    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def seal(self, credentials: dict[str, str]) -> bytes:
        return self._fernet.encrypt(json.dumps(credentials).encode())

    def open(self, sealed: bytes) -> dict[str, str]:
        try:
            value: dict[str, str] = json.loads(self._fernet.decrypt(sealed))
        except InvalidToken as exc:
            raise ValueError("credentials cannot be decrypted with the configured MB_SECRETS_KEY") from exc
        return value
