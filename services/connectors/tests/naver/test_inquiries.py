from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.naver import NaverAdapter
from marketbridge.connectors.ports import InquiryAnswer, InquiryKind, MarketplaceInquiry

from .conftest import AdminCall


async def inquiries(adapter: NaverAdapter) -> list[MarketplaceInquiry]:
    end = datetime.now(UTC) + timedelta(minutes=1)
    return [i async for page in adapter.fetch_inquiries(end - timedelta(hours=2), end) for i in page]


async def test_fetches_product_qna_and_order_inquiries(adapter: NaverAdapter, admin: AdminCall,
                                                       product: dict[str, Any]) -> None:
    [line_id] = (await admin("POST", "/orders", json={"product_no": product["originProductNo"]}))["product_order_ids"]
    await admin("POST", "/inquiries", json={"kind": "qna", "product_no": product["originProductNo"], "count": 2})
    await admin("POST", "/inquiries", json={"kind": "inquiry", "product_order_id": line_id, "title": "배송 문의",
                                            "content": "언제 발송되나요?"})
    found = await inquiries(adapter)
    kinds = [i.kind for i in found]
    assert kinds.count(InquiryKind.PRODUCT_QNA) == 2 and kinds.count(InquiryKind.ORDER_INQUIRY) == 1
    order_inquiry = next(i for i in found if i.kind is InquiryKind.ORDER_INQUIRY)
    assert order_inquiry.order_line_ids == (line_id,) and order_inquiry.title == "배송 문의"
    assert not order_inquiry.answered and order_inquiry.created_at.tzinfo is not None


async def test_answers_each_kind_and_reports_a_second_answer(adapter: NaverAdapter, admin: AdminCall,
                                                             product: dict[str, Any]) -> None:
    await admin("POST", "/inquiries", json={"kind": "qna", "product_no": product["originProductNo"]})
    await admin("POST", "/inquiries", json={"kind": "inquiry", "product_no": product["originProductNo"]})
    found = {i.kind: i for i in await inquiries(adapter)}
    for kind, inquiry in found.items():
        await adapter.answer_inquiry(InquiryAnswer(inquiry.inquiry_id, kind, "확인 후 안내드리겠습니다."))
    assert all(i.answered and i.answer for i in await inquiries(adapter))
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.answer_inquiry(InquiryAnswer(found[InquiryKind.ORDER_INQUIRY].inquiry_id,
                                                   InquiryKind.ORDER_INQUIRY, "다시"))
    assert caught.value.code == "ERR-NC-101010"


async def test_notices_are_unsupported_with_a_korean_reason(adapter: NaverAdapter) -> None:
    now = datetime.now(UTC)
    with pytest.raises(UnsupportedOperation) as caught:
        adapter.fetch_notices(now - timedelta(days=1), now)
    assert caught.value.marketplace == "naver" and "긴급" in caught.value.reason_ko
