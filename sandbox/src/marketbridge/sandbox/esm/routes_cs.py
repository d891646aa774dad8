"""CS bulletin board (buyer questions, answered with the per-message `token`) and 긴급알리미.

(modelled) the envelopes and row fields of both lists; the public record names the paths, the request
fields and `MessageNo` / `token` only.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.esm.common import EsmError, body, ctx, day_window, esm_state, int_field, ok, seller_for
from marketbridge.sandbox.esm.serialize import message_row, notice_row

router = APIRouter()
BOARD = "/item/v1/communications/customer/bulletin-board"
MAX_COMMENT_BYTES = 1000


@router.post(BOARD)
async def bulletin_board(request: Request) -> ORJSONResponse:
    data = await body(request)
    qna_type = int_field(data, "qnaType")
    if qna_type not in (1, 2, 3):
        raise EsmError(3000, "qnaType: 1(옥션 일반), 2(옥션 비밀글), 3(G마켓)이어야 합니다.")
    status = int_field(data, "status", 1)
    site = "G" if qna_type == 3 else "A"
    seller = seller_for(request, site)
    start, end = day_window(data, "startDate", "endDate", 7)
    state = esm_state(request)
    with state.lock:
        rows = [
            message_row(m)
            for m in sorted(state.messages.values(), key=lambda m: m.message_no)
            if m.site == site
            and m.seller_id == seller
            and start <= m.reg_ms <= end
            and (site == "G" or m.secret == (qna_type == 2))
            and (status == 1 or (status == 2) == (m.answer is None))
        ]
    return ok(rows, site)


@router.post(f"{BOARD}/qna")
async def answer(request: Request) -> ORJSONResponse:
    data = await body(request)
    number = int_field(data, "MessageNo")
    state = esm_state(request)
    with state.lock:
        message = state.messages.get(number)
        if message is None or ctx(request).sellers.get(message.site) != message.seller_id:
            raise EsmError(99999, "문의 정보가 없습니다.")
        if str(data.get("token") or "") != message.token:
            raise EsmError(3000, "token이 올바르지 않습니다.", site=message.site)
        comments = str(data.get("comments") or "")
        if not comments or len(comments.encode("euc-kr", errors="replace")) > MAX_COMMENT_BYTES:
            raise EsmError(3000, "comments는 1~1000바이트여야 합니다.", site=message.site)
        status = int_field(data, "answerStatus", 2)
        message.answer, message.answer_title, message.answer_status = comments, str(data.get("title") or ""), status
        message.answered_ms = state.now_ms()
    return ok({"MessageNo": number}, message.site)


@router.post("/assist/v1/Selling/GetEmergencyInformList")
async def emergency_list(request: Request) -> ORJSONResponse:
    data = await body(request)
    status = int_field(data, "status", 1)
    start, end = day_window(data, "startDate", "endDate", 31)
    sellers = ctx(request).sellers
    state = esm_state(request)
    with state.lock:
        rows = [
            notice_row(n)
            for n in sorted(state.notices.values(), key=lambda n: n.notice_no)
            if sellers.get(n.site) == n.seller_id
            and start <= n.reg_ms <= end
            and (status == 1 or (status == 2) == (not n.done))
        ]
    return ok(rows)
