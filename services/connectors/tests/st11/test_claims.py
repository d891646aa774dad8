from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.ports import (
    ClaimAction,
    ClaimDecision,
    ClaimStatus,
    ClaimType,
    DispatchItem,
    MarketplaceClaim,
    OrderStatus,
)
from marketbridge.connectors.st11 import St11Adapter

from .conftest import AdminCall, place


def now() -> datetime:
    return datetime.now(UTC)


async def claims(adapter: St11Adapter) -> list[MarketplaceClaim]:
    return [
        c async for page in adapter.fetch_claims(now() - timedelta(hours=1), now() + timedelta(minutes=1)) for c in page
    ]


async def shipped(adapter: St11Adapter, admin: AdminCall, product: dict[str, Any], count: int) -> list[str]:
    ids = await place(admin, product, count)
    result = await adapter.dispatch(
        [DispatchItem(i, "CJ_LOGISTICS", f"61234567{n:04d}", now()) for n, i in enumerate(ids)]
    )
    assert result.all_succeeded
    return ids


async def test_cancel_request_is_listed_and_approved(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    [line] = await place(admin, product)
    seq = (await admin("POST", "/claims", json={"line_id": line, "type": "cancel", "reason": "주문 실수"}))["claim_seq"]
    [claim] = await claims(adapter)
    assert (claim.claim_type, claim.status, claim.claim_id, claim.order_line_id) == (
        ClaimType.CANCEL,
        ClaimStatus.REQUESTED,
        seq,
        line,
    )
    assert claim.reason_text == "주문 실수" and claim.requested_by == "BUYER"
    await adapter.decide_claim(ClaimDecision(line, ClaimType.CANCEL, ClaimAction.APPROVE))  # seq looked up
    assert (await adapter.get_order_states([line]))[line].status is OrderStatus.CANCELLED
    [done] = await claims(adapter)
    assert done.status is ClaimStatus.COMPLETED and done.completed_at is not None


async def test_cancel_rejection_ships_the_line(adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]) -> None:
    [line] = await place(admin, product)
    seq = (await admin("POST", "/claims", json={"line_id": line, "type": "cancel"}))["claim_seq"]
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.decide_claim(ClaimDecision(line, ClaimType.CANCEL, ClaimAction.REJECT, claim_id=seq))
    assert caught.value.code == "UNMAPPED_COURIER"
    await adapter.decide_claim(
        ClaimDecision(
            line,
            ClaimType.CANCEL,
            ClaimAction.REJECT,
            claim_id=seq,
            courier_code="CJ_LOGISTICS",
            tracking_number="912345678901",
        )
    )
    state = (await adapter.get_order_states([line]))[line]
    assert state.status is OrderStatus.DISPATCHED and state.tracking_number == "912345678901"
    assert (await admin("GET", "/dispatches"))["count"] == 1


async def test_returns_are_held_rejected_or_approved(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    first, second = await shipped(adapter, admin, product, 2)
    for line in (first, second):
        await admin("POST", "/claims", json={"line_id": line, "type": "return", "reason": "사이즈 교환 원함"})
    found = {c.order_line_id: c for c in await claims(adapter)}
    assert {c.claim_type for c in found.values()} == {ClaimType.RETURN}
    await adapter.decide_claim(ClaimDecision(first, ClaimType.RETURN, ClaimAction.HOLD, reason="회수 확인 중"))
    held = {c.order_line_id: c for c in await claims(adapter)}[first]
    assert held.on_hold and held.raw_status == "104"
    await adapter.decide_claim(ClaimDecision(first, ClaimType.RETURN, ClaimAction.APPROVE))
    await adapter.decide_claim(ClaimDecision(second, ClaimType.RETURN, ClaimAction.REJECT, reason="사용 흔적 / 훼손"))
    assert (await adapter.get_order_states([first]))[first].status is OrderStatus.RETURNED
    assert (await admin("GET", f"/lines/{second}"))["claim"]["stat"] == "107"
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.decide_claim(ClaimDecision(second, ClaimType.RETURN, ClaimAction.APPROVE))
    assert caught.value.code == "-3310" and caught.value.message == "처리할 수 없는 클레임 상태입니다."


async def test_exchange_is_approved_with_a_reshipment_invoice(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    first, second = await shipped(adapter, admin, product, 2)
    for line in (first, second):
        await admin("POST", "/claims", json={"line_id": line, "type": "exchange"})
    await adapter.decide_claim(
        ClaimDecision(
            first, ClaimType.EXCHANGE, ClaimAction.REDELIVER, courier_code="HANJIN", tracking_number="412345678901"
        )
    )
    await adapter.decide_claim(ClaimDecision(second, ClaimType.EXCHANGE, ClaimAction.REJECT, reason="재고 없음"))
    by_line = {c.order_line_id: c for c in await claims(adapter)}
    assert by_line[first].status is ClaimStatus.COMPLETED and by_line[first].raw_status == "221"
    assert (await adapter.get_order_states([first]))[first].status is OrderStatus.EXCHANGED
    with pytest.raises(UnsupportedOperation) as caught:
        await adapter.decide_claim(ClaimDecision(second, ClaimType.EXCHANGE, ClaimAction.RELEASE_HOLD))
    assert "11번가" in caught.value.reason_ko
