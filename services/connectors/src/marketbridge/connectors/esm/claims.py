"""Claims of the ESM adapter: lists (≤ 7 days → 6-day slices), decisions, and 판매취소 (SoldOut).

Cancels use `SiteType` 1 옥션 / **3 G마켓** (2 silently answers nothing); Returns and Exchanges use 1 / 2 and
must be asked status by status (no "all"). (modelled): cancel approval is sent as `PUT /Cancel/{OrderNo}`
(the other candidate is `POST /Cancels/Approval`), return hold / pickup-done and exchange re-ship paths, and
the return / exchange status codes (see the sandbox's routes_claims).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.esm.couriers import CourierDirectory
from marketbridge.connectors.esm.dates import day_slices, parse
from marketbridge.connectors.esm.http import EsmHttp
from marketbridge.connectors.ports import (
    BulkResult,
    ClaimAction,
    ClaimDecision,
    ClaimStatus,
    ClaimType,
    ItemFailure,
    MarketplaceClaim,
    SellerCancel,
    SellerCancelReason,
)

BASE = "/claim/v1/sa"
CANCEL_STATUS = {1: ClaimStatus.REQUESTED, 2: ClaimStatus.REQUESTED, 3: ClaimStatus.COMPLETED, 4: ClaimStatus.REJECTED}
RETURN_STATUS = {
    1: ClaimStatus.REQUESTED,
    2: ClaimStatus.COLLECTING,
    3: ClaimStatus.COLLECTED,
    4: ClaimStatus.COMPLETED,
    5: ClaimStatus.REJECTED,
}
EXCHANGE_STATUS = {
    1: ClaimStatus.REQUESTED,
    2: ClaimStatus.COLLECTING,
    3: ClaimStatus.COLLECTED,
    4: ClaimStatus.REDELIVERING,
    5: ClaimStatus.COMPLETED,
    6: ClaimStatus.REJECTED,
}
KINDS = (
    ("Returns", "ReturnStatus", ClaimType.RETURN, RETURN_STATUS),
    ("Exchanges", "ExchangeStatus", ClaimType.EXCHANGE, EXCHANGE_STATUS),
)
SOLD_OUT_REASONS = {
    SellerCancelReason.SOLD_OUT: "품절",
    SellerCancelReason.DELAYED_DELIVERY: "배송지연",
    SellerCancelReason.WRONG_PRODUCT_INFO: "상품정보 오류",
    SellerCancelReason.BUYER_REQUEST: "구매자 요청",
    SellerCancelReason.OTHER: "기타",
}


def site_type(http: EsmHttp) -> int:
    return 2 if http.credentials.site == "G" else 1


def parse_claim(row: dict[str, Any], kind: ClaimType, marketplace: str, account_id: str) -> MarketplaceClaim:
    prefix = {ClaimType.CANCEL: "Cancel", ClaimType.RETURN: "Return", ClaimType.EXCHANGE: "Exchange"}[kind]
    table = {ClaimType.CANCEL: CANCEL_STATUS, ClaimType.RETURN: RETURN_STATUS, ClaimType.EXCHANGE: EXCHANGE_STATUS}[
        kind
    ]
    raw = int(row.get(f"{prefix}Status") or 0)
    order_no = str(row["OrderNo"])
    return MarketplaceClaim(
        marketplace=marketplace,
        account_id=account_id,
        claim_id=f"{order_no}-{kind.value}",
        claim_type=kind,
        status=table.get(raw, ClaimStatus.REQUESTED),
        raw_status=str(raw),
        order_id=str(row.get("PayNo") or order_no),
        order_line_id=order_no,
        quantity=int(row.get("ContrAmount") or 0),
        reason_code=None,
        reason_text=row.get(f"{prefix}Reason"),
        requested_at=parse(row.get(f"{prefix}ReqDate")),
        completed_at=parse(row.get(f"{prefix}ComplDate")),
        requested_by=row.get("RequestedBy"),
        on_hold=bool(row.get("IsHold")),
        hold_reason=row.get("HoldReason"),
        raw=row,
    )


async def fetch_claims(
    http: EsmHttp, account_id: str, window_from: datetime, window_to: datetime
) -> AsyncIterator[list[MarketplaceClaim]]:
    mp, site = http.marketplace, site_type(http)
    for start, end in day_slices(window_from, window_to):
        dates = {"Type": 2, "StartDate": start, "EndDate": end}
        queries: list[tuple[str, dict[str, Any], ClaimType]] = [
            ("Cancels", {"SiteType": 3 if site == 2 else 1, "CancelStatus": 0, **dates}, ClaimType.CANCEL)
        ]
        for path, status_key, kind, table in KINDS:
            queries += [(path, {"SiteType": site, status_key: s, **dates}, kind) for s in table]
        for path, body, kind in queries:
            rows = await http.call(
                "POST", f"{BASE}/{path}", "fetch_claims", json=body, idempotent=True, empty_on_no_data=True
            )
            page = [parse_claim(r, kind, mp, account_id) for r in rows or ()]
            page = [c for c in page if c.requested_at is None or window_from <= c.requested_at <= window_to]
            if page:
                yield page


def _request(http: EsmHttp, d: ClaimDecision, company: int | None) -> tuple[str, str, dict[str, Any]]:
    no, body, mp = d.order_line_id, {"SiteType": site_type(http)}, http.marketplace
    key = (d.claim_type, d.action)
    if key == (ClaimType.CANCEL, ClaimAction.APPROVE):
        return "PUT", f"/Cancel/{no}", body  # (modelled) path choice, see module docstring
    if key == (ClaimType.RETURN, ClaimAction.APPROVE):
        return "PUT", f"/return/{no}", body
    if key == (ClaimType.RETURN, ClaimAction.COLLECT_DONE):
        return "PUT", f"/return/{no}/pickup", body
    if key in ((ClaimType.EXCHANGE, ClaimAction.APPROVE), (ClaimType.EXCHANGE, ClaimAction.COLLECT_DONE)):
        return "PUT", f"/exchange/{no}/pickup", body
    kind = "return" if d.claim_type == ClaimType.RETURN else "exchange"
    if d.claim_type != ClaimType.CANCEL and d.action == ClaimAction.HOLD:
        code = d.hold_reason_code or ""
        reason = int(code) if code.isdigit() else 0
        return "POST", f"/{kind}/{no}/hold", {**body, "HoldReason": reason, "HoldComment": d.reason}
    if d.claim_type != ClaimType.CANCEL and d.action == ClaimAction.RELEASE_HOLD:
        return "DELETE", f"/{kind}/{no}/hold", body
    if key == (ClaimType.EXCHANGE, ClaimAction.REDELIVER):
        if not d.tracking_number:
            raise PermanentMarketplaceError(
                mp, "TRACKING_REQUIRED", "재배송 송장번호가 필요합니다.", operation="decide_claim"
            )
        return "POST", f"/exchange/{no}/resend", {**body, "DeliveryCompCode": company, "InvoiceNo": d.tracking_number}
    if d.action == ClaimAction.REJECT:
        reasons = {
            ClaimType.CANCEL: "ESM에는 취소요청 거부 API가 없습니다. 발송처리하면 취소요청이 철회됩니다.",
            ClaimType.RETURN: "ESM에는 반품 거부 API가 없습니다. 반품보류 후 구매자와 협의하거나 ESM+에서 처리해 주세요.",
            ClaimType.EXCHANGE: "ESM에는 교환 거부 API가 없습니다. 교환보류 또는 반품 전환으로 처리해 주세요.",
        }
        raise UnsupportedOperation(mp, f"decide_claim.{d.claim_type.value}.reject", reasons[d.claim_type])
    raise UnsupportedOperation(
        mp,
        f"decide_claim.{d.claim_type.value}.{d.action.value}",
        "G마켓/옥션(ESM)에서 지원하지 않는 클레임 처리입니다.",
    )


async def decide(http: EsmHttp, couriers: CourierDirectory, decision: ClaimDecision) -> None:
    company = None
    if (decision.claim_type, decision.action) == (ClaimType.EXCHANGE, ClaimAction.REDELIVER) and decision.tracking_number:
        company = await couriers.require(decision.courier_code or "", "decide_claim")
    method, path, body = _request(http, decision, company)
    await http.call(method, f"{BASE}{path}", "decide_claim", json=body, idempotent=method != "POST")


async def cancel_by_seller(http: EsmHttp, items: Sequence[SellerCancel]) -> BulkResult:
    result = BulkResult()
    for item in {i.order_line_id: i for i in items}.values():
        body = {"SiteType": site_type(http), "ReasonDetail": item.detail or SOLD_OUT_REASONS[item.reason]}
        try:
            await http.call(
                "POST", f"{BASE}/Cancel/{item.order_line_id}/SoldOut", "cancel_by_seller", json=body, idempotent=False
            )
        except PermanentMarketplaceError as error:
            result.failed[item.order_line_id] = ItemFailure(error.code, error.message)
        else:
            result.succeeded.append(item.order_line_id)
    return result
