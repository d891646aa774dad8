"""What the 인터파크 admin API does: seed products, place paid buyer orders in bulk, open buyer claims,
mark deliveries done."""

from __future__ import annotations

from typing import Literal

from marketbridge.sandbox.core.admin import AdminError
from marketbridge.sandbox.core.timefmt import parse_datetime_ms
from marketbridge.sandbox.interpark import models as m
from marketbridge.sandbox.interpark.models import ClaimReq, Line, Option, Product, SupplierData
from marketbridge.sandbox.interpark.state import InterparkState
from pydantic import BaseModel, Field


class SupplierIn(BaseModel):
    entr_id: str | None = None


class OptionIn(BaseModel):
    name: str = "색상"
    value: str
    price: int = 0
    qty: int = 100
    seller_code: str | None = None


class ProductIn(BaseModel):
    entr_id: str | None = None
    name: str = "샌드박스 테스트 상품"
    price: int = 19900
    qty: int = 1000
    category: str = "001001001"
    seller_code: str | None = None
    options: list[OptionIn] = Field(default_factory=list)


class OrdersIn(BaseModel):
    prd_no: int
    count: int = Field(1, ge=1, le=200_000)
    quantity: int = Field(1, ge=1, le=999)
    items_per_order: int = Field(1, ge=1, le=20)
    option_index: int | None = None
    ordered_at: str | None = None
    delivery_fee: int = 0
    return_ids: bool = True


class ClaimIn(BaseModel):
    line_id: str
    type: Literal["cancel", "return", "exchange"]
    reason: str = "단순 변심"


def supplier(state: InterparkState, entr_id: str | None) -> SupplierData:
    if entr_id:
        if entr_id not in state.data:
            raise AdminError(404, f"supplier {entr_id} not found")
        return state.data[entr_id]
    if len(state.data) != 1:
        raise AdminError(400, "entr_id is required when there is not exactly one supplier")
    return next(iter(state.data.values()))


def find_product(state: InterparkState, prd_no: int) -> tuple[SupplierData, Product]:
    for data in state.data.values():
        if prd_no in data.products:
            return data, data.products[prd_no]
    raise AdminError(404, f"product {prd_no} not found")


def seed_product(state: InterparkState, spec: ProductIn) -> Product:
    data = supplier(state, spec.entr_id)
    options = [Option(state.next_small(), o.name, o.value, o.price, o.qty, o.seller_code) for o in spec.options]
    product = Product(
        state.next_prd_no(),
        data.supplier.entr_id,
        spec.name,
        spec.seller_code,
        spec.price,
        spec.qty,
        spec.category,
        options,
        "",
    )
    data.products[product.prd_no] = product
    return product


def create_orders(state: InterparkState, spec: OrdersIn) -> tuple[SupplierData, list[Line]]:
    data, product = find_product(state, spec.prd_no)
    ordered = parse_datetime_ms(spec.ordered_at) if spec.ordered_at else state.now_ms() - 30_000
    lines: list[Line] = []
    for index in range(spec.count):
        buyer = state.people.person()
        ord_no = state.next_ord_no(ordered)
        pick = spec.option_index if spec.option_index is not None else index
        opt = product.options[pick % len(product.options)] if product.options else None
        for seq in range(1, spec.items_per_order + 1):
            lines.append(
                Line(
                    ord_no,
                    seq,
                    data.supplier.entr_id,
                    product.prd_no,
                    product.name,
                    product.seller_code,
                    opt,
                    spec.quantity,
                    product.price,
                    spec.delivery_fee if seq == 1 else 0,
                    buyer,
                    buyer,
                    ordered,
                    ordered + 30_000,
                )
            )
    state.add_lines(data, lines)
    return data, lines


def line(state: InterparkState, line_id: str) -> Line:
    found = state.find_line(line_id)
    if found is None:
        raise AdminError(404, f"order line {line_id} not found")
    return found[1]


def open_claim(state: InterparkState, spec: ClaimIn) -> ClaimReq:
    ln = line(state, spec.line_id)
    tp = {"cancel": "1", "return": "2", "exchange": "3"}[spec.type]
    allowed = (m.ORDER, m.CONFIRMED) if tp == "1" else (m.SHIPPED, m.DONE)
    if ln.status not in allowed or (ln.claim is not None and ln.claim.stat == "1"):
        raise AdminError(409, "클레임을 신청할 수 없는 주문상태입니다.")
    reason_tp = {"1": "고객변심 취소", "2": "단순변심 반품", "3": "사이즈 교환"}[tp]
    ln.claim = ClaimReq(
        f"C{state.next_small()}", state.next_small(), tp, "1", reason_tp, spec.reason, ln.qty, state.now_ms()
    )
    ln.cache = None
    return ln.claim


def deliver(state: InterparkState, line_id: str) -> Line:
    ln = line(state, line_id)
    if ln.status != m.SHIPPED:
        raise AdminError(409, "발송완료 상태가 아닙니다.")
    ln.status, ln.cache = m.DONE, None
    return ln
