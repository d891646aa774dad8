"""Helpers for tests that drive the sandbox (never imported by services' production code)."""

from __future__ import annotations

from marketbridge.sandbox.core.server import serve_in_loop
from marketbridge.sandbox.naver.auth import client_secret_sign


class FakeClock:
    """A settable wall clock (seconds since the epoch) for SandboxState.create(clock=...)."""

    def __init__(self, now: float = 1_715_400_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def naver_token_form(client_id: str, client_secret: str, timestamp_ms: int, /, **overrides: str) -> dict[str, str]:
    ts = str(timestamp_ms)
    form = {"client_id": client_id, "timestamp": ts, "grant_type": "client_credentials",
            "client_secret_sign": client_secret_sign(client_id, client_secret, ts), "type": "SELF"}
    form.update(overrides)
    return form


__all__ = ["FakeClock", "naver_token_form", "serve_in_loop"]
