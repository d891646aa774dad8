"""Order and claim services of the 11번가 emulator (`/ordservices/...`, `/claimservice/...`)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from marketbridge.sandbox.st11 import flow
from marketbridge.sandbox.st11.common import seller_data, st11_state, window
from marketbridge.sandbox.st11.flow import St11Failure, fail_if
from marketbridge.sandbox.st11.models import Line
from marketbridge.sandbox.st11.xmlfmt import (
    cancel_fields,
    claim_fields,
    line_fields,
    line_state_fields,
    ns_list,
    result_order,
)
from starlette.responses import Response

router = APIRouter()
NO_ROWS = "조회된 데이터가 없습니다."

LISTS: dict[str, tuple[str, Callable[[Line], int | None]]] = {
    "complete": ("202", lambda ln: ln.paid_ms),
    "packaging": ("301", lambda ln: ln.confirmed_ms),
    "shipping": ("401", lambda ln: ln.send_ms),
    "dlvcompleted": ("501", lambda ln: ln.delivered_ms),
    "completed": ("901", lambda ln: ln.decided_ms),
}


def _list(rows: list[str]) -> Response:
    return ns_list("orders", "order", rows, None if rows else 0, "" if rows else NO_ROWS)


def _fail(error: St11Failure) -> Response:
    return ns_list("orders", "order", (), error.code, error.text)


@router.get("/ordservices/{kind}/{start}/{end}")
async def order_list(kind: str, start: str, end: str, request: Request) -> Response:
    if kind not in LISTS:
        return _fail(St11Failure(-999, "지원하지 않는 조회 유형입니다."))
    try:
        lo, hi = window(start, end)
    except St11Failure as error:
        return _fail(error)
    status, time_of = LISTS[kind]
    data = seller_data(request)
    with st11_state(request).lock:
        rows = []
        for ln in data.lines.values():
            moment = time_of(ln)
            if (
                ln.status == status
                and moment is not None
                and lo <= moment <= hi
                and not (ln.cancel is not None and ln.cancel.stat == "02")
            ):
                rows.append(line_fields(ln))
    return _list(rows)


@router.get("/claimservice/orderlistall/{ord_no}")
async def order_lookup(ord_no: str, request: Request) -> Response:
    lines = seller_data(request).orders.get(ord_no) or []
    return _list([line_state_fields(ln) for ln in lines])


def _action(request: Request, act: Callable[[], None]) -> Response:
    with st11_state(request).lock:
        try:
            act()
        except St11Failure as error:
            return result_order(error.code, error.text)
    return result_order(0, "정상적으로 처리되었습니다.")


@router.get("/ordservices/reqpackaging/{ord_no}/{seq}/{add_yn}/{add_no}/{dlv_no}")
async def req_packaging(ord_no: str, seq: str, add_yn: str, add_no: str, dlv_no: str, request: Request) -> Response:
    state, data = st11_state(request), seller_data(request)
    return _action(request, lambda: flow.confirm(flow.line(data, ord_no, seq), dlv_no, state.now_ms()))


@router.get("/ordservices/reqdelivery/{send_dt}/{method}/{courier}/{invoice}/{dlv_no}")
async def req_delivery(
    send_dt: str, method: str, courier: str, invoice: str, dlv_no: str, request: Request
) -> Response:
    state, data = st11_state(request), seller_data(request)

    def act() -> None:
        flow.dispatch(data, dlv_no, method, courier, invoice, send_dt, state.now_ms())

    return _action(request, act)


@router.get("/ordservices/reqdelivery/{send_dt}/{method}/{courier}/{invoice}/{dlv_no}/{part}/{ord_no}/{seqs}")
async def req_delivery_part(
    send_dt: str,
    method: str,
    courier: str,
    invoice: str,
    dlv_no: str,
    part: str,
    ord_no: str,
    seqs: str,
    request: Request,
) -> Response:
    state, data = st11_state(request), seller_data(request)

    def act() -> None:
        fail_if(part != "Y", -999, "partDlvYn 값이 올바르지 않습니다.")
        only = [flow.line(data, ord_no, s.strip()) for s in seqs.split(",") if s.strip()]
        flow.dispatch(data, dlv_no, method, courier, invoice, send_dt, state.now_ms(), only)

    return _action(request, act)


@router.get("/claimservice/reqrejectorder/{ord_no}/{seq}/{reason_code}/{reason}")
async def reject_order(ord_no: str, seq: str, reason_code: str, reason: str, request: Request) -> Response:
    state, data = st11_state(request), seller_data(request)
    return _action(
        request,
        lambda: flow.reject_order(
            flow.line(data, ord_no, seq), reason_code, reason, state.next_small(), state.now_ms()
        ),
    )


# -- claims ---------------------------------------------------------------------------------------
CLAIM_LISTS = {
    "cancelorders": ("cancel", ("01",)),
    "canceledorders": ("cancel", ("02",)),
    "returnorders": ("return", ("105", "104")),
    "returnedorders": ("return", ("106",)),
    "exchangeorders": ("exchange", ("201", "214", "212")),
    "exchangedorders": ("exchange", ("221",)),
}


@router.get("/claimservice/cancelreqconf/{cn_seq}/{ord_no}/{seq}")
async def cancel_approve(cn_seq: int, ord_no: str, seq: str, request: Request) -> Response:
    state, data = st11_state(request), seller_data(request)
    return _action(request, lambda: flow.approve_cancel(flow.line(data, ord_no, seq), cn_seq, state.now_ms()))


@router.get("/claimservice/cancelreqreject/{ord_no}/{seq}/{cn_seq}/{method}/{send_day}/{courier}/{invoice}")
async def cancel_reject(
    ord_no: str, seq: str, cn_seq: int, method: str, send_day: str, courier: str, invoice: str, request: Request
) -> Response:
    state, data = st11_state(request), seller_data(request)
    return _action(
        request,
        lambda: flow.reject_cancel(
            data, flow.line(data, ord_no, seq), cn_seq, method, courier, invoice, send_day, state.now_ms()
        ),
    )


@router.get("/claimservice/returnreqconf/{clm_seq}/{ord_no}/{seq}")
async def return_approve(clm_seq: int, ord_no: str, seq: str, request: Request) -> Response:
    state, data = st11_state(request), seller_data(request)
    return _action(
        request, lambda: flow.decide_return(flow.line(data, ord_no, seq), clm_seq, "return", "106", state.now_ms())
    )


@router.get("/claimservice/returnreqreject/{ord_no}/{seq}/{clm_seq}/{code}/{reason}")
async def return_reject(ord_no: str, seq: str, clm_seq: int, code: str, reason: str, request: Request) -> Response:
    state, data = st11_state(request), seller_data(request)
    return _action(
        request,
        lambda: flow.decide_return(flow.line(data, ord_no, seq), clm_seq, "return", "107", state.now_ms(), reason),
    )


@router.get("/claimservice/returnclaimdefer/{ord_no}/{seq}/{clm_seq}/{code}/{reason}")
async def return_defer(ord_no: str, seq: str, clm_seq: int, code: str, reason: str, request: Request) -> Response:
    state, data = st11_state(request), seller_data(request)
    return _action(
        request,
        lambda: flow.decide_return(flow.line(data, ord_no, seq), clm_seq, "return", "104", state.now_ms(), reason),
    )


@router.get("/claimservice/exchangereqconf/{clm_seq}/{ord_no}/{seq}/{courier}/{invoice}")
async def exchange_approve(
    clm_seq: int, ord_no: str, seq: str, courier: str, invoice: str, request: Request
) -> Response:
    state, data = st11_state(request), seller_data(request)
    return _action(
        request,
        lambda: flow.decide_return(
            flow.line(data, ord_no, seq), clm_seq, "exchange", "221", state.now_ms(), None, courier, invoice
        ),
    )


@router.get("/claimservice/exchangereqreject/{ord_no}/{seq}/{clm_seq}/{code}/{reason}")
async def exchange_reject(ord_no: str, seq: str, clm_seq: int, code: str, reason: str, request: Request) -> Response:
    state, data = st11_state(request), seller_data(request)
    return _action(
        request,
        lambda: flow.decide_return(flow.line(data, ord_no, seq), clm_seq, "exchange", "232", state.now_ms(), reason),
    )


# registered last: the fixed claim action paths above have the same number of segments
@router.get("/claimservice/{kind}/{start}/{end}")
async def claim_list(kind: str, start: str, end: str, request: Request) -> Response:
    if kind not in CLAIM_LISTS:
        return _fail(St11Failure(-999, "지원하지 않는 조회 유형입니다."))
    try:
        lo, hi = window(start, end)
    except St11Failure as error:
        return _fail(error)
    claim_type, states = CLAIM_LISTS[kind]
    rows = []
    with st11_state(request).lock:
        for ln in seller_data(request).lines.values():
            if claim_type == "cancel":
                c = ln.cancel
                if c is not None and c.stat in states and lo <= (c.done_ms or c.req_ms) <= hi:
                    rows.append(cancel_fields(ln))
            elif (cl := ln.claim) is not None and cl.kind == claim_type and cl.stat in states:
                if lo <= (cl.done_ms or cl.req_ms) <= hi:
                    rows.append(claim_fields(ln, cl))
    return _list(rows)
