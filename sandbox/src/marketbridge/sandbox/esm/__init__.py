"""ESM Trading API dialect (G마켓 + 옥션, one API with `siteType` per call): `/esm/external` (the API behind a
JWT gateway) and `/esm/admin` (our admin API; see marketbridge.sandbox.esm.admin).

Documented behaviour is emulated as the public record shows it; (modelled) pieces are labelled where they live:
cancel approval path, return hold / pickup-done, exchange re-ship, return/exchange status codes, CS and
긴급알리미 row fields, the goods option block and search answer, the generic 429 of the gateway.
"""

from __future__ import annotations

from fastapi import FastAPI
from marketbridge.sandbox.esm.admin import create_admin_app
from marketbridge.sandbox.esm.external import create_external_app
from marketbridge.sandbox.esm.state import EsmState, create_state

PREFIX = "/esm"


def mount(app: FastAPI, state: EsmState) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state))


__all__ = ["PREFIX", "EsmState", "create_state", "mount"]
