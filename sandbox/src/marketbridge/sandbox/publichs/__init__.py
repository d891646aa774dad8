"""공영홈쇼핑 supplier API emulator — (modelled) in its entirety: nothing about 공영홈쇼핑's supplier interface is
public, so this whole dialect is our invention, modelled on the closest documented dialect, CJ온스타일's
(single XML endpoint, the operation chosen by an interface id, vendor code + key inside the body, one order
day per query, per-line invoice results), but in UTF-8 and with interface ids `PH_xx_yy`. Courier codes reuse
CJ온스타일's table. Mounted at /publichs/external and /publichs/admin.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import FastAPI
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.homeshopping_common.admin import create_admin_app
from marketbridge.sandbox.homeshopping_common.state import HomeShoppingState
from marketbridge.sandbox.publichs.api import RULES, create_external_app, make_credentials

PREFIX = "/publichs"


def create_state(
    *, clock: Callable[[], float] = time.time, seed: int | None = None, rate_limit: RateLimitConfig | None = None
) -> HomeShoppingState:
    return HomeShoppingState(RULES, clock=clock, seed=seed, rate_limit=rate_limit)


def mount(app: FastAPI, state: HomeShoppingState) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state, make_credentials))


__all__ = ["PREFIX", "create_state", "mount"]
