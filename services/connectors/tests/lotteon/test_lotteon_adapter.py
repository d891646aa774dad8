"""롯데ON adapter: orders, acknowledge, dispatch (once; partial success), states, claims, listings (종합몰 rules),
questions, and the mapping of every failure."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
    UnsupportedOperation,
)
from marketbridge.connectors.lotteon import LotteOnAdapter
from marketbridge.connectors.lotteon.factory import CREDENTIAL_FIELDS, build
from marketbridge.connectors.ports import (
    ClaimAction,
    ClaimDecision,
    ClaimStatus,
    ClaimType,
    DispatchItem,
    InquiryAnswer,
    InquiryKind,
    Listing,
    ListingOption,
    OptionStock,
    OrderStatus,
    PriceStockUpdate,
    SellerCancel,
    SellerCancelReason,
)
from marketbridge.connectors.registry import AdapterConfig
from marketbridge.sandbox.testing import FakeClock

from .conftest import AdminCall, make_adapter, now, place


def listing(**extra: Any) -> Listing:
    base: dict[str, Any] = {
        "seller_product_code": "CD-1",
        "name": "캐시미어 가디건",
        "category_id": "LE1211030101",
        "sale_price": 59000,
        "stock_quantity": 20,
        "description_html": "<p>캐시미어</p>",
        "image_urls": ("https://img.example/c.jpg",),
    }
    base.update(extra)
    return Listing(**base)


async def test_orders_are_collected_acknowledged_and_dispatched_once(
    adapter: LotteOnAdapter, admin: AdminCall, product: dict[str, Any], clock: FakeClock
) -> None:
    lines = await place(admin, product, 3)
    end = now(clock)
    orders = [o async for page in adapter.fetch_orders(end - timedelta(days=2), end) for o in page]
    assert [o.order_line_id for o in orders] == lines
    first = orders[0]
    assert first.status == OrderStatus.NEW and first.raw_status == "출고지시" and first.product_id == product["spdNo"]
    assert first.unit_price == 39000 and first.receiver_zip and first.seller_product_code == "KN-1"
    calls = (await admin("GET", "/calls"))["by_path"]["POST /v1/openapi/delivery/v1/SellerDeliveryOrdersSearch"]
    assert calls["count"] == 2  # a 2-day window is asked day by day
    ack = await adapter.acknowledge([*lines[:2], "2026052900000000-1"])
    assert ack.succeeded == lines[:2] and ack.failed["2026052900000000-1"].code == "2001"
    result = await adapter.dispatch(
        [
            DispatchItem(lines[0], "CJ_LOGISTICS", "123456789012", end),
            DispatchItem(lines[1], "DHL", "5555", end),
            DispatchItem(lines[2], "HANJIN", "12", end),
        ]
    )
    assert result.succeeded == [lines[0]] and result.failed[lines[1]].code == "UNMAPPED_COURIER"
    assert result.failed[lines[2]].code == "1001"  # partial success: the marketplace refused one item
    again = await adapter.dispatch([DispatchItem(lines[0], "CJ_LOGISTICS", "999988887777", end)])
    assert again.failed[lines[0]].code == "2003"
    assert (await admin("GET", "/dispatches"))["count"] == 1
    states = await adapter.get_order_states([*lines, "2026052900000000-1"])
    assert set(states) == set(lines)
    assert states[lines[0]].status == OrderStatus.DISPATCHED and states[lines[0]].tracking_number == "123456789012"
    assert states[lines[0]].courier_code == "CJ_LOGISTICS"
    assert states[lines[1]].acknowledged and states[lines[2]].status == OrderStatus.NEW


async def test_an_interrupted_dispatch_is_resolved_by_asking(
    adapter: LotteOnAdapter, admin: AdminCall, product: dict[str, Any], clock: FakeClock
) -> None:
    lines = await place(admin, product)
    await admin("POST", "/faults", json={"path_pattern": "ProgressStateInform", "kind": "malformed", "phase": "after"})
    with pytest.raises(TransientMarketplaceError) as caught:
        await adapter.dispatch([DispatchItem(lines[0], "LOGEN", "12345678901", now(clock))])
    assert caught.value.outcome_unknown
    assert (await adapter.get_order_states(lines))[lines[0]].tracking_number == "12345678901"


async def test_seller_cancel_is_refused_as_a_general_mall(adapter: LotteOnAdapter) -> None:
    with pytest.raises(UnsupportedOperation) as caught:
        await adapter.cancel_by_seller([SellerCancel("1-1", SellerCancelReason.SOLD_OUT)])
    assert "ORD-CANCEL-2" in caught.value.reason_ko and "종합몰" in caught.value.reason_ko


async def test_claims_are_listed_and_decided(
    adapter: LotteOnAdapter, admin: AdminCall, product: dict[str, Any], clock: FakeClock
) -> None:
    lines = await place(admin, product, 3)
    end = now(clock)
    for line in lines[1:]:
        await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", f"1234567890{line[-3:-2]}{lines.index(line)}", end)])
    cancel = await admin("POST", "/claims", json={"line_id": lines[0], "kind": "cancel"})
    ret = await admin("POST", "/claims", json={"line_id": lines[1], "kind": "return"})
    exc = await admin("POST", "/claims", json={"line_id": lines[2], "kind": "exchange"})
    claims = [c async for page in adapter.fetch_claims(end - timedelta(days=1), end) for c in page]
    by_id = {c.claim_id: c for c in claims}
    assert by_id[cancel["clm_no"]].claim_type == ClaimType.CANCEL and by_id[cancel["clm_no"]].order_line_id == lines[0]
    assert (
        by_id[ret["clm_no"]].status == ClaimStatus.REQUESTED and by_id[exc["clm_no"]].claim_type == ClaimType.EXCHANGE
    )
    await adapter.decide_claim(
        ClaimDecision(lines[0], ClaimType.CANCEL, ClaimAction.APPROVE, claim_id=cancel["clm_no"])
    )
    assert (await adapter.get_order_states([lines[0]]))[lines[0]].status == OrderStatus.CANCELLED
    await adapter.decide_claim(ClaimDecision(lines[1], ClaimType.RETURN, ClaimAction.COLLECT_DONE))
    await adapter.decide_claim(ClaimDecision(lines[1], ClaimType.RETURN, ClaimAction.APPROVE))
    await adapter.decide_claim(ClaimDecision(lines[2], ClaimType.EXCHANGE, ClaimAction.APPROVE, claim_id=exc["clm_no"]))
    await adapter.decide_claim(
        ClaimDecision(
            lines[2], ClaimType.EXCHANGE, ClaimAction.REDELIVER, courier_code="HANJIN", tracking_number="555566667777"
        )
    )
    done = {
        c.claim_id: c for page in [p async for p in adapter.fetch_claims(end - timedelta(days=1), end)] for c in page
    }
    assert done[ret["clm_no"]].status == ClaimStatus.COMPLETED and done[exc["clm_no"]].status == ClaimStatus.COMPLETED
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.decide_claim(
            ClaimDecision(lines[1], ClaimType.RETURN, ClaimAction.REJECT, claim_id=ret["clm_no"])
        )
    assert caught.value.code == "2002"
    for action in (ClaimAction.HOLD, ClaimAction.REJECT):
        with pytest.raises(UnsupportedOperation):
            await adapter.decide_claim(
                ClaimDecision(lines[0], ClaimType.CANCEL if action == ClaimAction.REJECT else ClaimType.RETURN, action)
            )


async def test_listings_follow_the_general_mall_rules(adapter: LotteOnAdapter, admin: AdminCall) -> None:
    with pytest.raises(UnsupportedOperation) as caught:
        await adapter.publish_listing(
            listing(option_group_names=("사이즈",), options=(ListingOption(("S",), 5), ListingOption(("L",), 5, 3000)))
        )
    assert "OPT-1" in caught.value.reason_ko
    options = (ListingOption(("S",), 5, 0, "CD-1-S"), ListingOption(("M",), 7, 0, "CD-1-M"))
    published = await adapter.publish_listing(listing(option_group_names=("사이즈",), options=options))
    spd_no = published.market_product_id
    await adapter.update_listing(
        spd_no, listing(name="캐시미어 가디건 (2024)", option_group_names=("사이즈",), options=options)
    )
    await adapter.update_price_stock(
        PriceStockUpdate(spd_no, sale_price=55000, options=(OptionStock(2, seller_option_code="CD-1-M"),))
    )
    stored = next(p for p in await admin("GET", "/products") if p["spdNo"] == spd_no)
    assert [i["slPrc"] for i in stored["itmLst"]] == [55000, 55000] and [i["stkQty"] for i in stored["itmLst"]] == [
        5,
        2,
    ]
    assert stored["writes"] == 2 and stored["body"]["spdNm"] == "캐시미어 가디건 (2024)"
    with pytest.raises(PermanentMarketplaceError):
        await adapter.update_price_stock(PriceStockUpdate(spd_no, stock_quantity=3))
    with pytest.raises(UnsupportedOperation):
        await adapter.update_price_stock(PriceStockUpdate(spd_no, options=(OptionStock(1, ("S",), price_delta=500),)))
    await adapter.end_sale(spd_no)
    with pytest.raises(PermanentMarketplaceError) as ended:
        await adapter.end_sale(spd_no)
    assert ended.value.code == "3004"
    with pytest.raises(UnsupportedOperation):
        await adapter.fetch_categories()
    with pytest.raises(UnsupportedOperation):
        adapter.import_listings()
    with pytest.raises(UnsupportedOperation):
        adapter.fetch_notices(now(FakeClock()), now(FakeClock()))


async def test_questions_are_fetched_and_answered(
    adapter: LotteOnAdapter, admin: AdminCall, product: dict[str, Any], clock: FakeClock
) -> None:
    line = (await place(admin, product))[0]
    qna = (await admin("POST", "/questions", json={"kind": "qna", "spd_no": product["spdNo"]}))["ids"][0]
    inquiry = (await admin("POST", "/questions", json={"kind": "inquiry", "line_id": line}))["ids"][0]
    found = [i async for page in adapter.fetch_inquiries(now(clock) - timedelta(days=9), now(clock)) for i in page]
    assert [(i.kind, i.inquiry_id) for i in found] == [
        (InquiryKind.PRODUCT_QNA, str(qna)),
        (InquiryKind.ORDER_INQUIRY, str(inquiry)),
    ]
    for item in found:
        await adapter.answer_inquiry(InquiryAnswer(item.inquiry_id, item.kind, "확인했습니다."))
    assert (await admin("GET", f"/questions/{inquiry}"))["ansCnts"] == "확인했습니다."
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.answer_inquiry(InquiryAnswer("1", InquiryKind.ORDER_INQUIRY, "?"))
    assert caught.value.code == "2001"


async def test_error_mapping(
    sandbox_url: str, seller: dict[str, Any], adapter: LotteOnAdapter, admin: AdminCall, clock: FakeClock
) -> None:
    async with make_adapter(sandbox_url, seller, api_key="wrong") as wrong:
        with pytest.raises(AuthenticationRejected) as auth:
            await wrong.get_order_states(["2026052900000001-1"])
    assert auth.value.code == "4010" and auth.value.status == 401
    window = (now(clock) - timedelta(hours=1), now(clock))
    for kind, status in (("http_500", 500), ("http_503", 503)):
        await admin("POST", "/faults", json={"path_pattern": "OrdersSearch", "kind": kind, "count": 1})
        with pytest.raises(TransientMarketplaceError) as caught:
            _ = [p async for p in adapter.fetch_orders(*window)]
        assert caught.value.status == status and caught.value.code == "9999"
    await admin("POST", "/faults", json={"path_pattern": "OrdersSearch", "kind": "http_429", "count": 1})
    with pytest.raises(TransientMarketplaceError) as limited:
        _ = [p async for p in adapter.fetch_orders(*window)]
    assert limited.value.retry_after == 2.0 and limited.value.code == "4290"
    await admin("POST", "/faults", json={"path_pattern": "OrdersSearch", "kind": "malformed", "count": 1})
    with pytest.raises(TransientMarketplaceError):
        _ = [p async for p in adapter.fetch_orders(*window)]
    with pytest.raises(PermanentMarketplaceError) as business:
        await adapter.http.post(
            "/delivery/v1/SellerDeliveryOrdersSearch",
            "probe",
            {"srchStrtDt": "20260501000000", "srchEndDt": "20260510000000"},
            idempotent=True,
        )
    assert business.value.code == "1002"
    await admin("POST", "/sellers/LO2000/revoke")
    with pytest.raises(AuthenticationRejected):
        _ = [p async for p in adapter.fetch_orders(*window)]


async def test_timeouts_and_refused_connections_are_transient(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall
) -> None:
    await admin("POST", "/faults", json={"path_pattern": "ProgressStateSearch", "kind": "timeout", "latency_ms": 600})
    async with make_adapter(sandbox_url, seller, timeout=httpx.Timeout(5.0, read=0.2)) as slow:
        with pytest.raises(TransientMarketplaceError) as caught:
            await slow.get_order_states(["2026052900000001-1"])
    assert "timed out" in caught.value.message
    async with make_adapter("http://127.0.0.1:9", seller) as nowhere:
        with pytest.raises(TransientMarketplaceError) as refused:
            await nowhere.get_order_states(["2026052900000001-1"])
    assert not refused.value.outcome_unknown


async def test_the_fixed_headers_are_sent(sandbox_url: str, seller: dict[str, Any], admin: AdminCall) -> None:
    async with make_adapter(sandbox_url, seller) as lotteon:
        assert await lotteon.get_order_states(["2026052900000001-1"]) == {}
    statuses = (await admin("GET", "/calls"))["by_path"][
        "POST /v1/openapi/delivery/v1/SellerDeliveryProgressStateSearch"
    ]["statuses"]
    assert statuses == {"200": 1}


def test_factory() -> None:
    assert CREDENTIAL_FIELDS == ("api_key", "tr_no")
    adapter = build(AdapterConfig("lotteon", "acct-9", "LO1", {"api_key": "k", "tr_no": "LO1"}, "http://x", 50.0, 10.0))
    assert isinstance(adapter, LotteOnAdapter) and adapter.account_id == "acct-9" and adapter.tr_no == "LO1"
