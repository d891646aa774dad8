"""Product inquiries (onlineInquiries) and call-center inquiries as urgent notices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from marketbridge.connectors.coupang import CoupangAdapter
from marketbridge.connectors.ports import InquiryAnswer, InquiryKind

from .conftest import AdminCall, PlaceOrders


def window() -> tuple[datetime, datetime]:
    now = datetime.now(UTC)
    return now - timedelta(hours=1), now + timedelta(minutes=1)


async def test_product_inquiries_are_collected_and_answered(
    adapter: CoupangAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    ids = (await admin("POST", "/inquiries", json={"seller_product_id": product["sellerProductId"], "count": 55}))[
        "ids"
    ]
    old = (datetime.now(UTC) - timedelta(days=10)).isoformat()
    await admin("POST", "/inquiries", json={"seller_product_id": product["sellerProductId"], "inquiry_at": old})
    found = [i async for page in adapter.fetch_inquiries(*window()) for i in page]
    assert sorted(i.inquiry_id for i in found) == sorted(str(i) for i in ids)  # two pages of 50
    first = found[0]
    assert first.kind == InquiryKind.PRODUCT_QNA and not first.answered
    assert first.product_id == str(product["sellerProductId"])
    await adapter.answer_inquiry(
        InquiryAnswer(first.inquiry_id, InquiryKind.PRODUCT_QNA, "네, 정사이즈입니다.\n감사합니다.")
    )
    listed = await admin("GET", "/inquiries")
    answered = next(q for q in listed["online"] if str(q["inquiryId"]) == first.inquiry_id)
    assert answered["commentDtoList"][0]["content"] == "네, 정사이즈입니다.\n감사합니다."
    start = datetime.now(UTC) - timedelta(days=12)
    long = [i async for page in adapter.fetch_inquiries(start, datetime.now(UTC)) for i in page]
    assert len(long) == 56  # two 7-day slices


async def test_call_center_inquiries_are_urgent_notices(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    [line] = (await place_orders())["order_line_ids"]
    [iid] = (
        await admin("POST", "/inquiries", json={"kind": "callcenter", "order_line_id": line, "category": "배송지연"})
    )["ids"]
    [notice] = [n async for page in adapter.fetch_notices(*window()) for n in page]
    assert notice.notice_id == str(iid) and notice.urgent and not notice.answered
    assert "배송지연" in notice.title
    await adapter.answer_inquiry(InquiryAnswer(notice.notice_id, InquiryKind.ORDER_INQUIRY, "오늘 출고됩니다."))
    [again] = [n async for page in adapter.fetch_notices(*window()) for n in page]
    assert again.answered
