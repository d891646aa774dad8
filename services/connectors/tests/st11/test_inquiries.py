from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from marketbridge.connectors.errors import UnsupportedOperation
from marketbridge.connectors.ports import InquiryAnswer, InquiryKind
from marketbridge.connectors.st11 import St11Adapter

from .conftest import AdminCall, route_count


def now() -> datetime:
    return datetime.now(UTC)


async def test_product_qna_is_fetched_in_7_day_slices_and_answered(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    [brd] = (await admin("POST", "/qnas", json={"prd_no": product["prdNo"], "content": "색상이 사진과 같나요?"}))["ids"]
    found = [q async for page in adapter.fetch_inquiries(now() - timedelta(days=20), now()) for q in page]
    assert [q.inquiry_id for q in found] == [f"{brd}-{product['prdNo']}"]
    assert found[0].content == "색상이 사진과 같나요?" and not found[0].answered
    assert await route_count(admin, "GET /prodqnaservices/prodqnalist/{start}/{end}/{answer_status}") == 3
    await adapter.answer_inquiry(InquiryAnswer(found[0].inquiry_id, InquiryKind.PRODUCT_QNA, "네, 동일합니다."))
    assert (await admin("GET", "/qnas"))[0]["answer"] == "네, 동일합니다."
    [again] = [q async for page in adapter.fetch_inquiries(now() - timedelta(days=1), now()) for q in page]
    assert again.answered and again.answer == "네, 동일합니다."


async def test_urgent_notices_are_fetched_and_answered(adapter: St11Adapter, admin: AdminCall) -> None:
    await admin("POST", "/alimis", json={"subject": "배송 지연 문의", "content": "고객이 배송 일정을 문의했습니다."})
    [notice] = [n async for page in adapter.fetch_notices(now() - timedelta(days=45), now()) for n in page]
    assert notice.urgent and not notice.answered and "배송 지연 문의" in notice.title
    assert notice.notice_id.startswith("alimi-")
    await adapter.answer_inquiry(InquiryAnswer(notice.notice_id, InquiryKind.ORDER_INQUIRY, "오늘 발송합니다."))
    [stored] = await admin("GET", "/alimis")
    assert stored["answer"] == "오늘 발송합니다." and stored["status"] == "03"
    assert await route_count(admin, "GET /alimi/getalimilist/{start}/{end}/{status}/{ord_no}") == 2


async def test_order_inquiries_are_unsupported(adapter: St11Adapter) -> None:
    with pytest.raises(UnsupportedOperation) as caught:
        await adapter.answer_inquiry(InquiryAnswer("123", InquiryKind.ORDER_INQUIRY, "답변"))
    assert "11번가" in caught.value.reason_ko


def test_factory_builds_an_adapter_from_the_api_key() -> None:
    from marketbridge.connectors.registry import AdapterConfig
    from marketbridge.connectors.st11 import factory

    assert factory.CREDENTIAL_FIELDS == ("api_key",)
    adapter = factory.build(
        AdapterConfig("st11", "acc-1", "seller-1", {"api_key": "k" * 32}, "http://127.0.0.1:1/st11/external", 3.0, 10.0)
    )
    assert isinstance(adapter, St11Adapter) and adapter.account_id == "acc-1"
