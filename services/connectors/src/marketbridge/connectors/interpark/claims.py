"""Claims for the 인터파크 adapter: cancel-request and return/exchange lists (one day per call), and
cancel-request approval (`cnclReqAcceptForComm`), the only claim decision the API is known to offer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.interpark.dates import KST, split_days, whole_day
from marketbridge.connectors.interpark.http import MARKETPLACE, InterparkHttp
from marketbridge.connectors.interpark.orders import parse_claims, split_line_id
from marketbridge.connectors.ports import ClaimAction, ClaimDecision, ClaimType, MarketplaceClaim

CLAIM_LISTS = ("cnclNClmReqListForSingle", "clmListForSingle")
LOOKBACK_DAYS = 31
NOT_OFFERED = "인터파크 공급업체 API는 취소요청 승인만 제공합니다. 취소 거부와 반품·교환 처리는 인터파크 판매자센터에서 해 주세요."


async def fetch_claims(
    http: InterparkHttp, account_id: str, start: datetime, end: datetime
) -> AsyncIterator[list[MarketplaceClaim]]:
    for lo, hi in split_days(start, end):
        for method in CLAIM_LISTS:
            root = await http.order_call(method, "fetch_claims", {"sc.strDate": lo, "sc.endDate": hi})
            claims = parse_claims(root, account_id)
            if claims:
                yield claims


async def _cancel_seq(http: InterparkHttp, account_id: str, decision: ClaimDecision) -> str:
    """The open cancel request's `CLMREQ_SEQ`: given, or found in the request lists since the order date."""
    if decision.claim_id:
        return decision.claim_id
    ord_no = split_line_id(decision.order_line_id)[0]
    on, today = datetime.strptime(ord_no[:8], "%Y%m%d").date(), datetime.now(KST).date()
    for offset in range(min((today - on).days, LOOKBACK_DAYS) + 1):
        lo, hi = whole_day(on + timedelta(days=offset))
        root = await http.order_call("cnclNClmReqListForSingle", "decide_claim", {"sc.strDate": lo, "sc.endDate": hi})
        for claim in parse_claims(root, account_id):
            if claim.order_line_id == decision.order_line_id and claim.raw_status == "1":
                return claim.claim_id
    raise PermanentMarketplaceError(
        MARKETPLACE, "CLAIM_NOT_FOUND", "인터파크에서 이 주문의 취소요청을 찾을 수 없습니다.", operation="decide_claim"
    )


async def decide(http: InterparkHttp, account_id: str, decision: ClaimDecision) -> None:
    if (decision.claim_type, decision.action) != (ClaimType.CANCEL, ClaimAction.APPROVE):
        raise UnsupportedOperation(
            MARKETPLACE, f"decide_claim.{decision.claim_type.value}.{decision.action.value}", NOT_OFFERED
        )
    ord_no, seq = split_line_id(decision.order_line_id)
    params = {
        "sc.ordclmNo": ord_no,
        "sc.ordSeq": seq,
        "sc.clmReqSeq": await _cancel_seq(http, account_id, decision),
        "sc.optPrdTp": "01",
        "sc.optOrdSeqList": seq,
    }
    await http.order_call("cnclReqAcceptForComm", "decide_claim", params, idempotent=False)
