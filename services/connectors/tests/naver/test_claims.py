from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.naver import NaverAdapter
from marketbridge.connectors.ports import (
    ClaimAction,
    ClaimDecision,
    ClaimStatus,
    ClaimType,
    DispatchItem,
    MarketplaceClaim,
    OrderStatus,
)

from .conftest import AdminCall


async def delivered(adapter: NaverAdapter, admin: AdminCall, product: dict[str, Any], count: int = 1) -> list[str]:
    ids: list[str] = (await admin("POST", "/orders", json={"product_no": product["originProductNo"],
                                                           "count": count}))["product_order_ids"]
    await adapter.dispatch([DispatchItem(i, "CJ_LOGISTICS", f"70{n:010d}", datetime.now(UTC))
                            for n, i in enumerate(ids)])
    for line_id in ids:
        await admin("POST", f"/product-orders/{line_id}/advance", json={"to": "DELIVERED"})
    return ids


async def claims(adapter: NaverAdapter) -> dict[str, MarketplaceClaim]:
    end = datetime.now(UTC) + timedelta(minutes=1)
    found = [c async for page in adapter.fetch_claims(end - timedelta(hours=1), end) for c in page]
    return {c.order_line_id: c for c in found}


async def test_fetch_claims_finds_every_kind(adapter: NaverAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    returned, exchanged = await delivered(adapter, admin, product, 2)
    new = (await admin("POST", "/orders", json={"product_no": product["originProductNo"]}))["product_order_ids"]
    await adapter.acknowledge(new)
    await admin("POST", "/claims", json={"product_order_id": new[0], "type": "cancel", "reason": "INTENT_CHANGED"})
    await admin("POST", "/claims", json={"product_order_id": returned, "type": "return"})
    await admin("POST", "/claims", json={"product_order_id": exchanged, "type": "exchange"})
    found = await claims(adapter)
    assert {k: (v.claim_type, v.status) for k, v in found.items()} == {
        new[0]: (ClaimType.CANCEL, ClaimStatus.REQUESTED), returned: (ClaimType.RETURN, ClaimStatus.REQUESTED),
        exchanged: (ClaimType.EXCHANGE, ClaimStatus.REQUESTED)}
    cancel = found[new[0]]
    assert cancel.reason_code == "INTENT_CHANGED" and cancel.requested_by == "BUYER" and cancel.claim_id
    assert cancel.requested_at is not None and cancel.quantity == 1


async def test_cancel_request_approved(adapter: NaverAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    ids = (await admin("POST", "/orders", json={"product_no": product["originProductNo"]}))["product_order_ids"]
    await adapter.acknowledge(ids)
    await admin("POST", "/claims", json={"product_order_id": ids[0], "type": "cancel"})
    with pytest.raises(UnsupportedOperation) as unsupported:
        await adapter.decide_claim(ClaimDecision(ids[0], ClaimType.CANCEL, ClaimAction.REJECT, "이미 포장"))
    assert "취소 요청 거부" in unsupported.value.reason_ko
    await adapter.decide_claim(ClaimDecision(ids[0], ClaimType.CANCEL, ClaimAction.APPROVE))
    assert (await claims(adapter))[ids[0]].status is ClaimStatus.COMPLETED
    assert (await adapter.get_order_states(ids))[ids[0]].status is OrderStatus.CANCELLED
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.decide_claim(ClaimDecision(ids[0], ClaimType.CANCEL, ClaimAction.APPROVE))
    assert caught.value.code == "104442"


async def test_return_hold_release_approve(adapter: NaverAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    [line_id] = await delivered(adapter, admin, product)
    await admin("POST", "/claims", json={"product_order_id": line_id, "type": "return"})
    await adapter.decide_claim(ClaimDecision(line_id, ClaimType.RETURN, ClaimAction.HOLD, "반품 배송비 청구",
                                             hold_reason_code="RETURN_DELIVERYFEE", extra_fee=3000))
    claim = (await claims(adapter))[line_id]
    assert claim.on_hold and claim.hold_reason == "RETURN_DELIVERYFEE"
    await adapter.decide_claim(ClaimDecision(line_id, ClaimType.RETURN, ClaimAction.RELEASE_HOLD))
    await adapter.decide_claim(ClaimDecision(line_id, ClaimType.RETURN, ClaimAction.APPROVE))
    assert (await adapter.get_order_states([line_id]))[line_id].status is OrderStatus.RETURNED


async def test_return_reject(adapter: NaverAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    [line_id] = await delivered(adapter, admin, product)
    await admin("POST", "/claims", json={"product_order_id": line_id, "type": "return"})
    await adapter.decide_claim(ClaimDecision(line_id, ClaimType.RETURN, ClaimAction.REJECT, "사용 흔적"))
    assert (await claims(adapter))[line_id].status is ClaimStatus.REJECTED


async def test_exchange_collect_and_redeliver(adapter: NaverAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    [line_id, other] = await delivered(adapter, admin, product, 2)
    for target in (line_id, other):
        await admin("POST", "/claims", json={"product_order_id": target, "type": "exchange"})
    await adapter.decide_claim(ClaimDecision(line_id, ClaimType.EXCHANGE, ClaimAction.COLLECT_DONE))
    assert (await claims(adapter))[line_id].status is ClaimStatus.COLLECTED
    await adapter.decide_claim(ClaimDecision(line_id, ClaimType.EXCHANGE, ClaimAction.REDELIVER,
                                             courier_code="LOGEN", tracking_number="31234567890"))
    assert (await claims(adapter))[line_id].status is ClaimStatus.REDELIVERING
    await adapter.decide_claim(ClaimDecision(other, ClaimType.EXCHANGE, ClaimAction.HOLD, "교환 배송비"))
    await adapter.decide_claim(ClaimDecision(other, ClaimType.EXCHANGE, ClaimAction.RELEASE_HOLD))
    await adapter.decide_claim(ClaimDecision(other, ClaimType.EXCHANGE, ClaimAction.REJECT, "재고 없음"))
    assert (await claims(adapter))[other].status is ClaimStatus.REJECTED
