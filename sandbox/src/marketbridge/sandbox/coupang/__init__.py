"""Coupang WING Open API dialect: `/coupang/external` (the API behind an emulated gateway: CEA HMAC,
clock skew, ~10 calls/s per vendor) and `/coupang/admin` (our admin API; see
marketbridge.sandbox.coupang.admin). Pieces the public record does not show are marked (modelled)."""

from __future__ import annotations

from fastapi import FastAPI
from marketbridge.sandbox.coupang.admin import create_admin_app
from marketbridge.sandbox.coupang.auth import authorization, signature, signed_date
from marketbridge.sandbox.coupang.external import create_external_app
from marketbridge.sandbox.coupang.state import CoupangState, create_state

PREFIX = "/coupang"


def mount(app: FastAPI, state: CoupangState) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state))


__all__ = [
    "PREFIX",
    "CoupangState",
    "authorization",
    "create_state",
    "mount",
    "signature",
    "signed_date",
    "standalone_app",
]


def standalone_app(state: CoupangState | None = None) -> FastAPI:
    """An app serving only this dialect (benchmarks; tests while another dialect is unfinished)."""
    from marketbridge.sandbox.core.responses import ORJSONResponse

    app = FastAPI(title="Coupang sandbox", default_response_class=ORJSONResponse)
    mount(app, state or create_state())
    return app
