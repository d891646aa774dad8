"""Customer questions: product Q&A (contents group) and order inquiries (pay-user / pay-merchant)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.synthetic import mask_login, mask_name
from marketbridge.sandbox.core.timefmt import DAY_MS, fmt_kst, parse_date_ms, parse_datetime_ms
from marketbridge.sandbox.naver.errors import NaverError
from marketbridge.sandbox.naver.models import Inquiry, Qna
from marketbridge.sandbox.naver.routes.common import context, json_body, naver_state, seller_store
from starlette.responses import Response

router = APIRouter()


def _bad(name: str, message: str) -> NaverError:
    return NaverError(400, "BAD_REQUEST", message, [{"name": name, "type": "InvalidValue", "message": message}])


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    try:
        value = default if raw in (None, "") else int(str(raw))
    except ValueError:
        raise _bad(name, f"{name}: 숫자를 입력해 주세요.") from None
    if not low <= value <= high:
        raise _bad(name, f"{name}: {low}~{high} 범위여야 합니다.")
    return value


def _answered_filter(request: Request) -> bool | None:
    raw = request.query_params.get("answered")
    return None if raw in (None, "") else raw == "true"


def _qna_view(q: Qna) -> dict[str, Any]:
    return {"questionId": q.question_id, "productId": str(q.channel_no), "productName": q.product_name,
            "question": q.question, "answer": q.answer, "answered": q.answer is not None,
            "createDate": fmt_kst(q.created_ms), "maskedWriterId": q.writer}


@router.get("/v1/contents/qnas")
async def list_qnas(request: Request) -> ORJSONResponse:
    try:
        start = parse_datetime_ms(request.query_params["fromDate"])
        end = parse_datetime_ms(request.query_params["toDate"])
    except (KeyError, ValueError):
        raise _bad("fromDate", "fromDate, toDate는 필수이며 날짜 형식이어야 합니다.") from None
    page, size = _int_param(request, "page", 1, 1, 100_000), _int_param(request, "size", 100, 1, 100)
    answered = _answered_filter(request)
    store = seller_store(request)
    rows = [q for q in sorted(store.qnas.values(), key=lambda q: (q.created_ms, q.question_id))
            if start <= q.created_ms <= end and (answered is None or (q.answer is not None) == answered)]
    total_pages = (len(rows) + size - 1) // size
    return ORJSONResponse({
        "contents": [_qna_view(q) for q in rows[(page - 1) * size: page * size]], "page": page, "size": size,
        "totalElements": len(rows), "totalPages": total_pages, "first": page == 1, "last": page >= total_pages,
        "sort": {"sorted": True, "fields": [{"name": "createDate", "direction": "ASC"}]},
    })


@router.put("/v1/contents/qnas/{question_id}")
async def answer_qna(question_id: str, request: Request) -> Response:
    body = await json_body(request, product_group=True)
    content = body.get("commentContent") if isinstance(body, dict) else None
    if not isinstance(content, str) or not content.strip():
        raise _bad("commentContent", "답변 내용을 입력해 주세요.")
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        qna = store.qnas.get(int(question_id)) if question_id.isdigit() else None
        if qna is None:
            raise NaverError(404, "NOT_FOUND", "문의가 존재하지 않습니다.", [])
        qna.answer, qna.answered_ms = content, state.now_ms()
    return Response(status_code=204)


def _inquiry_view(i: Inquiry) -> dict[str, Any]:
    return {"inquiryNo": i.inquiry_no, "category": i.category, "title": i.title,
            "inquiryContent": i.content, "inquiryRegistrationDateTime": fmt_kst(i.created_ms),
            "answerContentId": i.answer_content_id, "answerContent": i.answer, "answered": i.answer is not None,
            "orderId": i.order_id, "productNo": i.product_no,
            "productOrderIdList": ",".join(i.product_order_ids) or None, "productName": i.product_name,
            "productOrderOption": i.product_option, "customerId": mask_login(i.customer_id),
            "customerName": mask_name(i.customer_name)}


@router.get("/v1/pay-user/inquiries")
async def list_inquiries(request: Request) -> ORJSONResponse:
    try:
        start = parse_date_ms(request.query_params["startSearchDate"])
        end = parse_date_ms(request.query_params["endSearchDate"]) + DAY_MS - 1
    except (KeyError, ValueError):
        raise _bad("startSearchDate", "startSearchDate, endSearchDate(yyyy-MM-dd)는 필수입니다.") from None
    page, size = _int_param(request, "page", 1, 1, 100_000), _int_param(request, "size", 200, 10, 200)
    answered = _answered_filter(request)
    store = seller_store(request)
    rows = [i for i in sorted(store.inquiries.values(), key=lambda i: (i.created_ms, i.inquiry_no))
            if start <= i.created_ms <= end and (answered is None or (i.answer is not None) == answered)]
    chunk = rows[(page - 1) * size: page * size]
    total_pages = (len(rows) + size - 1) // size
    return ORJSONResponse({
        "content": [_inquiry_view(i) for i in chunk], "totalPages": total_pages, "totalElements": len(rows),
        "number": page - 1, "size": size, "numberOfElements": len(chunk), "first": page == 1,
        "last": page >= total_pages, "empty": not chunk,
        "sort": {"sorted": True, "unsorted": False, "empty": False},
    })


@router.post("/v1/pay-merchant/inquiries/{inquiry_no}/answer")
async def answer_inquiry(inquiry_no: str, request: Request) -> ORJSONResponse:
    body = await json_body(request, product_group=True)
    comment = body.get("answerComment") if isinstance(body, dict) else None
    if not isinstance(comment, str) or not comment.strip():
        raise _bad("answerComment", "답변 내용을 입력해 주세요.")
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        inquiry = store.inquiries.get(int(inquiry_no)) if inquiry_no.isdigit() else None
        if inquiry is None:
            raise NaverError(400, "ERR-NC-101004", "문의를 찾을 수 없습니다.")
        if inquiry.answer is not None:
            raise NaverError(400, "ERR-NC-101010", "이미 답변이 등록된 문의입니다.")
        inquiry.answer, inquiry.answered_ms = comment, state.now_ms()
        inquiry.answer_content_id = state.next_small_id()
    return ORJSONResponse({"timestamp": fmt_kst(state.now_ms()), "traceId": context(request).trace_id,
                           "data": {"inquiryNo": inquiry.inquiry_no, "inquiryCommentNo": inquiry.answer_content_id}})
