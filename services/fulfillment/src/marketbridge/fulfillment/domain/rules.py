"""Business rules of the Order aggregate and the errors they raise (Korean, seller-facing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from marketbridge.fulfillment.domain.commands import AcknowledgeOrder, CancelBySeller
from marketbridge.fulfillment.domain.state import Order
from marketbridge.fulfillment.domain.values import DelayReason, OrderStatus, SellerCancelReason
from marketbridge.runtime.errors import Conflict, DomainError, NotFound, collect

KST = timezone(timedelta(hours=9))
DELAY_THRESHOLD_DAYS = 3  # ORD-ACK-3 / Q7: reason mandatory when dispatch ≥ acknowledgement date + 3 days


@dataclass(frozen=True)
class AcknowledgementPlan:
    planned_dispatch_at: datetime
    delayed: bool
    delay_reason: DelayReason | None
    delay_detail: str | None


def local_date(moment: datetime) -> date:
    """The calendar date in Korea; naive datetimes are taken as Korean local time."""
    return moment.date() if moment.tzinfo is None else moment.astimezone(KST).date()


def is_delayed(planned_dispatch_at: datetime, acknowledged_on: date) -> bool:
    """ORD-ACK-3 (Q7): dispatch on or after the acknowledgement date + 3 days is a delay."""
    return local_date(planned_dispatch_at) >= acknowledged_on + timedelta(days=DELAY_THRESHOLD_DAYS)


def plan_acknowledgement(command: AcknowledgeOrder) -> AcknowledgementPlan:
    """ORD-ACK-2/3. Without a delay the reason is not sent to the marketplace, so it is dropped."""
    planned = command.planned_dispatch_at or command.at
    errors: list[DomainError] = []
    if local_date(planned) < command.today:
        errors.append(
            DomainError(
                code="PLANNED_DISPATCH_IN_PAST",
                field="planned_dispatch_at",
                rule="ORD-ACK-2",
                message="출고 예정일시는 발주확인일 이후로 선택해 주세요. (ORD-ACK-2)",
            )
        )
    delayed = is_delayed(planned, command.today)
    detail = (command.delay_detail or "").strip() or None
    if delayed and command.delay_reason is None:
        errors.append(
            DomainError(
                code="DELAY_REASON_REQUIRED",
                field="delay_reason",
                rule="ORD-ACK-3",
                message="출고일시가 3일 이상 지연되는 경우 배송지연사유를 선택해 주세요. (ORD-ACK-3)",
            )
        )
    if delayed and command.delay_reason is DelayReason.ETC and detail is None:
        errors.append(
            DomainError(
                code="DELAY_DETAIL_REQUIRED",
                field="delay_detail",
                rule="ORD-ACK-3",
                message="배송지연사유가 '기타'인 경우 상세사유를 입력해 주세요. (ORD-ACK-3)",
            )
        )
    collect(errors)
    if not delayed:
        return AcknowledgementPlan(planned, False, None, None)
    return AcknowledgementPlan(planned, True, command.delay_reason, detail)


def check_seller_cancellation(command: CancelBySeller) -> str | None:
    """ORD-CANCEL-1 input: the detail text is required for reason ETC. Returns the cleaned detail."""
    detail = (command.reason_detail or "").strip() or None
    if command.reason is SellerCancelReason.ETC and detail is None:
        collect(
            [
                DomainError(
                    code="CANCEL_DETAIL_REQUIRED",
                    field="reason_detail",
                    rule="ORD-CANCEL-1",
                    message="판매취소 사유가 '기타'인 경우 상세사유를 입력해 주세요. (ORD-CANCEL-1)",
                )
            ]
        )
    return detail


# --- errors -----------------------------------------------------------------------------------------


def order_not_found(order_id: str) -> NotFound:
    return NotFound(code="ORDER_NOT_FOUND", message=f"주문을 찾을 수 없습니다. (주문번호: {order_id})")


def status_conflict(code: str, message: str, state: Order, rule: str | None = None) -> Conflict:
    suffix = f" ({rule})" if rule else ""
    text = f"{message} (현재 상태: {state.status.label}){suffix}"
    return Conflict(code=code, message=text, rule=rule)


def sync_in_progress(state: Order) -> Conflict:
    label = state.pending_sync.operation.label if state.pending_sync else "연동"
    return Conflict(
        code="ORDER_SYNC_IN_PROGRESS",
        message=f"{label} 연동이 진행 중인 주문입니다. 연동 결과를 확인한 후 다시 시도해 주세요.",
    )


def order_closed(state: Order) -> Conflict:
    return status_conflict("ORDER_CLOSED", "이미 처리가 끝난 주문입니다.", state)


def invoice_send_in_progress(state: Order) -> Conflict:
    return status_conflict(
        "INVOICE_SEND_IN_PROGRESS",
        "송장송신 연동이 진행 중입니다. 연동 결과를 확인해 주세요.",
        state,
        "INV-SEND-1",
    )


def invoice_already_sent(state: Order) -> Conflict:
    return status_conflict("INVOICE_ALREADY_SENT", "이미 송장이 전송된 주문입니다.", state, "INV-SEND-1")


CLOSED = frozenset({OrderStatus.COMPLETED, OrderStatus.SELLER_CANCELLED})
