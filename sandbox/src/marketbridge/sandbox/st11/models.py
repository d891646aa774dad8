"""In-memory records of the 11번가 emulator (plain slotted dataclasses; XML shapes live in xmlfmt.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from marketbridge.sandbox.core.synthetic import Person


@dataclass(slots=True)
class Seller:
    seller_id: str
    api_key: str
    allowed_ips: tuple[str, ...] = ()
    revoked: bool = False


@dataclass(slots=True)
class StockRow:
    """One option combination (`prdStckNo`); a product without options has a single row."""

    stck_no: int
    name: str
    price: int
    qty: int
    seller_code: str | None = None


@dataclass(slots=True, eq=False)
class Product:
    prd_no: int
    seller_id: str
    name: str
    seller_prd_cd: str | None
    sel_prc: int
    category: str
    stocks: list[StockRow]
    has_options: bool
    xml: str
    status: str = "103"  # 103 판매중, 105 판매중지 (documented); 104 품절 (modelled)
    writes: int = 1


@dataclass(slots=True)
class CancelClaim:
    seq: int
    stat: str  # ordCnStatCd: 01 요청, 02 완료; 03 거부 (modelled)
    reason_code: str
    reason: str
    who: str  # ordCnMnbdCd: 01 buyer, 02 seller
    qty: int
    req_ms: int
    done_ms: int | None = None


@dataclass(slots=True)
class Claim:
    """A return (`clmStat` 105/104/106/107/108) or exchange (201/212/214/221/232/233) request."""

    seq: int
    kind: str  # return | exchange
    stat: str
    reason_code: str
    reason: str
    qty: int
    req_ms: int
    done_ms: int | None = None
    refuse_reason: str | None = None
    exch_courier: str | None = None
    exch_invoice: str | None = None


@dataclass(slots=True, eq=False)
class Line:
    ord_no: str
    seq: int
    dlv_no: str
    seller_id: str
    prd_no: int
    prd_nm: str
    seller_prd_cd: str | None
    opt_nm: str | None
    stck_no: int
    qty: int
    sel_prc: int
    opt_prc: int
    dlv_cst: int
    buyer: Person
    receiver: Person
    ord_ms: int
    paid_ms: int
    status: str = "202"  # ordPrdStat 202 결제완료, 301 배송준비중, 401 배송중, 501 배송완료, 901 구매확정
    confirmed_ms: int | None = None
    courier: str | None = None
    invoice: str | None = None
    send_ms: int | None = None
    delivered_ms: int | None = None
    decided_ms: int | None = None
    dispatch_attempts: int = 0
    cancel: CancelClaim | None = None
    claim: Claim | None = None
    cache: str | None = None

    @property
    def line_id(self) -> str:
        return f"{self.ord_no}-{self.seq}"

    @property
    def amount(self) -> int:
        return (self.sel_prc + self.opt_prc) * self.qty


@dataclass(slots=True)
class Qna:
    brd_no: int
    seller_id: str
    prd_no: int
    prd_nm: str
    title: str
    content: str
    writer: str
    created_ms: int
    answer: str | None = None
    answered_ms: int | None = None


@dataclass(slots=True)
class Alimi:
    seq: int
    seller_id: str
    ord_no: str | None
    category: str
    subject: str
    content: str
    created_ms: int
    status: str = "01"  # 01 미확인, 02 답변대기, 03 답변완료 (uncertain)
    answer: str | None = None


@dataclass(slots=True, frozen=True)
class DispatchRecord:
    line_id: str
    dlv_no: str
    courier: str
    invoice: str
    send_dt: str
    received_ms: int
    partial: bool


@dataclass(slots=True)
class SellerData:
    seller: Seller
    products: dict[int, Product] = field(default_factory=dict)
    lines: dict[str, Line] = field(default_factory=dict)
    orders: dict[str, list[Line]] = field(default_factory=dict)
    bundles: dict[str, list[Line]] = field(default_factory=dict)
    qnas: dict[int, Qna] = field(default_factory=dict)
    alimis: dict[int, Alimi] = field(default_factory=dict)
    dispatches: list[DispatchRecord] = field(default_factory=list)
    refused_dispatches: int = 0
