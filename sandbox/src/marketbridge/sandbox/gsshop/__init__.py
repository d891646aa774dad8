"""GS SHOP supplier API emulator (JSON, request-then-push): `SupSendOrderInfo.gs` makes GS **POST** the orders
to the receiver URL the supplier registered; `aliaSupCommonReceiveOrderInfo.gs` (DLVINF) registers invoices;
`aliaCommonPrd.gs` (form) registers/modifies products. Mounted at /gsshop/external and /gsshop/admin.

Documented (10x10 production integration): paths, `sender`/`receiver`/`documentId`/`processType`/`supCd`/`sdDt`,
push body `{processType, sdDt, resultCnt, resultCd, resultList[{ordTypeCd O/R/X/C, ordNo (10 digits),
ordItemNo, orgOrdNo, orgOrdItemNo, ordQty, …}]}`, DLVINF `{ordNo, ordItemNo, deliveryCd, deliveryNo}` ->
`{resultCd S|E, resultMsg}`, product answer `{success "True"|"False", msg, prdCd, supPrdCd, supCd}`, courier codes.
(modelled) no key exists in the record: the supplier is identified by `supCd` + `sender` and anything else is
refused with HTTP 403 (as an IP allow-list would); the push carries `sender "GS SHOP"`, `receiver <supCd>`,
`documentId ORDINF`; row fields beyond the documented ones (`dlvStCd`, `deliveryCd`/`deliveryNo` on shipped
rows, `clmNo`, buyer/receiver fields); a failed push answers `resultCd E`; `regGbn`/`modGbn` values, the notice
field `prdGovPublsItmList`, `getPrdInfo.gs` / `SupSendPrdClsInfo.gs` answers; HTTP 429 for the rate limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import FastAPI
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.gsshop.api import RULES, create_external_app, make_credentials
from marketbridge.sandbox.homeshopping_common.admin import create_admin_app
from marketbridge.sandbox.homeshopping_common.state import HomeShoppingState

PREFIX = "/gsshop"


def create_state(
    *, clock: Callable[[], float] = time.time, seed: int | None = None, rate_limit: RateLimitConfig | None = None
) -> HomeShoppingState:
    return HomeShoppingState(RULES, clock=clock, seed=seed, rate_limit=rate_limit)


def mount(app: FastAPI, state: HomeShoppingState) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state, make_credentials))


__all__ = ["PREFIX", "create_state", "mount"]
