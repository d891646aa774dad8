"""Delivery (`/v1/openapi/delivery/v1`): order search (출고/회수지시), 연동완료 통보, 배송상태 통보 (12 / 13 / 14 and
the pickup codes 23-26), status search. Per-item results live in `data.rsltList` (modelled shape)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.lotteon import couriers
from marketbridge.sandbox.lotteon.common import (
    LotteOnError,
    action_data,
    body,
    fmt,
    item_result,
    lo_state,
    ok,
    seller,
    window,
)
from marketbridge.sandbox.lotteon.models import DispatchRecord, Row
from marketbridge.sandbox.lotteon.state import LotteOnState

router = APIRouter(prefix="/v1/openapi/delivery/v1")
DAY_MS = 86_400_000
ORDER_STEPS = {"12": ("11", "12"), "13": ("11", "12"), "14": ("13",)}
PICKUP_STEPS = {"24": ("23",), "25": ("23", "24"), "26": ("23", "24", "25")}


class ItemError(Exception):
    def __init__(self, code: str, message: str) -> None:
        self.code, self.message = code, message
        super().__init__(message)


def row_view(r: Row) -> dict[str, Any]:
    return {
        "odNo": r.od_no,
        "odSeq": r.od_seq,
        "procSeq": r.proc_seq,
        "orglProcSeq": r.orgl_proc_seq,
        "clmNo": r.clm_no,
        "odTypCd": r.od_typ_cd,
        "dvRtrvDvsCd": r.dv_rtrv,
        "odPrgsStepCd": r.step,
        "trNo": r.tr_no,
        "spdNo": r.spd_no,
        "spdNm": r.spd_nm,
        "sitmNo": r.sitm_no,
        "sitmNm": r.sitm_nm,
        "epdNo": r.epd_no,
        "eitmNo": r.eitm_no,
        "odQty": r.qty,
        "slPrc": r.price,
        "slAmt": r.price * r.qty,
        "dvCst": r.dv_cst,
        "dvMsg": r.memo,
        "odrNm": r.buyer["name"],
        "mphnNo": r.buyer["phone"],
        "telNo": None,
        "emlAddr": None,
        "dvpCustNm": r.receiver["name"],
        "dvpMphnNo": r.receiver["phone"],
        "dvpTelNo": None,
        "dvpZipNo": r.receiver["zip"],
        "dvpStnmZipAddr": r.receiver["base"],
        "dvpStnmDtlAddr": r.receiver["detail"],
        "dvpJbZipAddr": r.receiver["base"],
        "dvpJbDtlAddr": r.receiver["detail"],
        "owhoDttm": fmt(r.created_ms),
        "dvTrcStatDttm": fmt(r.step_ms),
        "dvCoCd": r.dv_co_cd,
        "invcNo": r.invc_no,
        "ifCplYN": r.if_cpl,
        "pdAdtnOptJsn": json.dumps([], ensure_ascii=False),
    }


@router.post("/SellerDeliveryOrdersSearch")
async def orders_search(request: Request) -> ORJSONResponse:
    data, state, me = await body(request), lo_state(request), seller(request)
    low, high = window(data, "srchStrtDt", "srchEndDt", DAY_MS)
    typ, step, od_no = data.get("odTypCd"), data.get("odPrgsStepCd"), data.get("odNo")
    only_failed = data.get("IfCplYN") == "N"
    with state.lock:
        rows = [
            row_view(r)
            for r in state.seller_rows.get(me.tr_no, ())
            if low <= r.created_ms <= high
            and not r.cancelled
            and (typ is None or r.od_typ_cd == str(typ))
            and (step is None or r.step == str(step))
            and (od_no is None or r.od_no == str(od_no))
            and (not only_failed or r.if_cpl == "N")
        ]
    return ok({"deliveryOrderList": rows})


def _row(state: LotteOnState, tr_no: str, item: Any) -> Row:
    if not isinstance(item, dict):
        raise ItemError("1001", "요청 항목 형식이 올바르지 않습니다.")
    try:
        key = (str(item["odNo"]), int(item["odSeq"]), int(item["procSeq"]))
    except (KeyError, TypeError, ValueError):
        raise ItemError("1001", "odNo, odSeq, procSeq는 필수입니다.") from None
    row = state.rows.get(key)
    if row is None or row.tr_no != tr_no:
        raise ItemError("2001", "주문 정보가 없습니다.")
    return row


def _keys(item: Any) -> dict[str, Any]:
    return {k: item.get(k) for k in ("odNo", "odSeq", "procSeq")} if isinstance(item, dict) else {}


def _list(data: dict[str, Any], name: str) -> list[Any]:
    value = data.get(name)
    if not isinstance(value, list) or not value:
        raise LotteOnError("1001", f"{name}: 필수 입력 항목입니다.")
    return value


@router.post("/SellerIfCompleteInform")
async def if_complete(request: Request) -> ORJSONResponse:
    data, state, me = await body(request), lo_state(request), seller(request)
    results = []
    with state.lock:
        for item in _list(data, "ifCompleteList"):
            try:
                row = _row(state, me.tr_no, item)
                if item.get("dvRtrvDvsCd") != row.dv_rtrv:
                    raise ItemError("1001", "dvRtrvDvsCd가 주문 구분과 다릅니다.")
                if row.cancelled:
                    raise ItemError("2004", "취소된 주문입니다.")
                row.if_cpl = "Y" if item.get("ifCplYN", "Y") == "Y" else "N"
                if row.if_cpl == "Y" and row.dv_rtrv == "DV" and row.step == "11":  # advances to 상품준비
                    row.step, row.step_ms = "12", state.now_ms()
                results.append(item_result(_keys(item)))
            except ItemError as error:
                results.append(item_result(_keys(item), error.code, error.message))
    return ok(action_data(results))


def _advance(state: LotteOnState, row: Row, item: dict[str, Any]) -> None:
    step = str(item.get("odPrgsStepCd") or "")
    allowed = (ORDER_STEPS if row.dv_rtrv == "DV" else PICKUP_STEPS).get(step)
    if allowed is None:
        raise ItemError("1001", f"odPrgsStepCd {step}는 이 주문에 통보할 수 없습니다.")
    if row.cancelled:
        raise ItemError("2004", "취소된 주문입니다.")
    if step == "13" and row.step in ("13", "14", "15"):
        raise ItemError("2003", "이미 발송완료된 주문입니다.")
    claim = state.claims.get(row.clm_no or "") if row.dv_rtrv == "RTRV" else _open_cancel(state, row)
    if row.dv_rtrv == "DV" and claim is not None:
        raise ItemError("2006", "취소요청 중인 주문입니다.")
    if row.step not in allowed:
        raise ItemError("2002", f"현재 진행단계({row.step})에서 {step}로 변경할 수 없습니다.")
    if item.get("slQty") is not None and int(item["slQty"]) != row.qty:
        raise ItemError("1001", "slQty가 주문수량과 다릅니다.")
    if step == "13":
        company, invoice = str(item.get("dvCoCd") or ""), str(item.get("invcNo") or "").replace("-", "")
        if company not in couriers.COMPANIES:
            raise ItemError("2005", "택배사 코드(dvCoCd)를 확인해 주세요.")
        if not invoice.isdigit() or not 8 <= len(invoice) <= 20:
            raise ItemError("1001", "송장번호(invcNo)를 확인해 주세요.")
        row.dv_co_cd, row.invc_no = company, invoice
        state.dispatches.append(
            DispatchRecord(row.od_no, row.od_seq, row.proc_seq, row.tr_no, company, invoice, state.now_ms())
        )
    row.step, row.step_ms = step, state.now_ms()
    _claim_effects(state, row, step)


def _open_cancel(state: LotteOnState, row: Row) -> Any:
    return next(
        (
            c
            for c in state.claims.values()
            if c.kind == "cancel" and c.od_no == row.od_no and c.od_seq == row.od_seq and c.step == "02"
        ),
        None,
    )


def _claim_effects(state: LotteOnState, row: Row, step: str) -> None:
    claim = state.claims.get(row.clm_no or "")
    if claim is None:
        return
    now = state.now_ms()
    if row.dv_rtrv == "RTRV" and step in ("25", "26"):
        claim.step = step
        if step == "26" and claim.kind == "return":
            claim.step, claim.cmpt_ms = "27", now
        elif step == "26":  # exchange: the re-delivery row appears after the pickup is confirmed
            redelivery = Row(
                row.od_no,
                row.od_seq,
                row.proc_seq + 1,
                "30",
                "DV",
                row.tr_no,
                row.spd_no,
                row.spd_nm,
                row.sitm_no,
                row.sitm_nm,
                row.epd_no,
                row.eitm_no,
                row.qty,
                row.price,
                0,
                row.buyer,
                row.receiver,
                row.memo,
                now,
                orgl_proc_seq=row.orgl_proc_seq,
                clm_no=claim.clm_no,
            )
            state.add_rows([redelivery])
            claim.rows.append(redelivery)
    elif row.dv_rtrv == "DV" and row.od_typ_cd == "30" and step == "13":
        claim.step, claim.cmpt_ms = "27", now


@router.post("/SellerDeliveryProgressStateInform")
async def progress_inform(request: Request) -> ORJSONResponse:
    data, state, me = await body(request), lo_state(request), seller(request)
    results = []
    with state.lock:
        for item in _list(data, "deliveryProgressStateList"):
            try:
                row = _row(state, me.tr_no, item)
                if row.dv_rtrv == "DV" and str(item.get("odPrgsStepCd")) == "13":
                    row.dispatch_attempts += 1
                _advance(state, row, item)
                results.append(item_result(_keys(item)))
            except ItemError as error:
                results.append(item_result(_keys(item), error.code, error.message))
    return ok(action_data(results))


@router.post("/SellerDeliveryProgressStateSearch")
async def progress_search(request: Request) -> ORJSONResponse:
    data, state, me = await body(request), lo_state(request), seller(request)
    od_no = data.get("odNo")
    with state.lock:
        if od_no:  # an order-number lookup is not bound to the window (modelled)
            rows = [r for r in state.order_rows.get(str(od_no), ()) if r.tr_no == me.tr_no]
        else:
            low, high = window(data, "srchStrtDt", "srchEndDt", DAY_MS)
            rows = [r for r in state.seller_rows.get(me.tr_no, ()) if low <= (r.step_ms or r.created_ms) <= high]
        views = [{**row_view(r), "cnclYN": "Y" if r.cancelled else "N"} for r in rows]
    return ok({"deliveryProgressStateList": views})
