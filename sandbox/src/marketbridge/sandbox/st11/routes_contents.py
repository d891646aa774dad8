"""Product Q&A (`/prodqnaservices/...`) and 긴급알리미 (`/alimi/...`) of the 11번가 emulator."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from marketbridge.sandbox.st11.common import WEEK_MS, seller_data, st11_state, text_of, window, xml_body
from marketbridge.sandbox.st11.flow import St11Failure
from marketbridge.sandbox.st11.xmlfmt import KST, alimi_fields, client_message, ns_list, qna_fields
from starlette.responses import Response

router = APIRouter()
DAY_MS = 86_400_000


def _day(text: str) -> int:
    try:
        return int(datetime.strptime(text, "%Y%m%d").replace(tzinfo=KST).timestamp() * 1000)
    except ValueError:
        raise St11Failure(-998, "날짜 형식이 올바르지 않습니다.(yyyyMMdd)") from None


@router.get("/prodqnaservices/prodqnalist/{start}/{end}/{answer_status}")
async def qna_list(start: str, end: str, answer_status: str, request: Request) -> Response:
    try:
        lo, hi = _day(start), _day(end) + DAY_MS - 1
        if hi < lo or hi - lo >= WEEK_MS:
            raise St11Failure(-997, "조회기간은 최대 7일까지 가능합니다.")
        if answer_status not in ("00", "01", "02"):
            raise St11Failure(-999, "답변상태 코드는 00, 01, 02 중 하나입니다.")
    except St11Failure as error:
        return ns_list("productQnas", "productQna", (), error.code, error.text)
    rows = [
        qna_fields(q)
        for q in seller_data(request).qnas.values()
        if lo <= q.created_ms <= hi and (answer_status == "00" or (q.answer is not None) == (answer_status == "01"))
    ]
    return ns_list("productQnas", "productQna", rows)


@router.put("/prodqnaservices/prodqnaanswer/{brd_no}/{prd_no}")
async def qna_answer(brd_no: int, prd_no: int, request: Request) -> Response:
    state, data = st11_state(request), seller_data(request)
    try:
        node = await xml_body(request)
    except St11Failure as error:
        return client_message(500, error.text)
    answer = text_of(node, "answerCont")
    q = data.qnas.get(brd_no)
    if q is None or q.prd_no != prd_no:
        return client_message(404, "문의글이 존재하지 않습니다.")
    if not answer:
        return client_message(500, "답변내용(answerCont)을 입력해 주세요.")
    q.answer, q.answered_ms = answer, state.now_ms()
    return client_message(200, "답변이 등록되었습니다.", prd_no, brdInfoNo=brd_no)


@router.get("/alimi/getalimilist/{start}/{end}/{status}/{ord_no}")
async def alimi_list(start: str, end: str, status: str, ord_no: str, request: Request) -> Response:
    """Status `00` = every notice (modelled); `ord_no` `null` = any order."""
    try:
        lo, hi = window(start, end, 30 * DAY_MS)
    except St11Failure as error:
        text = "조회기간은 최대 30일까지 가능합니다." if error.code == -997 else error.text
        return ns_list("alimis", "alimi", (), error.code, text)
    rows = [
        alimi_fields(a)
        for a in seller_data(request).alimis.values()
        if lo <= a.created_ms <= hi and status in ("00", a.status) and ord_no in ("null", a.ord_no)
    ]
    return ns_list("alimis", "alimi", rows)


@router.put("/alimi/alimianswer")
async def alimi_answer(request: Request) -> Response:
    """Body `<AlimiAnswer><emerNtceSeq/><answerCtnt/></AlimiAnswer>` (element names modelled)."""
    data = seller_data(request)
    try:
        node = await xml_body(request)
        seq = int(text_of(node, "emerNtceSeq") or 0)
    except (St11Failure, ValueError):
        return client_message(500, "요청 XML이 올바르지 않습니다.")
    notice, answer = data.alimis.get(seq), text_of(node, "answerCtnt")
    if notice is None:
        return client_message(404, "긴급알리미 정보가 존재하지 않습니다.")
    if not answer:
        return client_message(500, "답변내용(answerCtnt)을 입력해 주세요.")
    notice.answer, notice.status = answer, "03"
    return client_message(200, "답변이 등록되었습니다.")
