"""Naver Commerce API dialect: `/naver/external` (the API, behind an emulated gateway) and
`/naver/admin` (our admin API; see marketbridge.sandbox.naver.admin)."""

from __future__ import annotations

from fastapi import FastAPI
from marketbridge.sandbox.naver.admin import create_admin_app
from marketbridge.sandbox.naver.auth import client_secret_sign
from marketbridge.sandbox.naver.external import create_external_app
from marketbridge.sandbox.naver.state import NaverState

PREFIX = "/naver"


def mount(app: FastAPI, state: NaverState) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state))


__all__ = ["PREFIX", "NaverState", "client_secret_sign", "mount"]
