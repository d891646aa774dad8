"""In-memory records of the 인터파크 emulator (slotted dataclasses; XML shapes live in xmlfmt.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from marketbridge.sandbox.core.synthetic import Person

# Line status (our own names for what the list calls return; modelled):
# ORDER 결제완료 (not yet listed) -> CONFIRMED 주문확인/배송대기 -> SHIPPED 발송완료 -> DONE 배송완료; CANCELLED 취소완료
ORDER, CONFIRMED, SHIPPED, DONE, CANCELLED = "ORDER", "CONFIRMED", "SHIPPED", "DONE", "CANCELLED"


@dataclass(slots=True)
class Supplier:
    entr_id: str
    supply_entr_no: str
    supply_ctrt_seq: str
    cite_key: str
    secret_key: str
    revoked: bool = False


@dataclass(slots=True)
class Option:
    opt_no: int
    name: str
    value: str
    price: int
    qty: int
    seller_code: str | None = None


@dataclass(slots=True, eq=False)
class Product:
    prd_no: int
    entr_id: str
    name: str
    seller_code: str | None
    price: int
    qty: int
    category: str
    options: list[Option]
    xml: str
    status: str = "01"  # saleStatTp 01 판매중, 02 품절, 03 판매중지 (modelled)
    writes: int = 1


@dataclass(slots=True)
class ClaimReq:
    clm_no: str
    seq: int
    tp: str  # CLMREQ_TP: 1 취소, 2 반품, 3 교환
    stat: str  # CLMREQ_STAT (modelled): 1 요청, 2 승인/완료, 3 철회·거부
    reason_tp: str
    reason: str
    qty: int
    req_ms: int
    done_ms: int | None = None
    by_seller: bool = False


@dataclass(slots=True, eq=False)
class Line:
    ord_no: str
    seq: int
    entr_id: str
    prd_no: int
    prd_nm: str
    seller_code: str | None
    opt: Option | None
    qty: int
    price: int
    del_amt: int
    buyer: Person
    receiver: Person
    ord_ms: int
    paid_ms: int
    status: str = ORDER
    collected: bool = False
    courier: str | None = None
    invoice: str | None = None
    delv_dt: str | None = None
    dispatch_attempts: int = 0
    claim: ClaimReq | None = None
    cache: str | None = None

    @property
    def line_id(self) -> str:
        return f"{self.ord_no}-{self.seq}"

    @property
    def unit_price(self) -> int:
        return self.price + (self.opt.price if self.opt else 0)


@dataclass(slots=True, frozen=True)
class DispatchRecord:
    line_id: str
    courier: str
    invoice: str
    delv_dt: str
    received_ms: int


@dataclass(slots=True)
class SupplierData:
    supplier: Supplier
    products: dict[int, Product] = field(default_factory=dict)
    lines: dict[str, Line] = field(default_factory=dict)
    orders: dict[str, list[Line]] = field(default_factory=dict)
    dispatches: list[DispatchRecord] = field(default_factory=list)
    refused_dispatches: int = 0
    fetches: list[str] = field(default_factory=list)  # dataUrls the emulator pulled
