"""Customer questions for the Naver adapter: product Q&A (contents) and order inquiries (pay-user)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from marketbridge.connectors.naver.dates import fmt, fmt_date, parse
from marketbridge.connectors.naver.http import MARKETPLACE, NaverHttp
from marketbridge.connectors.naver.orders import EPOCH
from marketbridge.connectors.ports import InquiryAnswer, InquiryKind, MarketplaceInquiry

QNA_PAGE = 100
INQUIRY_PAGE = 200


def _qna(row: dict[str, Any], account_id: str) -> MarketplaceInquiry:
    return MarketplaceInquiry(
        marketplace=MARKETPLACE, account_id=account_id, kind=InquiryKind.PRODUCT_QNA,
        inquiry_id=str(row["questionId"]), title=None, content=row.get("question") or "",
        created_at=parse(row.get("createDate")) or EPOCH, answered=bool(row.get("answered")),
        answer=row.get("answer"), product_id=str(row["productId"]) if row.get("productId") else None,
        product_name=row.get("productName"), customer_name=row.get("maskedWriterId"), raw=row)


def _inquiry(row: dict[str, Any], account_id: str) -> MarketplaceInquiry:
    line_ids = tuple(i for i in str(row.get("productOrderIdList") or "").split(",") if i)
    return MarketplaceInquiry(
        marketplace=MARKETPLACE, account_id=account_id, kind=InquiryKind.ORDER_INQUIRY,
        inquiry_id=str(row["inquiryNo"]), title=row.get("title"), content=row.get("inquiryContent") or "",
        created_at=parse(row.get("inquiryRegistrationDateTime")) or EPOCH,
        answered=bool(row.get("answered")), answer=row.get("answerContent"),
        product_id=str(row["productNo"]) if row.get("productNo") else None, product_name=row.get("productName"),
        order_id=row.get("orderId"), order_line_ids=line_ids, customer_name=row.get("customerName"),
        category=row.get("category"), raw=row)


async def fetch_inquiries(http: NaverHttp, account_id: str, window_from: datetime, window_to: datetime
                          ) -> AsyncIterator[list[MarketplaceInquiry]]:
    page = 1
    while True:
        body = await http.call("GET", "/v1/contents/qnas", "fetch_inquiries", params={
            "fromDate": fmt(window_from), "toDate": fmt(window_to), "page": page, "size": QNA_PAGE})
        rows = [_qna(r, account_id) for r in body.get("contents") or ()]
        if rows:
            yield rows
        if body.get("last", True) or not rows:
            break
        page += 1
    page = 1
    while True:
        body = await http.call("GET", "/v1/pay-user/inquiries", "fetch_inquiries", params={
            "startSearchDate": fmt_date(window_from), "endSearchDate": fmt_date(window_to), "page": page,
            "size": INQUIRY_PAGE})
        content = body.get("content") or ()
        rows = [i for i in (_inquiry(r, account_id) for r in content) if window_from <= i.created_at <= window_to]
        if rows:
            yield rows
        if body.get("last", True) or not content:
            break
        page += 1


async def answer_inquiry(http: NaverHttp, answer: InquiryAnswer) -> None:
    if answer.kind == InquiryKind.PRODUCT_QNA:
        await http.call("PUT", f"/v1/contents/qnas/{answer.inquiry_id}", "answer_inquiry",
                        json={"commentContent": answer.content}, idempotent=True)
        return
    body: dict[str, Any] = {"answerComment": answer.content}
    if answer.template_id is not None:
        body["answerTemplateId"] = answer.template_id
    await http.call("POST", f"/v1/pay-merchant/inquiries/{answer.inquiry_id}/answer", "answer_inquiry",
                    json=body, idempotent=False)
