"""현대Hmall supplier API emulator (Nexacro-style XML datasets over POST `/front/.../*.do`, headers
`oauserId` + `oauseKey`), mounted at /hmall/external (the API) and /hmall/admin (our admin API).

Documented (10x10 production integration): paths `selectOshpDtlList.do`, `multiItem.do`, `updateItemByVen.do`,
`selectItem.do`, `updateItemPrcHist.do`, `selectSectMstList.do`; dataset shapes; order row fields;
`prgrGb` P0–P3 and `lastDlvstPrgrGbcd` 25/30/45/50; courier codes.
(modelled) the confirm/ship path `/front/sc/scb/scbd/updateOshpPrgrByVen.do` with `ProcGb` P1 주문확인,
P2 출고완료, P3 배송완료 (its real path went through a private gateway); the result `Parameters`
(`ErrorCode`/`ErrorMsg`, the Nexacro platform convention); the 7-day query window; the `ordNo` filter;
error codes and the rate limit (HTTP 429).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import FastAPI
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.hmall.api import RULES, create_external_app, make_credentials
from marketbridge.sandbox.homeshopping_common.admin import create_admin_app
from marketbridge.sandbox.homeshopping_common.state import HomeShoppingState

PREFIX = "/hmall"


def create_state(
    *, clock: Callable[[], float] = time.time, seed: int | None = None, rate_limit: RateLimitConfig | None = None
) -> HomeShoppingState:
    return HomeShoppingState(RULES, clock=clock, seed=seed, rate_limit=rate_limit)


def mount(app: FastAPI, state: HomeShoppingState) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state, make_credentials))


__all__ = ["PREFIX", "create_state", "mount"]
