"""Seller actions of the 11번가 emulator: 발주확인 per line, 발송처리 per bundle (whole or partial),
판매불가, and claim decisions. Failures raise `St11Failure` with 11번가-style negative codes
(-3308/-3309 "already shipped" are documented; the other codes are modelled)."""

from __future__ import annotations

import re
from datetime import datetime

from marketbridge.sandbox.st11.models import CancelClaim, DispatchRecord, Line, SellerData
from marketbridge.sandbox.st11.xmlfmt import KST

MESSAGES = {
    -3300: "주문정보가 존재하지 않습니다.",
    -3301: "발주확인 할 수 없는 주문상태입니다.",
    -3302: "취소요청 중인 주문입니다. 취소요청을 먼저 처리해 주세요.",
    -3305: "발주확인 후 발송처리 할 수 있습니다.",
    -3306: "택배사 코드가 올바르지 않습니다.",
    -3307: "송장번호가 올바르지 않습니다.",
    -3308: "이미 발송처리된 주문입니다.",
    -3309: "동일 묶음배송 주문이 이미 발송처리 되었습니다.",
    -3310: "처리할 수 없는 클레임 상태입니다.",
    -3311: "판매불가 처리할 수 없는 주문상태입니다.",
    -3312: "사유코드가 올바르지 않습니다.",
    -3313: "배송방법 코드가 올바르지 않습니다.",
    -997: "조회기간은 최대 7일까지 가능합니다.",
    -998: "날짜 형식이 올바르지 않습니다.(yyyyMMddHHmm)",
}
COURIERS = frozenset(
    {
        "00034",
        "00011",
        "00012",
        "00007",
        "00002",
        "00026",
        "00022",
        "00027",
        "00035",
        "00021",
        "00037",
        "00060",
        "00061",
        "00001",
        "00033",
        "00099",
    }
)
SELLER_CANCEL_REASONS = frozenset({"06", "07", "08", "09", "10", "99"})
DELIVERY_METHODS = frozenset({"01", "03", "04", "05"})
_TRACKING = re.compile(r"\d{9,15}")


class St11Failure(Exception):
    def __init__(self, code: int, text: str | None = None) -> None:
        self.code = code
        self.text = text or MESSAGES.get(code, "처리 중 오류가 발생했습니다.")
        super().__init__(self.text)


def fail_if(condition: bool, code: int, text: str | None = None) -> None:
    if condition:
        raise St11Failure(code, text)


def parse_minute(text: str) -> int:
    """`yyyyMMddHHmm` (KST) -> epoch ms."""
    try:
        moment = datetime.strptime(text, "%Y%m%d%H%M").replace(tzinfo=KST)
    except ValueError:
        raise St11Failure(-998) from None
    fail_if(len(text) != 12, -998)
    return int(moment.timestamp() * 1000)


def line(data: SellerData, ord_no: str, seq: str) -> Line:
    found = data.lines.get(f"{ord_no}-{seq}")
    if found is None:
        raise St11Failure(-3300)
    return found


def _pending_cancel(ln: Line) -> bool:
    return ln.cancel is not None and ln.cancel.stat == "01"


def confirm(ln: Line, dlv_no: str, now: int) -> None:
    fail_if(ln.dlv_no != dlv_no, -3300)
    fail_if(_pending_cancel(ln), -3302)
    fail_if(ln.status != "202" or (ln.cancel is not None and ln.cancel.stat == "02"), -3301)
    ln.status, ln.confirmed_ms, ln.cache = "301", now, None


def _check_invoice(method: str, courier: str, invoice: str) -> None:
    fail_if(method not in DELIVERY_METHODS, -3313)
    if method == "01":
        fail_if(courier not in COURIERS, -3306)
        fail_if(_TRACKING.fullmatch(invoice) is None, -3307)


def dispatch(
    data: SellerData,
    dlv_no: str,
    method: str,
    courier: str,
    invoice: str,
    send_dt: str,
    now: int,
    only: list[Line] | None = None,
) -> list[Line]:
    """Ship the whole bundle, or `only` those lines of it (부분발송)."""
    bundle = data.bundles.get(dlv_no)
    fail_if(bundle is None, -3300)
    assert bundle is not None
    live = [ln for ln in bundle if not (ln.cancel is not None and ln.cancel.stat == "02")]
    targets = only if only is not None else live
    for ln in targets:
        ln.dispatch_attempts += 1
    try:
        fail_if(not targets, -3300)
        fail_if(any(ln.dlv_no != dlv_no for ln in targets), -3300)
        fail_if(any(ln.status in ("401", "501", "901") for ln in targets), -3308 if only is not None else -3309)
        fail_if(any(_pending_cancel(ln) for ln in targets), -3302)
        fail_if(any(ln.status != "301" for ln in targets), -3305)
        send_ms = parse_minute(send_dt)
        _check_invoice(method, courier, invoice)
    except St11Failure:
        data.refused_dispatches += 1
        raise
    for ln in targets:
        ln.status, ln.courier, ln.invoice, ln.send_ms, ln.cache = "401", courier, invoice, send_ms, None
        data.dispatches.append(DispatchRecord(ln.line_id, dlv_no, courier, invoice, send_dt, now, only is not None))
    return targets


def reject_order(ln: Line, reason_code: str, reason: str, seq: int, now: int) -> None:
    """판매불가: the seller cancels a paid, not yet shipped line."""
    fail_if(reason_code not in SELLER_CANCEL_REASONS, -3312)
    fail_if(ln.status not in ("202", "301") or ln.cancel is not None, -3311)
    ln.cancel = CancelClaim(seq, "02", reason_code, reason, "02", ln.qty, now, now)
    ln.cache = None


def approve_cancel(ln: Line, cn_seq: int, now: int) -> None:
    c = ln.cancel
    fail_if(c is None or c.seq != cn_seq or c.stat != "01", -3310)
    assert c is not None
    c.stat, c.done_ms, ln.cache = "02", now, None


def reject_cancel(
    data: SellerData, ln: Line, cn_seq: int, method: str, courier: str, invoice: str, send_day: str, now: int
) -> None:
    """취소거부 = ship the line: the cancel request is refused and the line goes to 배송중."""
    c = ln.cancel
    fail_if(c is None or c.seq != cn_seq or c.stat != "01", -3310)
    assert c is not None
    fail_if(ln.status not in ("202", "301"), -3308)
    _check_invoice(method, courier, invoice)
    c.stat, c.done_ms = "03", now
    ln.dispatch_attempts += 1
    ln.status, ln.courier, ln.invoice, ln.send_ms, ln.cache = "401", courier, invoice, now, None
    ln.confirmed_ms = ln.confirmed_ms or now
    data.dispatches.append(DispatchRecord(ln.line_id, ln.dlv_no, courier, invoice, send_day, now, True))


def decide_return(
    ln: Line,
    clm_seq: int,
    kind: str,
    to: str,
    now: int,
    reason: str | None = None,
    courier: str | None = None,
    invoice: str | None = None,
) -> None:
    claim = ln.claim
    open_states = {"return": ("105", "104"), "exchange": ("201", "214")}[kind]
    fail_if(claim is None or claim.seq != clm_seq or claim.kind != kind or claim.stat not in open_states, -3310)
    assert claim is not None
    if courier is not None:
        _check_invoice("01", courier, invoice or "")
        claim.exch_courier, claim.exch_invoice = courier, invoice
    claim.stat, claim.refuse_reason, ln.cache = to, reason, None
    if to in ("106", "107", "221", "232"):
        claim.done_ms = now
