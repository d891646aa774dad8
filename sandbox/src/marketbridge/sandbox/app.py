"""The sandbox HTTP app: every marketplace dialect mounted under its own prefix.

    /naver/external/...   Naver Commerce API (base URL for a connector: http://host:port/naver/external)
    /naver/admin/...      Naver admin API (see marketbridge.sandbox.naver.admin)
    /healthz
"""

from __future__ import annotations

from fastapi import FastAPI
from marketbridge.sandbox import naver
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.state import SandboxState

DIALECTS = ("naver",)


def create_app(state: SandboxState | None = None) -> FastAPI:
    sandbox = state or SandboxState()
    app = FastAPI(title="MarketBridge marketplace sandbox", default_response_class=ORJSONResponse)
    app.state.sandbox = sandbox
    naver.mount(app, sandbox.naver)

    @app.get("/healthz")
    async def healthz() -> ORJSONResponse:
        return ORJSONResponse({"status": "ok", "dialects": list(DIALECTS)})

    return app
