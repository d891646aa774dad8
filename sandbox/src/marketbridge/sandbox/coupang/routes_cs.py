"""Customer inquiries (onlineInquiries) and Coupang call-center inquiries (callCenterInquiries)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.coupang.common import (
    OPENAPI,
    coupang_state,
    json_body,
    ok,
    path_int,
    query_int,
    query_time,
    vendor_store,
)
from marketbridge.sandbox.coupang.errors import bad_request
from marketbridge.sandbox.coupang.models import Comment
from marketbridge.sandbox.coupang.serialize import callcenter_view, online_view
from marketbridge.sandbox.coupang.timefmt import DAY_MS

router = APIRouter(prefix=OPENAPI)
COUNSELING = frozenset({"NONE", "ANSWER", "NO_ANSWER", "TRANSFER"})


def _window(request: Request) -> tuple[int, int]:
    start = query_time(request, "inquiryStartAt", need_time=False)
    end = query_time(request, "inquiryEndAt", need_time=False) + DAY_MS
    if end <= start or end - start > 7 * DAY_MS:
        raise bad_request("문의 조회 기간은 최대 7일입니다.")
    return start, end


def _page(request: Request, rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    page = query_int(request, "pageNum", 1, 1, 1_000_000)
    size = query_int(request, "pageSize", 10, 1, 50)
    everything = list(rows)
    content = everything[(page - 1) * size : page * size]
    total_pages = (len(everything) + size - 1) // size
    return {
        "content": content,
        "pagination": {
            "currentPage": page,
            "totalPages": total_pages,
            "totalElements": len(everything),
            "countPerPage": size,
        },
    }


@router.get("/v5/vendors/{vendor_id}/onlineInquiries")
async def online_inquiries(vendor_id: str, request: Request) -> ORJSONResponse:
    answered = request.query_params.get("answeredType") or ""
    if answered not in ("ALL", "ANSWERED", "NOANSWER"):
        raise bad_request("answeredType은 ALL, ANSWERED, NOANSWER 중 하나입니다.")
    start, end = _window(request)
    with coupang_state(request).lock:
        found = sorted(
            (q for q in vendor_store(request).online.values() if start <= q.inquiry_ms < end),
            key=lambda q: (q.inquiry_ms, q.inquiry_id),
        )
        rows = (online_view(q) for q in found if answered == "ALL" or (answered == "ANSWERED") == bool(q.comments))
        return ok(_page(request, rows))


@router.post("/v4/vendors/{vendor_id}/onlineInquiries/{inquiry_id}/replies")
async def reply_online(vendor_id: str, inquiry_id: str, request: Request) -> ORJSONResponse:
    body = await json_body(request)
    if not isinstance(body, dict) or str(body.get("vendorId")) != vendor_id:
        raise bad_request("vendorId가 올바르지 않습니다.")
    content, reply_by = str(body.get("content") or ""), str(body.get("replyBy") or "")
    if not content.strip() or not reply_by:
        raise bad_request("content와 replyBy는 필수입니다.")
    state = coupang_state(request)
    with state.lock:
        inquiry = vendor_store(request).online.get(path_int(inquiry_id, "inquiryId"))
        if inquiry is None:
            raise bad_request("문의(inquiryId)를 찾을 수 없습니다.")
        inquiry.comments.append(Comment(state.next_small_id(), content, state.now_ms(), reply_by))
    return ok(None, code="200", message="OK")


@router.get("/v5/vendors/{vendor_id}/callCenterInquiries")
async def callcenter_inquiries(vendor_id: str, request: Request) -> ORJSONResponse:
    status = request.query_params.get("partnerCounselingStatus") or "NONE"
    if status not in COUNSELING:
        raise bad_request("partnerCounselingStatus는 NONE, ANSWER, NO_ANSWER, TRANSFER 중 하나입니다.")
    start, end = _window(request)
    with coupang_state(request).lock:
        found = sorted(
            (q for q in vendor_store(request).callcenter.values() if start <= q.inquiry_ms < end),
            key=lambda q: (q.inquiry_ms, q.inquiry_id),
        )
        rows = (callcenter_view(q) for q in found if status == "NONE" or q.counseling_status == status)
        return ok(_page(request, rows))


@router.get("/v5/vendors/callCenterInquiries/{inquiry_id}")
async def one_callcenter(inquiry_id: str, request: Request) -> ORJSONResponse:
    inquiry = vendor_store(request).callcenter.get(path_int(inquiry_id, "inquiryId"))
    if inquiry is None:
        raise bad_request("문의(inquiryId)를 찾을 수 없습니다.")
    return ok(callcenter_view(inquiry))


@router.post("/v4/vendors/{vendor_id}/callCenterInquiries/{inquiry_id}/replies")
async def reply_callcenter(vendor_id: str, inquiry_id: str, request: Request) -> ORJSONResponse:
    body = await json_body(request)
    iid = path_int(inquiry_id, "inquiryId")
    if not isinstance(body, dict) or str(body.get("vendorId")) != vendor_id or str(body.get("inquiryId")) != str(iid):
        raise bad_request("vendorId 또는 inquiryId가 올바르지 않습니다.")
    content, reply_by = str(body.get("content") or ""), str(body.get("replyBy") or "")
    if not content.strip() or not reply_by:
        raise bad_request("content와 replyBy는 필수입니다.")
    state = coupang_state(request)
    with state.lock:
        inquiry = vendor_store(request).callcenter.get(iid)
        if inquiry is None:
            raise bad_request("문의(inquiryId)를 찾을 수 없습니다.")
        inquiry.replies.append(Comment(state.next_small_id(), content, state.now_ms(), reply_by))
        inquiry.counseling_status = "ANSWER"
    return ok(None, code="200", message="OK")


@router.post("/v4/vendors/{vendor_id}/callCenterInquiries/{inquiry_id}/confirms")
async def confirm_callcenter(vendor_id: str, inquiry_id: str, request: Request) -> ORJSONResponse:
    body = await json_body(request)
    if not isinstance(body, dict) or not body.get("confirmBy"):
        raise bad_request("confirmBy는 필수입니다.")
    with coupang_state(request).lock:
        inquiry = vendor_store(request).callcenter.get(path_int(inquiry_id, "inquiryId"))
        if inquiry is None:
            raise bad_request("문의(inquiryId)를 찾을 수 없습니다.")
        inquiry.confirmed_by = str(body["confirmBy"])
    return ok(None, code="200", message="OK")
