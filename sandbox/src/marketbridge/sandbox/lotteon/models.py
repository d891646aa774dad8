"""In-memory records of the 롯데ON seller Open API emulator."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Seller:
    api_key: str
    tr_no: str  # 거래처번호
    lrtr_no: str | None = None  # 하위거래처번호
    revoked: bool = False


@dataclass(slots=True)
class Item:
    sitm_no: str
    eitm_no: str | None
    name: str
    options: list[dict[str, str]]
    price: int
    stock: int
    status: str = "SALE"


@dataclass(slots=True, eq=False)
class Product:
    spd_no: str
    tr_no: str
    epd_no: str | None
    name: str
    body: dict[str, Any]
    items: list[Item]
    status: str  # SALE 판매중, SOUT 품절, END 판매종료 (modelled)
    created_ms: int
    writes: int = 1


@dataclass(slots=True, eq=False)
class Row:
    """One delivery or pickup instruction (출고지시 / 회수지시) keyed by (odNo, odSeq, procSeq)."""

    od_no: str
    od_seq: int
    proc_seq: int
    od_typ_cd: str  # 10 주문, 30 교환, 40 반품
    dv_rtrv: str  # DV 배송 / RTRV 회수
    tr_no: str
    spd_no: str
    spd_nm: str
    sitm_no: str
    sitm_nm: str
    epd_no: str | None
    eitm_no: str | None
    qty: int
    price: int
    dv_cst: int
    buyer: dict[str, str]
    receiver: dict[str, str]
    memo: str
    created_ms: int
    step: str = "11"
    step_ms: int | None = None
    orgl_proc_seq: int | None = None
    clm_no: str | None = None
    if_cpl: str = "N"
    dv_co_cd: str | None = None
    invc_no: str | None = None
    cancelled: bool = False
    dispatch_attempts: int = 0


@dataclass(slots=True)
class Claim:
    clm_no: str
    kind: str  # cancel | return | exchange
    od_no: str
    od_seq: int
    proc_seq: int
    orgl_proc_seq: int
    tr_no: str
    qty: int
    reason: str
    req_ms: int
    step: str  # cancel: 02 요청, 21 완료, 22 철회; return/exchange: 02 요청, 25/26 회수, 27 완료, 22 철회, 29 거부
    cmpt_ms: int | None = None
    rows: list[Row] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class DispatchRecord:
    od_no: str
    od_seq: int
    proc_seq: int
    tr_no: str
    dv_co_cd: str
    invc_no: str
    at_ms: int


@dataclass(slots=True)
class Question:
    """Product Q&A (`kind="qna"`) or 1:1 seller inquiry (`kind="inquiry"`)."""

    number: int
    kind: str
    tr_no: str
    title: str
    content: str
    customer: str
    spd_no: str | None
    spd_nm: str | None
    od_no: str | None
    reg_ms: int
    answer: str | None = None
    answered_ms: int | None = None
