"""Product Q&A (`/product/v1/product/qna/list|reply`) and 1:1 seller inquiries (`/customer/v1/...`).

Request fields are documented; the answers' field names and the windows (Q&A ≤ 7 days, inquiries ≤ 31 days)
are (modelled)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.synthetic import mask_name
from marketbridge.sandbox.lotteon.common import LotteOnError, body, fmt, lo_state, ok, seller, window
from marketbridge.sandbox.lotteon.models import Question

router = APIRouter(prefix="/v1/openapi")
DAY_MS = 86_400_000


def _page(data: dict[str, Any]) -> tuple[int, int]:
    page, size = int(data.get("pageNo") or 1), int(data.get("rowsPerPage") or 100)
    if page < 1 or not 1 <= size <= 100:
        raise LotteOnError("1001", "pageNo는 1 이상, rowsPerPage는 1~100이어야 합니다.")
    return page, size


def qna_view(q: Question) -> dict[str, Any]:
    return {
        "pdQnaNo": q.number,
        "spdNo": q.spd_no,
        "spdNm": q.spd_nm,
        "qstTypCd": "DP_INFO",
        "qstTitl": q.title,
        "qstCnts": q.content,
        "qstrNm": mask_name(q.customer),
        "regDttm": fmt(q.reg_ms),
        "odNo": q.od_no,
        "qnaStatCd": "PROC" if q.answer is not None else "NPROC",
        "ansCnts": q.answer,
        "ansDttm": fmt(q.answered_ms),
    }


def inquiry_view(q: Question) -> dict[str, Any]:
    return {
        "slrInqNo": q.number,
        "inqTitl": q.title,
        "inqCnts": q.content,
        "custNm": mask_name(q.customer),
        "odNo": q.od_no,
        "spdNo": q.spd_no,
        "spdNm": q.spd_nm,
        "regDttm": fmt(q.reg_ms),
        "slrInqProcStatCd": "ANS" if q.answer is not None else "UNANS",
        "ansCnts": q.answer,
        "ansDttm": fmt(q.answered_ms),
    }


def _rows(request: Request, kind: str, low: int, high: int, answered: bool | None) -> list[Question]:
    state, me = lo_state(request), seller(request)
    return [
        q
        for q in sorted(state.questions.values(), key=lambda q: q.number)
        if q.kind == kind
        and q.tr_no == me.tr_no
        and low <= q.reg_ms <= high
        and (answered is None or (q.answer is not None) == answered)
    ]


@router.post("/product/v1/product/qna/list")
async def qna_list(request: Request) -> ORJSONResponse:
    data = await body(request)
    if str(data.get("trNo") or "") != seller(request).tr_no:
        raise LotteOnError("1003", "trNo가 인증키의 거래처와 다릅니다.")
    low, high = window(data, "regStrDttm", "regEndDttm", 7 * DAY_MS)
    page, size = _page(data)
    status = data.get("qnaStatCd")
    rows = _rows(request, "qna", low, high, None if status is None else status == "PROC")
    return ok({"totCnt": len(rows), "qnaList": [qna_view(q) for q in rows[(page - 1) * size : page * size]]})


@router.post("/customer/v1/getSellerInquiryList")
async def inquiry_list(request: Request) -> ORJSONResponse:
    data = await body(request)
    low, high = window(data, "scStrtDt", "scEndDt", 31 * DAY_MS, "%Y%m%d")
    page, size = _page(data)
    status = data.get("slrInqProcStatCd")
    rows = _rows(request, "inquiry", low, high, None if status is None else status == "ANS")
    return ok({"totCnt": len(rows), "slrInqList": [inquiry_view(q) for q in rows[(page - 1) * size : page * size]]})


def _answer(request: Request, kind: str, number: Any, content: Any) -> ORJSONResponse:
    state, me = lo_state(request), seller(request)
    with state.lock:
        question = state.questions.get(int(number)) if str(number or "").isdigit() else None
        if question is None or question.kind != kind or question.tr_no != me.tr_no:
            return ok({"rsltCd": "2001", "rsltMsg": "문의 정보가 없습니다."})
        text = str(content or "").strip()
        if not text or len(text) > 2000:
            return ok({"rsltCd": "1001", "rsltMsg": "답변 내용은 1~2000자여야 합니다."})
        question.answer, question.answered_ms = text, state.now_ms()
    return ok({"rsltCd": "0000", "rsltMsg": "성공"})


@router.post("/product/v1/product/qna/reply")
async def qna_reply(request: Request) -> ORJSONResponse:
    data = await body(request)
    return _answer(request, "qna", data.get("pdQnaNo"), data.get("ansCnts"))


@router.post("/customer/v1/updateSellerInquiry")
async def inquiry_reply(request: Request) -> ORJSONResponse:
    data = await body(request)
    return _answer(request, "inquiry", data.get("slrInqNo"), data.get("ansCnts"))


@router.post("/common/v1/identity")
async def identity(request: Request) -> ORJSONResponse:
    me = seller(request)
    return ok({"trGrpCd": "SR", "trNo": me.tr_no, "lrtrNo": me.lrtr_no})
