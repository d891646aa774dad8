from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from marketbridge.connectors.errors import UnsupportedOperation
from marketbridge.connectors.interpark import InterparkAdapter
from marketbridge.connectors.ports import ClaimAction, ClaimDecision, ClaimStatus, ClaimType, DispatchItem

from .conftest import AdminCall, place


def now() -> datetime:
    return datetime.now(UTC)


async def test_cancel_requests_are_fetched_and_approved(
    adapter: InterparkAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    first, second = await place(admin, product, 2)
    seq = (await admin("POST", "/claims", json={"line_id": first, "type": "cancel", "reason": "주문 실수"}))[
        "clmreq_seq"
    ]
    await admin("POST", "/claims", json={"line_id": second, "type": "cancel"})
    claims = [c async for page in adapter.fetch_claims(now() - timedelta(hours=1), now()) for c in page]
    by_line = {c.order_line_id: c for c in claims}
    assert by_line[first].claim_id == seq and by_line[first].status is ClaimStatus.REQUESTED
    assert by_line[first].claim_type is ClaimType.CANCEL and by_line[first].reason_text == "주문 실수"
    await adapter.decide_claim(ClaimDecision(first, ClaimType.CANCEL, ClaimAction.APPROVE, claim_id=seq))
    await adapter.decide_claim(ClaimDecision(second, ClaimType.CANCEL, ClaimAction.APPROVE))  # seq looked up
    assert (await admin("GET", f"/lines/{first}"))["status"] == "CANCELLED"
    assert (await admin("GET", f"/lines/{second}"))["claim"]["stat"] == "2"


async def test_returns_are_listed_but_decided_in_the_seller_centre(
    adapter: InterparkAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    [line] = await place(admin, product)
    await adapter.dispatch([DispatchItem(line, "EPOST", "6123456789012", now())])
    await admin("POST", "/claims", json={"line_id": line, "type": "return", "reason": "포장 파손"})
    [claim] = [c async for page in adapter.fetch_claims(now() - timedelta(hours=1), now()) for c in page]
    assert claim.claim_type is ClaimType.RETURN and claim.status is ClaimStatus.REQUESTED
    with pytest.raises(UnsupportedOperation) as caught:
        await adapter.decide_claim(ClaimDecision(line, ClaimType.RETURN, ClaimAction.APPROVE))
    assert "판매자센터" in caught.value.reason_ko
