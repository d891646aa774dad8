"""판매불가 (seller cancel) and claim decisions for the 11번가 adapter; every call is a GET whose path
carries all parameters. Cancel *rejection* on 11번가 means shipping the line (courier + tracking)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.ports import ClaimAction, ClaimDecision, ClaimType, SellerCancelReason
from marketbridge.connectors.st11.couriers import to_st11
from marketbridge.connectors.st11.dates import day
from marketbridge.connectors.st11.http import MARKETPLACE, path
from marketbridge.connectors.st11.orders import split_line_id

if TYPE_CHECKING:
    from marketbridge.connectors.st11.adapter import St11Adapter

CANCEL_REASONS = {  # ordCnRsnCd of 판매불가
    SellerCancelReason.DELAYED_DELIVERY: "06",
    SellerCancelReason.WRONG_PRODUCT_INFO: "07",
    SellerCancelReason.SOLD_OUT: "08",
    SellerCancelReason.BUYER_REQUEST: "10",
    SellerCancelReason.OTHER: "99",
}
CANCEL_TEXTS = {"06": "배송지연 예상", "07": "상품/가격 정보 오입력", "08": "상품 품절", "10": "고객변심", "99": "기타"}
REFUSE_CODE = "99"  # refusal / hold reason code when none is given (modelled)


def cancel_path(ord_no: str, seq: str, reason: SellerCancelReason, detail: str) -> str:
    code = CANCEL_REASONS[reason]
    return path("claimservice", "reqrejectorder", ord_no, seq, code, detail or CANCEL_TEXTS[code])


def _courier(decision: ClaimDecision) -> tuple[str, str]:
    code = to_st11(decision.courier_code or "")
    if code is None or not decision.tracking_number:
        raise PermanentMarketplaceError(
            MARKETPLACE,
            "UNMAPPED_COURIER",
            f"11번가에 등록된 택배사와 송장번호가 필요합니다 (택배사: {decision.courier_code or '미입력'}).",
            operation="decide_claim",
        )
    return code, decision.tracking_number


async def _claim_seq(adapter: St11Adapter, decision: ClaimDecision) -> str:
    if decision.claim_id:
        return decision.claim_id
    rows = await adapter.lookup(split_line_id(decision.order_line_id)[0], "decide_claim")
    row = rows.get(decision.order_line_id, {})
    key = "ordPrdCnSeq" if decision.claim_type is ClaimType.CANCEL else "clmReqSeq"
    if not row.get(key):
        raise PermanentMarketplaceError(
            MARKETPLACE, "CLAIM_NOT_FOUND", "11번가에서 이 주문의 클레임을 찾을 수 없습니다.", operation="decide_claim"
        )
    return row[key]


async def decision_path(adapter: St11Adapter, d: ClaimDecision) -> str:
    ord_no, seq = split_line_id(d.order_line_id)
    key, reason = (d.claim_type, d.action), d.reason or "판매자 확인 결과 처리 불가"
    if key == (ClaimType.CANCEL, ClaimAction.APPROVE):
        return path("claimservice", "cancelreqconf", await _claim_seq(adapter, d), ord_no, seq)
    if key == (ClaimType.CANCEL, ClaimAction.REJECT):
        courier, invoice = _courier(d)
        return path(
            "claimservice",
            "cancelreqreject",
            ord_no,
            seq,
            await _claim_seq(adapter, d),
            "01",
            day(datetime.now(UTC)),
            courier,
            invoice,
        )
    if key == (ClaimType.RETURN, ClaimAction.APPROVE):
        return path("claimservice", "returnreqconf", await _claim_seq(adapter, d), ord_no, seq)
    if key == (ClaimType.RETURN, ClaimAction.REJECT):
        return path(
            "claimservice",
            "returnreqreject",
            ord_no,
            seq,
            await _claim_seq(adapter, d),
            d.hold_reason_code or REFUSE_CODE,
            reason,
        )
    if key == (ClaimType.RETURN, ClaimAction.HOLD):
        return path(
            "claimservice",
            "returnclaimdefer",
            ord_no,
            seq,
            await _claim_seq(adapter, d),
            d.hold_reason_code or REFUSE_CODE,
            reason,
        )
    if key in ((ClaimType.EXCHANGE, ClaimAction.APPROVE), (ClaimType.EXCHANGE, ClaimAction.REDELIVER)):
        courier, invoice = _courier(d)
        return path("claimservice", "exchangereqconf", await _claim_seq(adapter, d), ord_no, seq, courier, invoice)
    if key == (ClaimType.EXCHANGE, ClaimAction.REJECT):
        return path(
            "claimservice",
            "exchangereqreject",
            ord_no,
            seq,
            await _claim_seq(adapter, d),
            d.hold_reason_code or REFUSE_CODE,
            reason,
        )
    raise UnsupportedOperation(
        MARKETPLACE,
        f"decide_claim.{d.claim_type.value}.{d.action.value}",
        "11번가 Open API에서 제공하지 않는 클레임 처리입니다. 셀러오피스에서 처리해 주세요.",
    )
