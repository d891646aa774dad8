"""롯데홈쇼핑 (롯데아이몰) Open API emulator: XML over GET or POST form to `/openapi/{operation}.lotte`,
daily session id from `createCertification.lotte`. Mounted at /lottehs/external and /lottehs/admin.

Documented (10x10 production integration; 롯데닷컴 twin in Dyflux): `createCertification.lotte`
(strUserId/strPassWd -> `Response/Result/SubscriptionId`), the `subscriptionId` parameter, `registDeliver.lotte`
(ord_no, ord_dtl_sn, proc_gubun=sfin, hdc_cd, inv_no), `registApiGoodsInfo`, `upateApiNewGoodsInfo` (sic),
`updateGoodsSaleStat`, `updateGoodsSalePrcOpenApi`, `searchGoodsListOpenApi`, `searchQnAListOpenApi`,
`updateQnaAnswerOpenApi`, `Result`=1 for success, courier codes.
(modelled) the order list `searchNewOrdLstOpenApi.lotte` and cancel/claim list `searchCnclList.lotte` (from the
롯데닷컴 twin), the `OrderInfo` shape per order line, `OrdProcStat` codes, `proc_gubun=conf` (발주확인),
the error elements (`ErrorCode`/`Message`), the session expiring at KST midnight, the 7-day window, the
`ord_no` filter, Q&A/claim field names and the HTTP 429 rate limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import FastAPI
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.homeshopping_common.admin import create_admin_app
from marketbridge.sandbox.homeshopping_common.state import HomeShoppingState
from marketbridge.sandbox.lottehs.api import RULES, admin_extra, create_external_app, make_credentials

PREFIX = "/lottehs"


def create_state(
    *, clock: Callable[[], float] = time.time, seed: int | None = None, rate_limit: RateLimitConfig | None = None
) -> HomeShoppingState:
    return HomeShoppingState(RULES, clock=clock, seed=seed, rate_limit=rate_limit)


def mount(app: FastAPI, state: HomeShoppingState) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state, make_credentials, admin_extra()))


__all__ = ["PREFIX", "create_state", "mount"]
