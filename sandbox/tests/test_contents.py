from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from marketbridge.sandbox.core.timefmt import fmt_kst, fmt_kst_date
from marketbridge.sandbox.testing import FakeClock

PlaceOrders = Callable[..., Awaitable[list[str]]]


async def test_product_qna_list_and_answer(api: httpx.AsyncClient, client: httpx.AsyncClient, clock: FakeClock,
                                           product: dict[str, Any]) -> None:
    made = await client.post("/naver/admin/inquiries", json={"kind": "qna", "product_no": product["originProductNo"],
                                                              "count": 3})
    assert made.status_code == 201
    window = {"fromDate": fmt_kst(int(clock() * 1000) - 60_000), "toDate": fmt_kst(int(clock() * 1000) + 60_000)}
    page = (await api.get("/v1/contents/qnas", params={**window, "size": 2})).json()
    assert page["totalElements"] == 3 and page["totalPages"] == 2 and len(page["contents"]) == 2
    question = page["contents"][0]
    assert question["answered"] is False and question["productName"] == "면 티셔츠"
    answered = await api.put(f"/v1/contents/qnas/{question['questionId']}", json={"commentContent": "정사이즈입니다."})
    assert answered.status_code == 204
    open_ones = (await api.get("/v1/contents/qnas", params={**window, "answered": "false"})).json()
    assert open_ones["totalElements"] == 2
    assert (await api.get("/v1/contents/qnas")).status_code == 400


async def test_customer_inquiries_list_and_answer_once(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                       clock: FakeClock, place_orders: PlaceOrders) -> None:
    [po_id] = await place_orders()
    made = (await client.post("/naver/admin/inquiries", json={"kind": "inquiry", "product_order_id": po_id,
                                                              "title": "배송 문의", "content": "언제 와요?"})).json()
    today = fmt_kst_date(int(clock() * 1000))
    page = (await api.get("/v1/pay-user/inquiries", params={"startSearchDate": today, "endSearchDate": today})).json()
    assert page["totalElements"] == 1
    row = page["content"][0]
    assert row["inquiryNo"] == made["ids"][0] and row["productOrderIdList"] == po_id
    assert row["answered"] is False and "*" in row["customerName"]
    url = f"/v1/pay-merchant/inquiries/{row['inquiryNo']}/answer"
    answer = (await api.post(url, json={"answerComment": "오늘 발송됩니다."})).json()
    assert answer["data"]["inquiryNo"] == row["inquiryNo"] and answer["data"]["inquiryCommentNo"]
    twice = await api.post(url, json={"answerComment": "다시"})
    assert twice.status_code == 400 and twice.json()["code"] == "ERR-NC-101010"
    missing = await api.post("/v1/pay-merchant/inquiries/1/answer", json={"answerComment": "?"})
    assert missing.json()["code"] == "ERR-NC-101004"
