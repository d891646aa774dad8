"""The sandbox HTTP app: every marketplace dialect mounted under its own prefix.

    /naver/external/...   Naver Commerce API (base URL for a connector: http://host:port/naver/external)
    /naver/admin/...      Naver admin API (see marketbridge.sandbox.naver.admin)
    /<dialect>/...        every other dialect package found (see marketbridge.sandbox.state)
    /healthz
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI
from marketbridge.sandbox import naver
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.state import SandboxState, available_dialects


def create_app(state: SandboxState | None = None) -> FastAPI:
    sandbox = state or SandboxState()
    app = FastAPI(title="MarketBridge marketplace sandbox", default_response_class=ORJSONResponse)
    app.state.sandbox = sandbox
    naver.mount(app, sandbox.naver)
    dialects = ["naver"]
    for name in available_dialects():
        importlib.import_module(f"marketbridge.sandbox.{name}").mount(app, sandbox.dialect(name))
        dialects.append(name)

    @app.get("/healthz")
    async def healthz() -> ORJSONResponse:
        return ORJSONResponse({"status": "ok", "dialects": dialects})

    return app
