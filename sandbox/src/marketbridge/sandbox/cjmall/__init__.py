"""CJ온스타일 (CJmall) supplier interface emulator: EUC-KR XML POSTed to the single endpoint
`/IFPAServerAction.action`, the operation chosen by `tns:ifId`, `vendorId` + `vendorCertKey` inside the body.
Mounted at /cjmall/external and /cjmall/admin.

Documented (10x10 production integration): endpoint, EUC-KR, `tns:ifRequest`/`ns1:ifResponse` roots,
`successYn`/`errorMsg`, IF_04_01 출고지시 조회 (instructionCls 1 출고 / 2 취소, wbCrtDt yyyy-MM-dd),
IF_04_02 CS 조회, IF_04_04 송장(출고) 등록 (takeout{ordNo, ordGSeq, ordDSeq, ordWSeq, delicompCd, wbNo,
vendorOrdId}), IF_04_05 배송완료 (receiveComplete{…, recvNm}), IF_03_02/03_04/03_05/03_07, IF_01_02, the order
element names, courier codes.
(modelled) IF_03_01 상품 등록 (its id was not captured) and its field names, `ns1:errorCode` (E-0001 auth,
E-0429 rate, E-04xx order refusals), per-takeout results (`ns1:takeoutResult`), the CS element
`ns1:csInfo`, `wbProg` codes, the product notice element, one day per query, HTTP 429.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import FastAPI
from marketbridge.sandbox.cjmall.api import RULES, create_external_app, make_credentials
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.homeshopping_common.admin import create_admin_app
from marketbridge.sandbox.homeshopping_common.state import HomeShoppingState

PREFIX = "/cjmall"


def create_state(
    *, clock: Callable[[], float] = time.time, seed: int | None = None, rate_limit: RateLimitConfig | None = None
) -> HomeShoppingState:
    return HomeShoppingState(RULES, clock=clock, seed=seed, rate_limit=rate_limit)


def mount(app: FastAPI, state: HomeShoppingState) -> None:
    app.mount(f"{PREFIX}/external", create_external_app(state))
    app.mount(f"{PREFIX}/admin", create_admin_app(state, make_credentials))


__all__ = ["PREFIX", "create_state", "mount"]
