"""롯데ON seller Open API dialect: `/lotteon/external/v1/openapi/...` (all POST JSON, Bearer API key plus the
fixed `Accept-Language: ko` / `X-Timezone: GMT+09:00` headers) and `/lotteon/admin` (our admin API).

(modelled), labelled where they live: claim processing endpoints (not in the public record), the failure codes,
per-item result lists, the order-search day window, Q&A / inquiry answer fields, the product body field set."""

from __future__ import annotations

from fastapi import FastAPI
from marketbridge.sandbox.lotteon.admin import create_admin_app
from marketbridge.sandbox.lotteon.external import create_external_app
from marketbridge.sandbox.lotteon.state import LotteOnState, create_state

PREFIX = "/lotteon"


def mount(app: FastAPI, state: LotteOnState) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state))


__all__ = ["PREFIX", "LotteOnState", "create_state", "mount"]
