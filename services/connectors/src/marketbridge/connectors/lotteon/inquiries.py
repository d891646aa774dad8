"""Product Q&A and 1:1 seller inquiries of the 롯데ON adapter (answer field names and windows (modelled))."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from marketbridge.connectors.lotteon.dates import INQUIRY_WINDOW_DAYS, QNA_WINDOW, day_slices, fmt, parse, slices
from marketbridge.connectors.lotteon.http import MARKETPLACE, LotteOnHttp, check_result
from marketbridge.connectors.lotteon.orders import EPOCH
from marketbridge.connectors.ports import InquiryAnswer, InquiryKind, MarketplaceInquiry

PAGE = 100


def _qna(row: dict[str, Any], account_id: str) -> MarketplaceInquiry:
    return MarketplaceInquiry(
        marketplace=MARKETPLACE,
        account_id=account_id,
        kind=InquiryKind.PRODUCT_QNA,
        inquiry_id=str(row["pdQnaNo"]),
        title=row.get("qstTitl"),
        content=row.get("qstCnts") or "",
        created_at=parse(row.get("regDttm")) or EPOCH,
        answered=row.get("qnaStatCd") == "PROC",
        answer=row.get("ansCnts"),
        product_id=row.get("spdNo"),
        product_name=row.get("spdNm"),
        order_id=row.get("odNo"),
        customer_name=row.get("qstrNm"),
        category=row.get("qstTypCd"),
        raw=row,
    )


def _inquiry(row: dict[str, Any], account_id: str) -> MarketplaceInquiry:
    return MarketplaceInquiry(
        marketplace=MARKETPLACE,
        account_id=account_id,
        kind=InquiryKind.ORDER_INQUIRY,
        inquiry_id=str(row["slrInqNo"]),
        title=row.get("inqTitl"),
        content=row.get("inqCnts") or "",
        created_at=parse(row.get("regDttm")) or EPOCH,
        answered=row.get("slrInqProcStatCd") == "ANS",
        answer=row.get("ansCnts"),
        product_id=row.get("spdNo"),
        product_name=row.get("spdNm"),
        order_id=row.get("odNo"),
        customer_name=row.get("custNm"),
        raw=row,
    )


async def _pages(http: LotteOnHttp, path: str, body: dict[str, Any], key: str) -> AsyncIterator[list[dict[str, Any]]]:
    page = 1
    while True:
        data = await http.post(path, "fetch_inquiries", {**body, "pageNo": page, "rowsPerPage": PAGE}, idempotent=True)
        rows = list((data or {}).get(key) or ())
        if rows:
            yield rows
        if len(rows) < PAGE or page * PAGE >= int((data or {}).get("totCnt") or 0):
            return
        page += 1


async def fetch_inquiries(
    http: LotteOnHttp, account_id: str, tr_no: str, window_from: datetime, window_to: datetime
) -> AsyncIterator[list[MarketplaceInquiry]]:
    for start, end in slices(window_from, window_to, QNA_WINDOW):
        body = {"trGrpCd": "SR", "trNo": tr_no, "regStrDttm": fmt(start), "regEndDttm": fmt(end)}
        async for rows in _pages(http, "/product/v1/product/qna/list", body, "qnaList"):
            yield [_qna(r, account_id) for r in rows]
    for first, last in day_slices(window_from, window_to, INQUIRY_WINDOW_DAYS):
        async for rows in _pages(
            http, "/customer/v1/getSellerInquiryList", {"scStrtDt": first, "scEndDt": last}, "slrInqList"
        ):
            page = [i for i in (_inquiry(r, account_id) for r in rows) if window_from <= i.created_at <= window_to]
            if page:
                yield page


async def answer_inquiry(http: LotteOnHttp, tr_no: str, answer: InquiryAnswer) -> None:
    if answer.kind == InquiryKind.PRODUCT_QNA:
        body: dict[str, Any] = {
            "trGrpCd": "SR",
            "trNo": tr_no,
            "pdQnaNo": int(answer.inquiry_id),
            "ansCnts": answer.content,
        }
        data = await http.post("/product/v1/product/qna/reply", "answer_inquiry", body, idempotent=True)
    else:
        body = {"slrInqNo": int(answer.inquiry_id), "ansCnts": answer.content}
        data = await http.post("/customer/v1/updateSellerInquiry", "answer_inquiry", body, idempotent=True)
    check_result(data, "answer_inquiry")
