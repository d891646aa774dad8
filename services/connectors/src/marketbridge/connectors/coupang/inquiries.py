"""Customer inquiries (onlineInquiries, product Q&A) and Coupang call-center inquiries for the adapter.

Call-center inquiries are Coupang's closest thing to an urgent notice: cases Coupang's call center
escalates to the seller, which the seller is expected to answer quickly. They are collected by
`fetch_notices` (urgent) and answered through `answer_inquiry` with kind ORDER_INQUIRY and the notice id.
Both lists take `yyyy-MM-dd` dates, at most 7 days a call (the call-center limit is (modelled) on the
product-inquiry one), and page with pageNum/pageSize.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

from marketbridge.connectors.coupang.dates import fmt_date, kst_date, parse
from marketbridge.connectors.coupang.http import MARKETPLACE, CoupangHttp
from marketbridge.connectors.ports import InquiryAnswer, InquiryKind, MarketplaceInquiry, MarketplaceNotice

API = "/v2/providers/openapi/apis/api"
WINDOW_DAYS = 7
PAGE = 50
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _day_slices(start: datetime, end: datetime) -> list[tuple[str, str]]:
    first, last = kst_date(start), kst_date(end)
    out = []
    while first <= last:
        stop = min(first + timedelta(days=WINDOW_DAYS - 1), last)
        out.append((f"{first:%Y-%m-%d}", f"{stop:%Y-%m-%d}"))
        first = stop + timedelta(days=1)
    return out


def parse_online(row: dict[str, Any], account_id: str) -> MarketplaceInquiry:
    comments = row.get("commentDtoList") or []
    return MarketplaceInquiry(
        marketplace=MARKETPLACE,
        account_id=account_id,
        kind=InquiryKind.PRODUCT_QNA,
        inquiry_id=str(row["inquiryId"]),
        title=None,
        content=row.get("content") or "",
        created_at=parse(row.get("inquiryAt")) or EPOCH,
        answered=bool(comments),
        answer=comments[-1].get("content") if comments else None,
        product_id=str(row["sellerProductId"]) if row.get("sellerProductId") else None,
        product_name=None,
        order_id=str(row["orderIds"][0]) if row.get("orderIds") else None,
        category="상품문의",
        raw=row,
    )


def parse_callcenter(row: dict[str, Any], account_id: str) -> MarketplaceNotice:
    replies = row.get("replies") or []
    category = row.get("receiptCategory") or "고객센터 문의"
    return MarketplaceNotice(
        marketplace=MARKETPLACE,
        account_id=account_id,
        notice_id=str(row["inquiryId"]),
        title=f"[쿠팡 고객센터] {category}",
        content=row.get("content") or "",
        received_at=parse(row.get("inquiryAt")) or EPOCH,
        urgent=True,
        answered=bool(replies) or row.get("csPartnerCounselingStatus") == "ANSWER",
        raw=row,
    )


class InquiryOps:
    def __init__(self, http: CoupangHttp, account_id: str) -> None:
        self.http, self.account = http, account_id
        self.vendor = http.credentials.vendor_id

    async def _pages(
        self, path: str, params: list[tuple[str, Any]], operation: str
    ) -> AsyncIterator[list[dict[str, Any]]]:
        page = 1
        while True:
            body = await self.http.call("GET", path, operation, params=[*params, ("pageNum", page), ("pageSize", PAGE)])
            data = body.get("data") or {}
            rows = data.get("content") or []
            if rows:
                yield rows
            total = int((data.get("pagination") or {}).get("totalPages") or 0)
            if not rows or page >= total:
                return
            page += 1

    async def fetch_inquiries(self, start: datetime, end: datetime) -> AsyncIterator[list[MarketplaceInquiry]]:
        path = f"{API}/v5/vendors/{self.vendor}/onlineInquiries"
        for first, last in _day_slices(start, end):
            params = [
                ("vendorId", self.vendor),
                ("answeredType", "ALL"),
                ("inquiryStartAt", first),
                ("inquiryEndAt", last),
            ]
            async for rows in self._pages(path, params, "fetch_inquiries"):
                page = [i for i in (parse_online(r, self.account) for r in rows) if start <= i.created_at <= end]
                if page:
                    yield page

    async def fetch_notices(self, start: datetime, end: datetime) -> AsyncIterator[list[MarketplaceNotice]]:
        path = f"{API}/v5/vendors/{self.vendor}/callCenterInquiries"
        for first, last in _day_slices(start, end):
            params = [("inquiryStartAt", first), ("inquiryEndAt", last), ("partnerCounselingStatus", "NONE")]
            async for rows in self._pages(path, params, "fetch_notices"):
                page = [n for n in (parse_callcenter(r, self.account) for r in rows) if start <= n.received_at <= end]
                if page:
                    yield page

    async def answer(self, answer: InquiryAnswer) -> None:
        user = self.http.credentials.user_id
        if answer.kind == InquiryKind.PRODUCT_QNA:
            await self.http.call(
                "POST",
                f"{API}/v4/vendors/{self.vendor}/onlineInquiries/{answer.inquiry_id}/replies",
                "answer_inquiry",
                json={"content": answer.content, "vendorId": self.vendor, "replyBy": user},
                idempotent=False,
            )
            return
        await self.http.call(
            "POST",
            f"{API}/v4/vendors/{self.vendor}/callCenterInquiries/{answer.inquiry_id}/replies",
            "answer_inquiry",
            json={
                "vendorId": self.vendor,
                "inquiryId": int(answer.inquiry_id),
                "content": answer.content,
                "replyBy": user,
                "parentAnswerId": None,
            },
            idempotent=False,
        )


__all__ = ["InquiryOps", "fmt_date", "parse_callcenter", "parse_online"]
