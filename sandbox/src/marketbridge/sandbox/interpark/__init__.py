"""인터파크 (Interpark) supplier API dialect: `/interpark/external` (EUC-KR XML; orders by GET
`OrderClmAPI.do?_method=…&sc.*`, products by `ProductAPIService.do` with a `dataUrl` the emulator
**fetches** from the seller) and `/interpark/admin` (our admin API).

Documented (spec `interpark.md`, confidence medium-low): method names, `sc.*` parameters, `yyyyMMddHHmmss`
dates, `<ORDER_LIST><RESULT><CODE>000</CODE>` envelopes, order/product/claim field names, courier codes.
Modelled: result codes other than 000 and their texts, the 1-day window limit, lists filtered by order
date, 주문확인 as a side effect of `orderListForSingle`, the claim status values, the product feed
document, category rows, per-line delivery fields, and the rate limit (5/s, burst 10 per supplier).
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.interpark.admin import create_admin_app
from marketbridge.sandbox.interpark.external import create_external_app
from marketbridge.sandbox.interpark.state import InterparkState

PREFIX = "/interpark"


def create_state(*, clock: Callable[[], float], seed: int | None, rate_limit: RateLimitConfig | None) -> InterparkState:
    return InterparkState(clock=clock, seed=seed, rate_limit=rate_limit)


def mount(app: FastAPI, state: InterparkState) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state))


__all__ = ["PREFIX", "InterparkState", "create_state", "mount"]
