"""Cancels, returns and exchanges: collection and every decision Coupang offers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from marketbridge.connectors.coupang import CoupangAdapter
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

from .conftest import AdminCall, PlaceOrders


async def claims(adapter: CoupangAdapter) -> list[MarketplaceClaim]:
    now = datetime.now(UTC)
    return [
        c async for page in adapter.fetch_claims(now - timedelta(hours=2), now + timedelta(minutes=2)) for c in page
    ]


async def shipped(adapter: CoupangAdapter, place_orders: PlaceOrders, admin: AdminCall, count: int = 1) -> list[str]:
    lines: list[str] = (await place_orders(count=count))["order_line_ids"]
    await adapter.acknowledge(lines)
    await adapter.dispatch(
        [DispatchItem(line, "HANJIN", f"4{i:011d}", datetime.now(UTC)) for i, line in enumerate(lines)]
    )
    for line in lines:
        await admin("POST", f"/ordersheets/{line.split('-')[0]}/advance", json={"to": "FINAL_DELIVERY"})
    return lines


async def test_cancels_are_collected_by_status_and_cancel_type(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    lines = (await place_orders(count=2))["order_line_ids"]
    await adapter.acknowledge([lines[1]])
    paid = await admin("POST", "/claims", json={"order_line_id": lines[0], "kind": "cancel"})
    stop = await admin("POST", "/claims", json={"order_line_id": lines[1], "kind": "cancel"})
    found = {c.claim_id: c for c in await claims(adapter)}
    assert found[paid["claim_id"]].status == ClaimStatus.COMPLETED
    assert found[paid["claim_id"]].claim_type == ClaimType.CANCEL and found[paid["claim_id"]].order_line_id == lines[0]
    request = found[stop["claim_id"]]
    assert request.status == ClaimStatus.REQUESTED and request.raw_status == "RELEASE_STOP_UNCHECKED"
    assert request.quantity == 1 and request.requested_at is not None


async def test_approving_a_cancel_stops_the_shipment(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    [line] = (await place_orders())["order_line_ids"]
    await adapter.acknowledge([line])
    await admin("POST", "/claims", json={"order_line_id": line, "kind": "cancel"})
    await adapter.decide_claim(ClaimDecision(line, ClaimType.CANCEL, ClaimAction.APPROVE))  # id looked up
    [claim] = await claims(adapter)
    assert claim.status == ClaimStatus.COMPLETED
    assert (await adapter.get_order_states([line]))[line].status == OrderStatus.CANCELLED


async def test_rejecting_a_cancel_reports_it_already_shipped(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    [line] = (await place_orders())["order_line_ids"]
    await adapter.acknowledge([line])
    claim = await admin("POST", "/claims", json={"order_line_id": line, "kind": "cancel"})
    with pytest.raises(PermanentMarketplaceError):
        await adapter.decide_claim(
            ClaimDecision(line, ClaimType.CANCEL, ClaimAction.REJECT, claim_id=claim["claim_id"])
        )
    await adapter.decide_claim(
        ClaimDecision(
            line,
            ClaimType.CANCEL,
            ClaimAction.REJECT,
            claim_id=claim["claim_id"],
            courier_code="CJ_LOGISTICS",
            tracking_number="512345678901",
        )
    )
    state = (await adapter.get_order_states([line]))[line]
    assert state.status == OrderStatus.DISPATCHED and state.tracking_number == "512345678901"
    [converted] = await claims(adapter)
    assert converted.claim_type == ClaimType.RETURN and converted.status == ClaimStatus.REQUESTED


async def test_a_return_is_received_then_approved(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    [line] = await shipped(adapter, place_orders, admin)
    claim = await admin("POST", "/claims", json={"order_line_id": line, "kind": "return"})
    [found] = await claims(adapter)
    assert found.claim_type == ClaimType.RETURN and found.status == ClaimStatus.REQUESTED
    await adapter.decide_claim(
        ClaimDecision(line, ClaimType.RETURN, ClaimAction.COLLECT_DONE, claim_id=claim["claim_id"])
    )
    assert (await claims(adapter))[0].status == ClaimStatus.COLLECTED
    await adapter.decide_claim(ClaimDecision(line, ClaimType.RETURN, ClaimAction.APPROVE))
    assert (await claims(adapter))[0].status == ClaimStatus.COMPLETED
    with pytest.raises(UnsupportedOperation) as caught:
        await adapter.decide_claim(ClaimDecision(line, ClaimType.RETURN, ClaimAction.REJECT, reason="파손"))
    assert "반품 거부" in caught.value.reason_ko


async def test_exchanges_collect_redeliver_and_reject(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    first, second = await shipped(adapter, place_orders, admin, count=2)
    await admin("POST", "/claims", json={"order_line_id": first, "kind": "exchange"})
    await admin("POST", "/claims", json={"order_line_id": second, "kind": "exchange"})
    found = {c.order_line_id: c for c in await claims(adapter) if c.claim_type == ClaimType.EXCHANGE}
    assert {c.status for c in found.values()} == {ClaimStatus.REQUESTED}
    await adapter.decide_claim(ClaimDecision(first, ClaimType.EXCHANGE, ClaimAction.COLLECT_DONE))
    await adapter.decide_claim(
        ClaimDecision(
            first,
            ClaimType.EXCHANGE,
            ClaimAction.REDELIVER,
            claim_id=found[first].claim_id,
            courier_code="EPOST",
            tracking_number="6123456789012",
        )
    )
    await adapter.decide_claim(
        ClaimDecision(
            second, ClaimType.EXCHANGE, ClaimAction.REJECT, claim_id=found[second].claim_id, hold_reason_code="WITHDRAW"
        )
    )
    after = {c.order_line_id: c for c in await claims(adapter) if c.claim_type == ClaimType.EXCHANGE}
    assert after[first].status == ClaimStatus.REDELIVERING and after[second].status == ClaimStatus.REJECTED
    await admin("POST", f"/exchanges/{found[first].claim_id}/complete")
    done = {c.order_line_id: c for c in await claims(adapter) if c.claim_type == ClaimType.EXCHANGE}
    assert done[first].status == ClaimStatus.COMPLETED


async def test_unsupported_decisions_say_why_in_korean(adapter: CoupangAdapter) -> None:
    with pytest.raises(UnsupportedOperation) as caught:
        await adapter.decide_claim(ClaimDecision("1-2", ClaimType.CANCEL, ClaimAction.HOLD))
    assert caught.value.reason_ko.startswith("쿠팡")
