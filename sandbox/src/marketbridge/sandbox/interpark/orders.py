"""`/order/OrderClmAPI.do?_method=…`: order and claim lists (1-day windows, `yyyyMMddHHmmss`), 발송처리,
cancel approval and seller cancel (품절). Every list filters by order date (modelled), and
`orderListForSingle` marks what it returns as 주문확인 (per one integrator's comment; modelled)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from fastapi import APIRouter, Request
from marketbridge.sandbox.interpark import models as m
from marketbridge.sandbox.interpark.gateway import CALLER_KEY
from marketbridge.sandbox.interpark.models import ClaimReq, DispatchRecord, Line, SupplierData
from marketbridge.sandbox.interpark.state import InterparkState
from marketbridge.sandbox.interpark.xmlfmt import KST, claim_order, order, order_list, result
from starlette.datastructures import QueryParams
from starlette.responses import Response

router = APIRouter()
COURIERS = frozenset(
    {
        "169177",
        "169168",
        "169178",
        "169198",
        "169199",
        "169182",
        "303978",
        "263792",
        "230175",
        "258064",
        "231194",
        "169172",
        "169316",
        "169167",
    }
)
LISTS: dict[str, Callable[[Line], bool]] = {
    "orderListForSingle": lambda ln: ln.status == m.ORDER,
    "orderListDelvForSingle": lambda ln: ln.status == m.CONFIRMED,
    "delvCompListForSingle": lambda ln: ln.status == m.SHIPPED,
    "orderCompListForSingle": lambda ln: ln.status == m.DONE,
}
CLAIM_LISTS = {"cnclNClmReqListForSingle": ("1",), "clmListForSingle": ("2", "3")}
_DIGITS = re.compile(r"\d{9,15}")


class Refused(Exception):
    def __init__(self, code: str, message: str | None = None) -> None:
        self.code, self.message = code, message
        super().__init__(code)


def _dts(text: str | None) -> int:
    try:
        return int(datetime.strptime(text or "", "%Y%m%d%H%M%S").replace(tzinfo=KST).timestamp() * 1000)
    except ValueError:
        raise Refused("202") from None


def _window(q: QueryParams) -> tuple[int, int]:
    lo, hi = _dts(q.get("sc.strDate")), _dts(q.get("sc.endDate"))
    if hi < lo or hi - lo >= 86_400_000:
        raise Refused("201")
    return lo, hi + 999


def _line(data: SupplierData, q: QueryParams) -> Line:
    found = data.lines.get(f"{q.get('sc.ordclmNo', '')}-{q.get('sc.ordSeq', '')}")
    if found is None:
        raise Refused("300")
    return found


def _dispatch(data: SupplierData, q: QueryParams, now: int) -> None:
    ln = _line(data, q)
    ln.dispatch_attempts += 1
    try:
        if ln.status in (m.SHIPPED, m.DONE):
            raise Refused("301")
        if ln.claim is not None and ln.claim.tp == "1" and ln.claim.stat == "1":
            raise Refused("303")
        if ln.status not in (m.ORDER, m.CONFIRMED):
            raise Refused("302")
        if q.get("sc.delvEntrNo") not in COURIERS:
            raise Refused("304")
        if _DIGITS.fullmatch(q.get("sc.invoNo", "")) is None:
            raise Refused("305")
        day = q.get("sc.delvDt", "")
        if not re.fullmatch(r"\d{8}", day):
            raise Refused("202", "발송일(sc.delvDt)은 yyyyMMdd 형식입니다.")
    except Refused:
        data.refused_dispatches += 1
        raise
    ln.status, ln.courier, ln.invoice, ln.delv_dt, ln.cache = m.SHIPPED, q["sc.delvEntrNo"], q["sc.invoNo"], day, None
    data.dispatches.append(DispatchRecord(ln.line_id, ln.courier, ln.invoice, day, now))


def _accept_cancel(data: SupplierData, q: QueryParams, now: int) -> None:
    ln = _line(data, q)
    c = ln.claim
    if c is None or c.tp != "1" or c.stat != "1" or str(c.seq) != q.get("sc.clmReqSeq"):
        raise Refused("306")
    c.stat, c.done_ms, ln.status, ln.cache = "2", now, m.CANCELLED, None


def _out_of_stock(state: InterparkState, data: SupplierData, q: QueryParams, now: int) -> None:
    """Seller cancel (품절); params beyond the order keys (`sc.clmReqRsnTp`, `sc.clmReqRsn`) are modelled."""
    ln = _line(data, q)
    if ln.status not in (m.ORDER, m.CONFIRMED) or ln.claim is not None:
        raise Refused("302")
    reason = q.get("sc.clmReqRsn") or "품절"
    ln.claim = ClaimReq(
        f"C{state.next_small()}",
        state.next_small(),
        "1",
        "2",
        q.get("sc.clmReqRsnTp") or "품절",
        reason,
        ln.qty,
        now,
        now,
        by_seller=True,
    )
    ln.status, ln.cache = m.CANCELLED, None


def _lists(data: SupplierData, name: str, lo: int, hi: int) -> Response:
    if name in LISTS:
        test = LISTS[name]
        grouped: dict[str, list[Line]] = {}
        for ln in data.lines.values():
            if test(ln) and lo <= ln.ord_ms <= hi:
                grouped.setdefault(ln.ord_no, []).append(ln)
        body = [order(lines) for lines in grouped.values()]
        if name == "orderListForSingle":  # listing is 주문확인 (modelled side effect)
            for lines in grouped.values():
                for ln in lines:
                    ln.status, ln.collected, ln.cache = m.CONFIRMED, True, None
        return order_list(body)
    kinds = CLAIM_LISTS[name]
    return order_list(
        [
            claim_order(ln)
            for ln in data.lines.values()
            if ln.claim is not None and ln.claim.tp in kinds and lo <= ln.claim.req_ms <= hi
        ]
    )


@router.get("/order/OrderClmAPI.do")
async def order_api(request: Request) -> Response:
    state: InterparkState = request.app.state.interpark
    q = request.query_params
    name = q.get("_method", "")
    supplier = state.order_caller(q.get("sc.entrId", ""), q.get("sc.supplyEntrNo", ""), q.get("sc.supplyCtrtSeq", ""))
    is_list = name in LISTS or name in CLAIM_LISTS
    if supplier is None:
        return order_list((), "100") if is_list else result("100")
    request.scope[CALLER_KEY] = supplier.entr_id
    if not state.limiter.take(supplier.entr_id, "order")[0]:
        return result("900", status=429)
    data, now = state.data[supplier.entr_id], state.now_ms()
    try:
        with state.lock:
            if is_list:
                lo, hi = _window(q)
                return _lists(data, name, lo, hi)
            if name == "delvCompForComm":
                _dispatch(data, q, now)
            elif name == "cnclReqAcceptForComm":
                _accept_cancel(data, q, now)
            elif name == "cnclOutOfStockReqForComm":
                _out_of_stock(state, data, q, now)
            else:
                raise Refused("990")
    except Refused as refused:
        return order_list((), refused.code, refused.message) if is_list else result(refused.code, refused.message)
    return result("000")
