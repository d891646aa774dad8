"""What the 롯데ON admin API does: seed products, place buyer orders (bulk), buyer claims, questions."""

from __future__ import annotations

from marketbridge.sandbox.core.admin import AdminError
from marketbridge.sandbox.core.timefmt import parse_datetime_ms
from marketbridge.sandbox.lotteon.models import Claim, Product, Question, Row
from marketbridge.sandbox.lotteon.routes_product import register_one
from marketbridge.sandbox.lotteon.state import LotteOnState

_QUESTIONS = ("사이즈가 어떻게 되나요?", "언제 발송되나요?", "재입고 예정이 있나요?", "선물 포장 되나요?")


def seed_product(
    state: LotteOnState, tr_no: str, name: str, price: int, stock: int, epd_no: str | None, options: list[str]
) -> Product:
    items = [
        {
            "eitmNo": f"{epd_no or 'ITEM'}-{n}",
            "itmOptLst": [{"optNm": "옵션", "optVal": o}],
            "slPrc": price,
            "stkQty": stock,
        }
        for n, o in enumerate(options)
    ] or [{"eitmNo": epd_no, "slPrc": price, "stkQty": stock}]
    spec = {
        "trGrpCd": "SR",
        "trNo": tr_no,
        "spdNm": name,
        "scatNo": "LE1211030101",
        "epdNo": epd_no,
        "imgLst": [{"imgUrl": "https://image.example/lotteon.jpg"}],
        "itmLst": items,
    }
    return register_one(state, tr_no, spec)


def product(state: LotteOnState, spd_no: str) -> Product:
    found = state.products.get(spd_no)
    if found is None:
        raise AdminError(404, f"product {spd_no} not found")
    return found


def create_orders(
    state: LotteOnState,
    p: Product,
    *,
    count: int,
    quantity: int,
    sitm_no: str | None,
    created_at: str | None,
    delivery_fee: int,
) -> list[Row]:
    now = parse_datetime_ms(created_at) if created_at else state.now_ms()
    rows: list[Row] = []
    for n in range(count):
        item = next((i for i in p.items if i.sitm_no == sitm_no), None) if sitm_no else p.items[n % len(p.items)]
        if item is None:
            raise AdminError(404, f"item {sitm_no} not found")
        buyer = state.people.person()
        receiver = buyer if state.rng.random() < 0.7 else state.people.person()
        rows.append(
            Row(
                state.next_od_no(now),
                1,
                1,
                "10",
                "DV",
                p.tr_no,
                p.spd_no,
                p.name,
                item.sitm_no,
                item.name,
                p.epd_no,
                item.eitm_no,
                quantity,
                item.price,
                delivery_fee,
                {"name": buyer.name, "phone": buyer.phone},
                {
                    "name": receiver.name,
                    "phone": receiver.phone,
                    "zip": receiver.zip_code,
                    "base": receiver.base_address,
                    "detail": receiver.detailed_address,
                },
                receiver.memo,
                now,
                orgl_proc_seq=1,
            )
        )
    state.add_rows(rows)
    return rows


def order_row(state: LotteOnState, line_id: str) -> Row:
    od_no, _, od_seq = line_id.partition("-")
    row = state.rows.get((od_no, int(od_seq or 1), 1))
    if row is None:
        raise AdminError(404, f"order line {line_id} not found")
    return row


def buyer_claim(state: LotteOnState, row: Row, kind: str, reason: str) -> Claim:
    open_claims = [
        c
        for c in state.claims.values()
        if c.od_no == row.od_no and c.od_seq == row.od_seq and c.step not in ("21", "22", "27", "29")
    ]
    if open_claims or row.cancelled:
        raise AdminError(409, "the order line already carries a claim")
    if kind == "cancel" and row.step not in ("11", "12"):
        raise AdminError(409, "only order lines before dispatch can be cancelled")
    if kind != "cancel" and row.step not in ("13", "14", "15"):
        raise AdminError(409, "only dispatched order lines can be returned or exchanged")
    siblings = state.order_rows[row.od_no]
    proc_seq = max(r.proc_seq for r in siblings if r.od_seq == row.od_seq) + 1
    claim = Claim(
        state.next_clm_no(),
        kind,
        row.od_no,
        row.od_seq,
        proc_seq,
        row.proc_seq,
        row.tr_no,
        row.qty,
        reason,
        state.now_ms(),
        "02",
    )
    if kind != "cancel":  # 회수지시: a pickup row appears in the delivery order search
        pickup = Row(
            row.od_no,
            row.od_seq,
            proc_seq,
            "40" if kind == "return" else "30",
            "RTRV",
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
            "",
            state.now_ms(),
            step="23",
            orgl_proc_seq=row.proc_seq,
            clm_no=claim.clm_no,
        )
        state.add_rows([pickup])
        claim.rows.append(pickup)
    state.claims[claim.clm_no] = claim
    return claim


def create_questions(
    state: LotteOnState,
    kind: str,
    tr_no: str,
    p: Product | None,
    row: Row | None,
    *,
    count: int,
    title: str | None,
    content: str | None,
) -> list[int]:
    ids: list[int] = []
    for n in range(count):
        number = state.next_small()
        state.questions[number] = Question(
            number,
            kind,
            tr_no,
            title or ("상품 문의" if kind == "qna" else "주문 문의"),
            content or _QUESTIONS[n % len(_QUESTIONS)],
            state.people.name(),
            row.spd_no if row else (p.spd_no if p else None),
            row.spd_nm if row else (p.name if p else None),
            row.od_no if row else None,
            state.now_ms(),
        )
        ids.append(number)
    return ids
