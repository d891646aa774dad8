"""Product Q&A and 긴급알리미 (marketplace → seller urgent notices) for the 11번가 adapter.

Q&A ids are `"{brdInfoNo}-{prdNo}"` (the answer path needs both). 긴급알리미 ids are `"alimi-{emerNtceSeq}"`;
the port has no notice-answer operation, so `answer_inquiry` with such an id replies to the notice.
The alimi list status `00` (= all) and the `<AlimiAnswer>` body element names are modelled.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from marketbridge.connectors.errors import UnsupportedOperation
from marketbridge.connectors.ports import InquiryAnswer, InquiryKind, MarketplaceInquiry, MarketplaceNotice
from marketbridge.connectors.st11 import xmlcodec
from marketbridge.connectors.st11.dates import parse, split_days, split_minutes
from marketbridge.connectors.st11.http import MARKETPLACE, path
from marketbridge.connectors.st11.orders import EPOCH

if TYPE_CHECKING:
    from marketbridge.connectors.st11.adapter import St11Adapter

ALIMI_PREFIX = "alimi-"
ANSWERED_ALIMI = frozenset({"03", "05", "06"})


def _qna(row: dict[str, str], account_id: str) -> MarketplaceInquiry:
    return MarketplaceInquiry(
        marketplace=MARKETPLACE,
        account_id=account_id,
        kind=InquiryKind.PRODUCT_QNA,
        inquiry_id=f"{row.get('brdInfoNo')}-{row.get('brdInfoClfNo')}",
        title=row.get("brdInfoSbjct") or None,
        content=row.get("brdInfoCont", ""),
        created_at=parse(row.get("createDt")) or EPOCH,
        answered=row.get("answerYn") == "Y",
        answer=row.get("answerCont") or None,
        product_id=row.get("brdInfoClfNo") or None,
        product_name=row.get("prdNm") or None,
        customer_name=row.get("memID") or None,
        category=row.get("qnaDtlsCdNm") or None,
        raw=row,
    )


async def fetch_inquiries(
    adapter: St11Adapter, start: datetime, end: datetime
) -> AsyncIterator[list[MarketplaceInquiry]]:
    for lo, hi in split_days(start, end):
        root = await adapter.http.call("GET", path("prodqnaservices", "prodqnalist", lo, hi, "00"), "fetch_inquiries")
        page = [
            q
            for q in (_qna(r, adapter.account_id) for r in xmlcodec.rows(root, "productQna"))
            if start <= q.created_at <= end
        ]
        if page:
            yield page


async def fetch_notices(adapter: St11Adapter, start: datetime, end: datetime) -> AsyncIterator[list[MarketplaceNotice]]:
    for lo, hi in split_minutes(start, end, timedelta(days=30)):
        root = await adapter.http.call("GET", path("alimi", "getalimilist", lo, hi, "00", "null"), "fetch_notices")
        page = [
            MarketplaceNotice(
                marketplace=MARKETPLACE,
                account_id=adapter.account_id,
                notice_id=f"{ALIMI_PREFIX}{r.get('emerNtceSeq')}",
                title=f"[{r.get('emerNtceClfNm', '')}] {r.get('emerNtceSubject', '')}".strip(),
                content=r.get("emerNtceCont", ""),
                received_at=parse(r.get("createDt")) or EPOCH,
                urgent=True,
                answered=r.get("emerNtceCrntCd") in ANSWERED_ALIMI,
                raw=r,
            )
            for r in xmlcodec.rows(root, "alimi")
        ]
        if page:
            yield page


def _body(root_name: str, **values: str) -> ET.Element:
    root = ET.Element(root_name)
    for name, value in values.items():
        ET.SubElement(root, name).text = value
    return root


async def answer(adapter: St11Adapter, reply: InquiryAnswer) -> None:
    if reply.inquiry_id.startswith(ALIMI_PREFIX):
        body = _body("AlimiAnswer", emerNtceSeq=reply.inquiry_id[len(ALIMI_PREFIX) :], answerCtnt=reply.content)
        await adapter.http.call("PUT", "/alimi/alimianswer", "answer_inquiry", body=body, idempotent=True)
        return
    if reply.kind is not InquiryKind.PRODUCT_QNA:
        raise UnsupportedOperation(
            MARKETPLACE,
            "answer_inquiry.order_inquiry",
            "11번가 Open API에는 주문 문의 답변 API가 없습니다. 상품 Q&A와 긴급알리미만 답변할 수 있습니다.",
        )
    brd_no, _, prd_no = reply.inquiry_id.partition("-")
    await adapter.http.call(
        "PUT",
        path("prodqnaservices", "prodqnaanswer", brd_no, prd_no),
        "answer_inquiry",
        body=_body("ProductQna", answerCont=reply.content),
        idempotent=True,
    )
