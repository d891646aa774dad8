"""CS bulletin board (buyer questions; answering needs the per-message `token`) and 긴급알리미 notices.

qnaType 3 = G마켓, 1/2 = 옥션 일반/비밀글; 7-day windows (6-day slices here). Row fields are (modelled).
The answer API needs the `token` the list gave with the message: tokens are kept per adapter, and a
missing one is looked up again in the last 30 days of the board.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.esm.dates import day_slices, parse
from marketbridge.connectors.esm.http import EsmHttp
from marketbridge.connectors.esm.orders import EPOCH
from marketbridge.connectors.ports import InquiryAnswer, InquiryKind, MarketplaceInquiry, MarketplaceNotice

BOARD = "/item/v1/communications/customer/bulletin-board"
EMERGENCY = "/assist/v1/Selling/GetEmergencyInformList"
TOKEN_LOOKBACK = timedelta(days=30)


def _inquiry(row: dict[str, Any], marketplace: str, account_id: str) -> MarketplaceInquiry:
    order_no = row.get("OrderNo")
    return MarketplaceInquiry(
        marketplace=marketplace,
        account_id=account_id,
        kind=InquiryKind.ORDER_INQUIRY if order_no else InquiryKind.PRODUCT_QNA,
        inquiry_id=str(row["MessageNo"]),
        title=row.get("Title"),
        content=row.get("Comments") or "",
        created_at=parse(row.get("RegDate")) or EPOCH,
        answered=row.get("AnswerComments") is not None,
        answer=row.get("AnswerComments"),
        product_id=str(row["SiteGoodsNo"]) if row.get("SiteGoodsNo") else None,
        product_name=row.get("GoodsName"),
        order_id=None,
        order_line_ids=(str(order_no),) if order_no else (),
        customer_name=row.get("BuyerName"),
        raw=row,
    )


class Board:
    """Lists and answers the bulletin board of one site, remembering each message's token."""

    def __init__(self, http: EsmHttp, account_id: str) -> None:
        self.http, self.account_id = http, account_id
        self.tokens: dict[str, str] = {}

    def _qna_types(self) -> tuple[int, ...]:
        return (3,) if self.http.credentials.site == "G" else (1, 2)

    async def rows(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[dict[str, Any]]]:
        for start, end in day_slices(window_from, window_to):
            for qna_type in self._qna_types():
                body = {"qnaType": qna_type, "status": 1, "type": 1, "startDate": start, "endDate": end}
                rows = await self.http.call(
                    "POST", BOARD, "fetch_inquiries", json=body, idempotent=True, empty_on_no_data=True
                )
                for row in rows or ():
                    self.tokens[str(row["MessageNo"])] = str(row.get("token") or "")
                if rows:
                    yield list(rows)

    async def fetch(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        async for rows in self.rows(window_from, window_to):
            page = [_inquiry(r, self.http.marketplace, self.account_id) for r in rows]
            page = [i for i in page if window_from <= i.created_at <= window_to]
            if page:
                yield page

    async def answer(self, answer: InquiryAnswer) -> None:
        token = self.tokens.get(answer.inquiry_id)
        if token is None:
            now = datetime.fromtimestamp(self.http.now(), UTC)
            async for _ in self.rows(now - TOKEN_LOOKBACK, now):
                if answer.inquiry_id in self.tokens:
                    break
            token = self.tokens.get(answer.inquiry_id)
        if token is None:
            raise PermanentMarketplaceError(
                self.http.marketplace,
                "INQUIRY_NOT_FOUND",
                f"최근 30일 게시판에서 문의 {answer.inquiry_id}를 찾을 수 없습니다.",
                operation="answer_inquiry",
            )
        body = {
            "MessageNo": int(answer.inquiry_id),
            "token": token,
            "answerStatus": 2,
            "title": "문의 답변드립니다",
            "comments": answer.content,
        }
        await self.http.call("POST", f"{BOARD}/qna", "answer_inquiry", json=body, idempotent=True)


def _notice(row: dict[str, Any], marketplace: str, account_id: str) -> MarketplaceNotice:
    return MarketplaceNotice(
        marketplace=marketplace,
        account_id=account_id,
        notice_id=str(row.get("EmergencyNo")),
        title=row.get("Title") or "",
        content=row.get("Contents") or "",
        received_at=parse(row.get("RegDate")) or EPOCH,
        urgent=True,
        answered=row.get("Status") == "처리완료",
        raw=row,
    )


async def fetch_notices(
    http: EsmHttp, account_id: str, window_from: datetime, window_to: datetime
) -> AsyncIterator[list[MarketplaceNotice]]:
    site_type = 2 if http.credentials.site == "G" else 1
    for start, end in day_slices(window_from, window_to):
        body = {"status": 1, "type": 1, "startDate": start, "endDate": end}
        rows = await http.call("POST", EMERGENCY, "fetch_notices", json=body, idempotent=True, empty_on_no_data=True)
        page = [
            _notice(r, http.marketplace, account_id)
            for r in rows or ()
            if int(r.get("SiteType") or site_type) == site_type
        ]
        page = [n for n in page if window_from <= n.received_at <= window_to]
        if page:
            yield page
