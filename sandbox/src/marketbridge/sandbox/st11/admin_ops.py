"""What the 11번가 admin API does: seed products, place paid buyer orders (10,000 in well under a
second), open buyer claims, move lines along, and add Q&A and 긴급알리미 notices."""

from __future__ import annotations

from marketbridge.sandbox.core.admin import AdminError
from marketbridge.sandbox.core.timefmt import parse_datetime_ms
from marketbridge.sandbox.st11.admin_models import AlimiIn, ClaimIn, OrdersIn, ProductIn, QnaIn
from marketbridge.sandbox.st11.catalog import MAX_OPTIONS
from marketbridge.sandbox.st11.models import Alimi, CancelClaim, Claim, Line, Product, Qna, SellerData, StockRow
from marketbridge.sandbox.st11.state import St11State

_QUESTIONS = ("사이즈가 정사이즈인가요?", "재입고 예정이 있나요?", "오늘 주문하면 언제 받을 수 있나요?")


def seller(state: St11State, seller_id: str | None) -> SellerData:
    if seller_id:
        if seller_id not in state.data:
            raise AdminError(404, f"seller {seller_id} not found")
        return state.data[seller_id]
    if len(state.data) != 1:
        raise AdminError(400, "seller_id is required when there is not exactly one seller")
    return next(iter(state.data.values()))


def find_product(state: St11State, prd_no: int) -> tuple[SellerData, Product]:
    for data in state.data.values():
        if prd_no in data.products:
            return data, data.products[prd_no]
    raise AdminError(404, f"product {prd_no} not found")


def seed_product(state: St11State, spec: ProductIn) -> Product:
    data = seller(state, spec.seller_id)
    if len(spec.options) > MAX_OPTIONS:
        raise AdminError(400, "옵션은 100개 이상 등록할 수 없습니다.")
    stocks = [StockRow(state.next_small(), o.name, o.price, o.qty, o.seller_code) for o in spec.options] or [
        StockRow(state.next_small(), "", 0, spec.stock)
    ]
    product = Product(
        state.next_prd_no(),
        data.seller.seller_id,
        spec.name,
        spec.seller_prd_cd,
        spec.sel_prc,
        spec.category,
        stocks,
        bool(spec.options),
        "",
    )
    data.products[product.prd_no] = product
    return product


def create_orders(state: St11State, spec: OrdersIn) -> tuple[SellerData, list[Line]]:
    data, product = find_product(state, spec.prd_no)
    now = state.now_ms()
    paid = parse_datetime_ms(spec.paid_at) if spec.paid_at else now
    lines: list[Line] = []
    for index in range(spec.count):
        buyer = state.people.person()
        ord_no = state.next_ord_no(paid)
        dlv_no = str(4_000_000_000 + state.next_small())
        stock = product.stocks[(spec.option_index if spec.option_index is not None else index) % len(product.stocks)]
        for seq in range(1, spec.items_per_order + 1):
            lines.append(
                Line(
                    ord_no,
                    seq,
                    dlv_no,
                    data.seller.seller_id,
                    product.prd_no,
                    product.name,
                    product.seller_prd_cd,
                    stock.name or None,
                    stock.stck_no,
                    spec.quantity,
                    product.sel_prc,
                    stock.price,
                    spec.delivery_fee if seq == 1 else 0,
                    buyer,
                    buyer,
                    paid - 30_000,
                    paid,
                )
            )
    state.add_lines(data, lines)
    return data, lines


def line(state: St11State, line_id: str) -> tuple[SellerData, Line]:
    found = state.find_line(line_id)
    if found is None:
        raise AdminError(404, f"order line {line_id} not found")
    return found


def open_claim(state: St11State, spec: ClaimIn) -> int:
    _, ln = line(state, spec.line_id)
    now, seq = state.now_ms(), state.next_small()
    if spec.type == "cancel":
        if ln.status not in ("202", "301") or ln.cancel is not None:
            raise AdminError(409, "취소요청할 수 없는 주문상태입니다.")
        ln.cancel = CancelClaim(seq, "01", "10", spec.reason, "01", ln.qty, now)
    else:
        if ln.status not in ("401", "501") or ln.claim is not None:
            raise AdminError(409, "반품/교환 신청할 수 없는 주문상태입니다.")
        ln.claim = Claim(seq, spec.type, "105" if spec.type == "return" else "201", "108", spec.reason, ln.qty, now)
    ln.cache = None
    return seq


def advance(state: St11State, line_id: str, to: str) -> Line:
    _, ln = line(state, line_id)
    now = state.now_ms()
    if to == "delivered":
        if ln.status != "401":
            raise AdminError(409, "배송중인 주문이 아닙니다.")
        ln.status, ln.delivered_ms = "501", now
    else:
        if ln.status not in ("401", "501"):
            raise AdminError(409, "구매확정할 수 없는 주문상태입니다.")
        ln.status, ln.decided_ms = "901", now
    ln.cache = None
    return ln


def add_qnas(state: St11State, spec: QnaIn) -> list[int]:
    data, product = find_product(state, spec.prd_no)
    ids = []
    for n in range(spec.count):
        number = state.next_small()
        person = state.people.person()
        data.qnas[number] = Qna(
            number,
            data.seller.seller_id,
            product.prd_no,
            product.name,
            spec.title or "상품 문의",
            spec.content or _QUESTIONS[n % len(_QUESTIONS)],
            person.login_id[:3] + "****",
            state.now_ms(),
        )
        ids.append(number)
    return ids


def add_alimis(state: St11State, spec: AlimiIn) -> list[int]:
    data = seller(state, spec.seller_id)
    ids = []
    for _ in range(spec.count):
        number = state.next_small()
        data.alimis[number] = Alimi(
            number,
            data.seller.seller_id,
            spec.ord_no,
            spec.category,
            spec.subject or "[긴급] 고객 배송 문의",
            spec.content or "고객이 배송 지연을 문의했습니다. 확인 후 답변 바랍니다.",
            state.now_ms(),
        )
        ids.append(number)
    return ids
