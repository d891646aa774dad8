"""Claims (`/v1/openapi/claim/v1`): the documented lists, and (modelled) decisions.

Lists (documented paths; window ≤ 7 days (modelled)): cancellation requests & completions (sic "Complate"),
return requests / withdrawals, exchange requests / withdrawals. Claim *processing* endpoints were not found in
the public record: return and exchange pickups move with 배송상태 통보 on the 회수 rows (23-26); the rest is
(modelled) on the list endpoints' naming: `cancellationOpenApi/cancellationApproval`,
`returningOpenApi/returnRejection`, `exchangeOpenApi/exchangeRejection` with `{clmNo, odNo, itemList}`.
Claim `odPrgsStepCd` in lists (modelled for return/exchange): 02 요청, 25 회수완료, 26 회수확정, 27 완료,
21 취소완료, 22 철회, 29 거부.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.lotteon.common import LotteOnError, action_data, body, fmt, item_result, lo_state, ok, seller
from marketbridge.sandbox.lotteon.common import window as parse_window
from marketbridge.sandbox.lotteon.models import Claim

router = APIRouter(prefix="/v1/openapi/claim/v1")
WEEK_MS = 7 * 86_400_000
TYPES = {"cancel": "20", "return": "40", "exchange": "30"}


def claim_view(c: Claim, spd: dict[str, Any]) -> dict[str, Any]:
    return {
        "odNo": c.od_no,
        "clmNo": c.clm_no,
        "itemList": [
            {
                "odSeq": c.od_seq,
                "procSeq": c.proc_seq,
                "orglProcSeq": c.orgl_proc_seq,
                "odTypCd": TYPES[c.kind],
                "odTypDtlCd": TYPES[c.kind] + "1",
                "odPrgsStepCd": c.step,
                "spdNo": spd.get("spdNo"),
                "spdNm": spd.get("spdNm"),
                "sitmNo": spd.get("sitmNo"),
                "sitmNm": spd.get("sitmNm"),
                "odQty": c.qty,
                "cnclQty": c.qty if c.kind == "cancel" else 0,
                "rtngQty": c.qty if c.kind == "return" else 0,
                "itmSlPrc": spd.get("price"),
                "trNo": c.tr_no,
                "lrtrNo": None,
                "clmReqDttm": fmt(c.req_ms),
                "clmCmptDttm": fmt(c.cmpt_ms),
                "clmRsnCd": c.reason,
            }
        ],
    }


def _list(request: Request, data: dict[str, Any], kind: str, withdrawn: bool | None) -> ORJSONResponse:
    state, me = lo_state(request), seller(request)
    low, high = parse_window(data, "srchStrtDttm", "srchEndDttm", WEEK_MS)
    od_no = data.get("odNo")
    rows = []
    with state.lock:
        for c in state.claims.values():
            if c.kind != kind or c.tr_no != me.tr_no or not low <= c.req_ms <= high:
                continue
            if (withdrawn is not None and (c.step == "22") != withdrawn) or (od_no and c.od_no != str(od_no)):
                continue
            origin = state.rows[(c.od_no, c.od_seq, c.orgl_proc_seq)]
            rows.append(
                claim_view(
                    c,
                    {
                        "spdNo": origin.spd_no,
                        "spdNm": origin.spd_nm,
                        "sitmNo": origin.sitm_no,
                        "sitmNm": origin.sitm_nm,
                        "price": origin.price,
                    },
                )
            )
    return ok(rows)


@router.post("/cancellationOpenApi/getCancellationRequestAndComplateList")
async def cancellations(request: Request) -> ORJSONResponse:
    return _list(request, await body(request), "cancel", None)


@router.post("/returningOpenApi/returnRequestSearch")
async def returns(request: Request) -> ORJSONResponse:
    return _list(request, await body(request), "return", False)


@router.post("/returningOpenApi/returnWithdrawSearch")
async def return_withdrawals(request: Request) -> ORJSONResponse:
    return _list(request, await body(request), "return", True)


@router.post("/exchangeOpenApi/exchangeSearch")
async def exchanges(request: Request) -> ORJSONResponse:
    return _list(request, await body(request), "exchange", False)


@router.post("/exchangeOpenApi/exchangeWithdrawSearch")
async def exchange_withdrawals(request: Request) -> ORJSONResponse:
    return _list(request, await body(request), "exchange", True)


def _decide(request: Request, data: dict[str, Any], kind: str, allowed: tuple[str, ...], to: str) -> ORJSONResponse:
    state, me = lo_state(request), seller(request)
    clm_no = str(data.get("clmNo") or "")
    if not clm_no:
        raise LotteOnError("1001", "clmNo: 필수 입력 항목입니다.")
    with state.lock:
        claim = state.claims.get(clm_no)
        keys = {"odNo": data.get("odNo"), "clmNo": clm_no}
        if claim is None or claim.tr_no != me.tr_no or claim.kind != kind:
            return ok(action_data([item_result(keys, "2001", "클레임 정보가 없습니다.")]))
        if claim.step not in allowed:
            return ok(action_data([item_result(keys, "2002", f"클레임 상태({claim.step})를 확인해 주세요.")]))
        claim.step, claim.cmpt_ms = to, state.now_ms()
        for row in claim.rows:
            row.cancelled = True
        if kind == "cancel":
            state.rows[(claim.od_no, claim.od_seq, claim.orgl_proc_seq)].cancelled = True
    return ok(action_data([item_result(keys)]))


@router.post("/cancellationOpenApi/cancellationApproval")
async def approve_cancel(request: Request) -> ORJSONResponse:
    return _decide(request, await body(request), "cancel", ("02",), "21")


@router.post("/returningOpenApi/returnRejection")
async def reject_return(request: Request) -> ORJSONResponse:
    return _decide(request, await body(request), "return", ("02", "25"), "29")


@router.post("/exchangeOpenApi/exchangeRejection")
async def reject_exchange(request: Request) -> ORJSONResponse:
    return _decide(request, await body(request), "exchange", ("02", "25"), "29")
