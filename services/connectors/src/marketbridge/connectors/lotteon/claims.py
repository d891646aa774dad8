"""Claims of the 롯데ON adapter: the documented lists and (modelled) decisions.

Return / exchange pickups move with 배송상태 통보 on the 회수 rows: COLLECT_DONE = `25` 회수완료, APPROVE = `26`
회수확정, exchange REDELIVER = `13` on the exchange delivery row. (modelled) endpoints, named after the list
endpoints: `cancellationOpenApi/cancellationApproval`, `returningOpenApi/returnRejection`,
`exchangeOpenApi/exchangeRejection` with `{clmNo, odNo, itemList[{odSeq}]}`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.lotteon.couriers import require_lotteon
from marketbridge.connectors.lotteon.dates import CLAIM_WINDOW, fmt, parse, slices
from marketbridge.connectors.lotteon.http import MARKETPLACE, check_result
from marketbridge.connectors.ports import ClaimAction, ClaimDecision, ClaimStatus, ClaimType, MarketplaceClaim

if TYPE_CHECKING:
    from marketbridge.connectors.lotteon.adapter import LotteOnAdapter

LISTS = (
    ("/claim/v1/cancellationOpenApi/getCancellationRequestAndComplateList", ClaimType.CANCEL),
    ("/claim/v1/returningOpenApi/returnRequestSearch", ClaimType.RETURN),
    ("/claim/v1/returningOpenApi/returnWithdrawSearch", ClaimType.RETURN),
    ("/claim/v1/exchangeOpenApi/exchangeSearch", ClaimType.EXCHANGE),
    ("/claim/v1/exchangeOpenApi/exchangeWithdrawSearch", ClaimType.EXCHANGE),
)
STATUS = {
    "02": ClaimStatus.REQUESTED,
    "21": ClaimStatus.COMPLETED,
    "22": ClaimStatus.REJECTED,
    "25": ClaimStatus.COLLECTED,
    "26": ClaimStatus.COLLECTED,
    "27": ClaimStatus.COMPLETED,
    "29": ClaimStatus.REJECTED,
}
REJECTIONS = {
    ClaimType.RETURN: "/claim/v1/returningOpenApi/returnRejection",
    ClaimType.EXCHANGE: "/claim/v1/exchangeOpenApi/exchangeRejection",
}


def parse_claims(data: Any, kind: ClaimType, account_id: str) -> list[MarketplaceClaim]:
    out: list[MarketplaceClaim] = []
    for claim in data or ():
        for item in claim.get("itemList") or ():
            step = str(item.get("odPrgsStepCd") or "02")
            status = STATUS.get(step, ClaimStatus.REQUESTED)
            if kind == ClaimType.EXCHANGE and step == "26":
                status = ClaimStatus.REDELIVERING
            out.append(
                MarketplaceClaim(
                    marketplace=MARKETPLACE,
                    account_id=account_id,
                    claim_id=str(claim["clmNo"]),
                    claim_type=kind,
                    status=status,
                    raw_status=step,
                    order_id=str(claim["odNo"]),
                    order_line_id=f"{claim['odNo']}-{item['odSeq']}",
                    quantity=int(item.get("cnclQty") or item.get("rtngQty") or item.get("odQty") or 0),
                    reason_code=item.get("clmRsnCd"),
                    reason_text=None,
                    requested_at=parse(item.get("clmReqDttm")),
                    completed_at=parse(item.get("clmCmptDttm")),
                    raw=claim,
                )
            )
    return out


async def fetch_claims(
    adapter: LotteOnAdapter, window_from: datetime, window_to: datetime
) -> AsyncIterator[list[MarketplaceClaim]]:
    for start, end in slices(window_from, window_to, CLAIM_WINDOW):
        for path, kind in LISTS:
            data = await adapter.http.post(
                path, "fetch_claims", {"srchStrtDttm": fmt(start), "srchEndDttm": fmt(end)}, idempotent=True
            )
            page = parse_claims(data, kind, adapter.account_id)
            if page:
                yield page


def _pickup_row(rows: list[dict[str, Any]], od_seq: int, claim_id: str | None, delivery: bool) -> dict[str, Any]:
    wanted = "DV" if delivery else "RTRV"
    candidates = [
        r
        for r in rows
        if int(r["odSeq"]) == od_seq
        and r.get("dvRtrvDvsCd") == wanted
        and str(r.get("odTypCd")) in ("30", "40")
        and (claim_id is None or r.get("clmNo") == claim_id)
    ]
    if not candidates:
        raise PermanentMarketplaceError(
            MARKETPLACE,
            "CLAIM_ROW_NOT_FOUND",
            "클레임의 회수/교환배송 지시를 찾을 수 없습니다.",
            operation="decide_claim",
        )
    return candidates[-1]


async def decide(adapter: LotteOnAdapter, d: ClaimDecision) -> None:
    od_no, od_seq = d.order_line_id.partition("-")[0], int(d.order_line_id.partition("-")[2] or 1)
    if d.action in (ClaimAction.HOLD, ClaimAction.RELEASE_HOLD):
        raise UnsupportedOperation(
            MARKETPLACE,
            f"decide_claim.{d.claim_type.value}.{d.action.value}",
            "롯데ON Open API에는 클레임 보류 기능이 없습니다. 롯데ON 스토어센터에서 처리해 주세요.",
        )
    if d.claim_type == ClaimType.CANCEL:
        if d.action != ClaimAction.APPROVE:
            raise UnsupportedOperation(
                MARKETPLACE,
                f"decide_claim.cancel.{d.action.value}",
                "롯데ON은 종합몰로 취소요청을 거부할 수 없습니다. 고객 또는 담당 MD와 협의해 주세요.",
            )
        if not d.claim_id:
            raise PermanentMarketplaceError(
                MARKETPLACE,
                "CLAIM_ID_REQUIRED",
                "취소 승인에는 클레임번호(clmNo)가 필요합니다.",
                operation="decide_claim",
            )
        body = {"clmNo": d.claim_id, "odNo": od_no, "itemList": [{"odSeq": od_seq}]}
        check_result(
            await adapter.http.post(
                "/claim/v1/cancellationOpenApi/cancellationApproval", "decide_claim", body, idempotent=True
            ),
            "decide_claim",
        )
        return
    if d.action == ClaimAction.REJECT:
        rows = await adapter.rows_of(od_no)
        clm_no = d.claim_id or _pickup_row(rows, od_seq, None, False).get("clmNo")
        rejection: dict[str, Any] = {
            "clmNo": clm_no,
            "odNo": od_no,
            "itemList": [{"odSeq": od_seq}],
            "rjctRsnCnts": d.reason or "판매자 거부",
        }
        check_result(
            await adapter.http.post(REJECTIONS[d.claim_type], "decide_claim", rejection, idempotent=True),
            "decide_claim",
        )
        return
    rows = await adapter.rows_of(od_no)
    if d.action == ClaimAction.REDELIVER and d.claim_type == ClaimType.EXCHANGE:
        row = _pickup_row(rows, od_seq, d.claim_id, True)
        company = require_lotteon(d.courier_code or "", "decide_claim")
        if not d.tracking_number:
            raise PermanentMarketplaceError(
                MARKETPLACE, "TRACKING_REQUIRED", "재배송 송장번호가 필요합니다.", operation="decide_claim"
            )
        await adapter.inform([adapter.progress(row, "13", company, d.tracking_number)], "decide_claim", strict=True)
        return
    steps = {ClaimAction.COLLECT_DONE: "25", ClaimAction.APPROVE: "26"}
    if d.action not in steps:
        raise UnsupportedOperation(
            MARKETPLACE,
            f"decide_claim.{d.claim_type.value}.{d.action.value}",
            "롯데ON에서 지원하지 않는 클레임 처리입니다.",
        )
    row = _pickup_row(rows, od_seq, d.claim_id, False)
    await adapter.inform([adapter.progress(row, steps[d.action])], "decide_claim", strict=True)
