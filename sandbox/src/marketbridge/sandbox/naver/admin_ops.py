"""What the admin API does to the Naver emulator: seed products, place buyer orders, buyer claims,
questions, and move orders along (delivery, purchase decision) as buyers and couriers would."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.admin import AdminError
from marketbridge.sandbox.core.synthetic import Person
from marketbridge.sandbox.core.timefmt import DAY_MS, parse_datetime_ms
from marketbridge.sandbox.naver import catalog
from marketbridge.sandbox.naver.admin_models import InquiryIn, OrdersIn, PartyIn, ProductIn
from marketbridge.sandbox.naver.models import Address, Inquiry, OptionCombination, Product, ProductOrder, Qna
from marketbridge.sandbox.naver.orderflow import ItemFailure, active_claim, raise_if
from marketbridge.sandbox.naver.state import NaverState
from marketbridge.sandbox.naver.store import SellerStore

_QUESTIONS = ("사이즈가 정사이즈인가요?", "재입고 예정이 있나요?", "오늘 주문하면 언제 받을 수 있나요?",
              "색상이 사진과 같은가요?", "선물 포장 가능한가요?")


def seed_product(state: NaverState, store: SellerStore, spec: ProductIn) -> Product:
    origin: dict[str, Any] = {
        "statusType": "SALE", "saleType": "NEW", "leafCategoryId": spec.leaf_category_id, "name": spec.name,
        "detailContent": f"<p>{spec.name}</p>", "salePrice": spec.sale_price, "stockQuantity": spec.stock_quantity,
        "images": {"representativeImage": {"url": "https://shop-phinf.pstatic.net/sandbox/main.jpg"}},
        "detailAttribute": {
            "afterServiceInfo": {"afterServiceTelephoneNumber": "1588-0000", "afterServiceGuideContent": "고객센터"},
            "originAreaInfo": {"originAreaCode": "00"},
            "sellerCodeInfo": {"sellerManagementCode": spec.seller_management_code},
        },
    }
    if spec.options:
        groups = spec.option_group_names or [f"옵션{i + 1}" for i in range(len(spec.options[0].names))]
        origin["detailAttribute"]["optionInfo"] = {
            "optionCombinationGroupNames": {f"optionGroupName{i + 1}": g for i, g in enumerate(groups)},
            "optionCombinations": [
                {**{f"optionName{i + 1}": n for i, n in enumerate(o.names)}, "stockQuantity": o.stock,
                 "price": o.price, "sellerManagerCode": o.seller_manager_code} for o in spec.options],
        }
    body = {"originProduct": origin, "smartstoreChannelProduct": {"naverShoppingRegistration": False,
                                                                  "channelProductDisplayStatusType": "ON"}}
    return catalog.create(state, store, body, state.now_ms())


def find_product(state: NaverState, number: int) -> tuple[SellerStore, Product]:
    for store in state.accounts.values():
        product = store.product_by_any_no(number)
        if product is not None and product.status != "DELETE":
            return store, product
    raise AdminError(404, f"product {number} not found")


def _option(product: Product, spec: OrdersIn, index: int) -> OptionCombination | None:
    if not product.options:
        return None
    if spec.option_id is not None or spec.option_names:
        for option in product.options:
            if option.id == spec.option_id or list(option.names) == spec.option_names:
                return option
        raise AdminError(404, "option not found")
    return product.options[index % len(product.options)]


def _party(state: NaverState, given: PartyIn | None, fallback: Person | None) -> Person:
    base = fallback or state.people.person()
    if given is None:
        return base
    return Person(given.name or base.name, given.phone or base.phone, given.base_address or base.base_address,
                  given.detailed_address or base.detailed_address, given.zip_code or base.zip_code, base.memo,
                  base.login_id)


def create_orders(state: NaverState, spec: OrdersIn) -> tuple[SellerStore, list[ProductOrder]]:
    store, product = find_product(state, spec.product_no)
    now = state.now_ms()
    paid = parse_datetime_ms(spec.paid_at) if spec.paid_at else now
    ordered = parse_datetime_ms(spec.ordered_at) if spec.ordered_at else paid - 30_000
    pos: list[ProductOrder] = []
    for index in range(spec.count):
        buyer = _party(state, spec.buyer, None)
        receiver = _party(state, spec.receiver, buyer)
        address = Address(receiver.name, receiver.phone, receiver.base_address, receiver.detailed_address,
                          receiver.zip_code)
        order_id = state.next_order_number(paid)
        option = _option(product, spec, index)
        for _ in range(spec.items_per_order):
            pos.append(ProductOrder(
                state.next_order_number(paid), order_id, store.account_id, product.origin_no, product.channel_no,
                product.name, product.option_text(option), str(option.id) if option else None,
                option.seller_manager_code if option else None, product.seller_code, spec.quantity,
                product.sale_price, option.price if option else 0, spec.delivery_fee, buyer.name, buyer.phone,
                buyer.login_id, address, spec.shipping_memo if spec.shipping_memo is not None else receiver.memo,
                ordered, paid, paid + 3 * DAY_MS, paid))
    state.register_pos(store, pos)
    return store, pos


def advance(store: SellerStore, po: ProductOrder, to: str, now: int) -> None:
    claim = active_claim(po)
    if to == "DELIVERED":
        raise_if(po.status != "DELIVERING" or po.delivery is None, "104442", "배송 중인 주문이 아닙니다.")
        assert po.delivery is not None
        po.status, po.delivery.status, po.delivery.delivered_ms = "DELIVERED", "DELIVERY_COMPLETION", now
        store.touch(po, None, now)  # Naver's change feed has no "delivered" type
    elif to == "PURCHASE_DECIDED":
        raise_if(po.status not in ("DELIVERING", "DELIVERED") or claim is not None, "104442")
        po.status, po.decided_ms = "PURCHASE_DECIDED", now
        store.touch(po, "PURCHASE_DECIDED", now)
    elif to == "COLLECTING":
        raise_if(claim is None or claim.status not in ("RETURN_REQUEST", "EXCHANGE_REQUEST"), "104442")
        assert claim is not None
        claim.status, claim.collect_status = "COLLECTING", "DELIVERING"
        store.touch(po, None, now)
    else:
        raise_if(claim is None or claim.status != "EXCHANGE_REDELIVERING", "104417")
        assert claim is not None
        claim.status, claim.completed_ms = "EXCHANGE_DONE", now
        po.completed_claims.append(claim)
        po.status = "EXCHANGED"
        store.touch(po, "CLAIM_COMPLETED", now)


def change_address(store: SellerStore, po: ProductOrder, party: PartyIn, now: int) -> None:
    raise_if(po.status != "PAYED", "104442", "발송 전 주문만 배송지를 변경할 수 있습니다.")
    r = po.receiver
    po.receiver = Address(party.name or r.name, party.phone or r.tel1, party.base_address or r.base,
                          party.detailed_address or r.detailed, party.zip_code or r.zip_code)
    po.receiver_address_changed = True
    store.touch(po, "DELIVERY_ADDRESS_CHANGED", now)


def create_questions(state: NaverState, store: SellerStore, spec: InquiryIn) -> list[int]:
    now, ids = state.now_ms(), []
    product = store.product_by_any_no(spec.product_no) if spec.product_no is not None else None
    found = state.find_po(spec.product_order_id) if spec.product_order_id else None
    po = found[1] if found is not None else None
    if spec.product_order_id and po is None:
        raise AdminError(404, "product order not found")
    for n in range(spec.count):
        person = state.people.person()
        number = state.next_small_id()
        if spec.kind == "qna":
            if product is None:
                raise AdminError(400, "product_no of this account is required for a Q&A")
            store.qnas[number] = Qna(number, store.account_id, product.channel_no, product.name,
                                     spec.content or _QUESTIONS[n % len(_QUESTIONS)], person.login_id[:3] + "*****",
                                     now)
        else:
            store.inquiries[number] = Inquiry(
                number, store.account_id, spec.category, spec.title or f"{spec.category} 문의드립니다",
                spec.content or "언제 발송되나요?", now, person.login_id, person.name,
                po.order_id if po else None, po.origin_no if po else (product.origin_no if product else None),
                (po.product_order_id,) if po else (), po.product_name if po else (product.name if product else None),
                po.product_option if po else None)
        ids.append(number)
    return ids


__all__ = ["AdminError", "ItemFailure", "advance", "change_address", "create_orders", "create_questions",
           "find_product", "seed_product"]
