"""11번가 (11st) seller Open API dialect: `/st11/external` (the API: XML in EUC-KR, `openapikey`
header, GET with path parameters) and `/st11/admin` (our admin API; see marketbridge.sandbox.st11.admin).

Documented (spec `11st.md`): paths, `yyyyMMddHHmm` path dates, 7-day list windows without paging,
`<ns2:orders>` / `<ResultOrder>` / `<ClientMessage>` envelopes, ordPrdStat/clmStat codes, courier codes,
-3308/-3309 refusals. Modelled (labelled where used): the refusal codes other than -3308/-3309, the
401/403/429 answers, claim keys in `orderlistall`, the product search body, stock-row bodies, category
node names, 긴급알리미 element names, and the rate limit (10/s, burst 20 per key).
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.st11.admin import create_admin_app
from marketbridge.sandbox.st11.external import create_external_app
from marketbridge.sandbox.st11.state import St11State

PREFIX = "/st11"


def create_state(*, clock: Callable[[], float], seed: int | None, rate_limit: RateLimitConfig | None) -> St11State:
    return St11State(clock=clock, seed=seed, rate_limit=rate_limit)


def mount(app: FastAPI, state: St11State) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state))


__all__ = ["PREFIX", "St11State", "create_state", "mount"]
