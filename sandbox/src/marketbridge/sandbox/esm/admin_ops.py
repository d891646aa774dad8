"""What the ESM admin API does: seed goods, place buyer orders (fast, in bulk), buyer claims, questions,
긴급알리미 notices, and move orders and claims along as buyers, couriers and the site would."""

from __future__ import annotations

import secrets
from typing import Any

from marketbridge.sandbox.core.admin import AdminError
from marketbridge.sandbox.core.timefmt import parse_datetime_ms
from marketbridge.sandbox.esm.models import Claim, Goods, Message, Notice, Order
from marketbridge.sandbox.esm.routes_goods import create_goods
from marketbridge.sandbox.esm.state import EsmState

_QUESTIONS = (
    "사이즈가 정사이즈인가요?",
    "오늘 주문하면 언제 받을 수 있나요?",
    "재입고 예정이 있나요?",
    "색상이 사진과 같은가요?",
)
_NOTICES = ("고객 배송지연 문의 긴급 처리 요청", "고객 미수령 신고 확인 요청", "고객 환불 문의 긴급 확인 요청")


def seed_goods(
    state: EsmState, master_id: str, sites: list[str], name: str, price: int, stock: int, seller_code: str | None
) -> Goods:
    item: dict[str, Any] = {
        "itemBasicInfo": {
            "goodsName": {"kor": name},
            "category": {
                "site": [
                    {"siteType": 2 if s == "G" else 1, "catCode": "200000101" if s == "G" else "01010000"}
                    for s in sites
                ]
            },
        },
        "itemAddtionalInfo": {
            "price": {"Gmkt": price, "Iac": price},
            "stock": {"Gmkt": stock, "Iac": stock},
            "managedCode": seller_code,
            "images": {"basicImgURL": "https://image.example/esm.jpg"},
            "descriptions": {"kor": {"html": f"<p>{name}</p>"}},
        },
    }
    return create_goods(state, master_id, item)


def find_goods(state: EsmState, goods_no: int | None, site_goods_no: str | None) -> Goods:
    number = goods_no if goods_no is not None else state.site_goods.get(site_goods_no or "")
    goods = state.goods.get(number) if number is not None else None
    if goods is None:
        raise AdminError(404, "goods not found")
    return goods


def create_orders(
    state: EsmState,
    goods: Goods,
    site: str,
    *,
    count: int,
    quantity: int,
    paid_at: str | None,
    option_text: str | None,
    option_price: int,
    shipping_fee: int,
) -> list[Order]:
    if site not in goods.site_goods_no:
        raise AdminError(400, f"goods {goods.goods_no} is not listed on site {site}")
    seller = state.masters[goods.master_id].sellers[site]
    paid = parse_datetime_ms(paid_at) if paid_at else state.now_ms()
    orders: list[Order] = []
    for _ in range(count):
        buyer = state.people.person()
        receiver = buyer if state.rng.random() < 0.7 else state.people.person()
        orders.append(
            Order(
                state.next_order_no(),
                state.next_pay_no(),
                site,
                seller,
                goods.goods_no,
                goods.site_goods_no[site],
                goods.name,
                goods.seller_code,
                quantity,
                goods.price[site],
                option_text,
                option_price,
                shipping_fee,
                buyer.name,
                buyer.login_id,
                buyer.phone,
                receiver.name,
                receiver.phone,
                receiver.zip_code,
                receiver.base_address,
                receiver.detailed_address,
                receiver.memo,
                paid - 30_000,
                paid,
            )
        )
    state.add_orders(orders)
    return orders


def order(state: EsmState, order_no: int) -> Order:
    found = state.orders.get(order_no)
    if found is None:
        raise AdminError(404, f"order {order_no} not found")
    return found


def buyer_claim(state: EsmState, o: Order, kind: str, reason: str) -> Claim:
    if o.claim is not None and o.claim.status not in ({"cancel": 4, "return": 5, "exchange": 6}[o.claim.kind],):
        raise AdminError(409, "the order already carries a claim")
    if kind == "cancel" and o.status not in (1, 2):
        raise AdminError(409, "only orders before dispatch can be cancelled")
    if kind in ("return", "exchange") and o.status not in (3, 4):
        raise AdminError(409, "only dispatched or delivered orders can be returned or exchanged")
    o.claim = Claim(kind, 1, reason, state.now_ms())
    return o.claim


def advance_order(state: EsmState, o: Order, to: str) -> None:
    now = state.now_ms()
    if to == "delivered" and o.status == 3:
        o.status, o.complete_ms = 4, now
    elif to == "decided" and o.status in (3, 4):
        o.status, o.decide_ms = 5, now
    else:
        raise AdminError(409, f"cannot move order in status {o.status} to {to}")


def advance_claim(state: EsmState, o: Order, to: str) -> None:
    claim = o.claim
    steps = {"collecting": 2, "collected": 3, "completed": 5 if claim and claim.kind == "exchange" else 4}
    if claim is None or claim.kind == "cancel" or to not in steps:
        raise AdminError(409, "no return or exchange claim to advance")
    claim.status = steps[to]
    if to == "completed":
        claim.complete_ms = state.now_ms()


def create_messages(
    state: EsmState,
    site: str,
    seller: str,
    goods: Goods | None,
    o: Order | None,
    *,
    count: int,
    title: str | None,
    comments: str | None,
    secret: bool,
) -> list[int]:
    ids: list[int] = []
    for n in range(count):
        person = state.people.person()
        number = state.next_small()
        state.messages[number] = Message(
            number,
            secrets.token_hex(16),
            site,
            seller,
            secret,
            title or "상품 문의드립니다",
            comments or _QUESTIONS[n % len(_QUESTIONS)],
            person.login_id,
            person.name,
            o.site_goods_no if o else (goods.site_goods_no.get(site) if goods else None),
            o.goods_name if o else (goods.name if goods else None),
            o.order_no if o else None,
            state.now_ms(),
        )
        ids.append(number)
    return ids


def create_notices(
    state: EsmState, site: str, seller: str, o: Order | None, *, count: int, title: str | None, contents: str | None
) -> list[int]:
    ids: list[int] = []
    for n in range(count):
        number = state.next_small()
        state.notices[number] = Notice(
            number,
            site,
            seller,
            title or _NOTICES[n % len(_NOTICES)],
            contents or "고객센터로 접수된 긴급 문의입니다. 확인 후 처리해 주세요.",
            o.order_no if o else None,
            state.now_ms(),
        )
        ids.append(number)
    return ids
