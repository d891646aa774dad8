"""What every 종합몰 (department-store / TV-homeshopping mall) shares, as the seller guide states it:

- OPT-1: per-option prices are ignored — a listing whose options differ in price must be listed as
  single items, so the adapters refuse such listings (UnsupportedOperation);
- ADD-3: no add-on products (추가상품);
- ORD-CANCEL-2: no seller cancellation (판매취소): settle it with the customer or the mall's MD;
- CAT-NOTICE-4: the product information notice (상품정보제공고시) is required again in the listing;
  it is taken from `listing.attributes["notice"]` ({항목: 내용}), else every item says `상세페이지 참조`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from marketbridge.connectors.errors import UnsupportedOperation
from marketbridge.connectors.ports import (
    BulkResult,
    ItemFailure,
    Listing,
    MarketplaceOrderState,
    OrderStatus,
    PriceStockUpdate,
)

SELLER_CANCEL_REASON = "종합몰은 판매취소를 지원하지 않습니다. 고객 또는 MD와 협의해 주세요."
OPTION_PRICE_REASON = (
    "종합몰은 옵션별 추가금액을 지원하지 않습니다. 옵션 가격이 다른 상품은 단품으로 나누어 등록해 주세요. (OPT-1)"
)
ADD_ON_REASON = "종합몰은 추가상품을 지원하지 않습니다. (ADD-3)"
NOTICES_REASON = "종합몰 협력사 API에는 판매자용 긴급 알림(긴급알리미) 기능이 없습니다."
CLAIM_DECISION_REASON = (
    "종합몰의 취소·반품·교환은 홈쇼핑 고객센터와 MD가 처리하며, 협력사 API로 승인하거나 "
    "거부할 수 없습니다. 협력사 시스템 또는 MD를 통해 처리해 주세요."
)
DELAY_REASON = "종합몰 협력사 API에는 발송 지연 안내 기능이 없습니다. MD에게 출고 일정을 알려 주세요."
DEFAULT_NOTICE = {
    "품목": "기타 재화",
    "품명 및 모델명": "상세페이지 참조",
    "제조자(수입자)": "상세페이지 참조",
    "제조국": "상세페이지 참조",
    "A/S 책임자와 전화번호": "상세페이지 참조",
}
ADD_ON_KEYS = ("add_ons", "addons", "supplements", "additional_products")


def check_listing(marketplace: str, listing: Listing, operation: str) -> None:
    if any(option.price_delta for option in listing.options):
        raise UnsupportedOperation(marketplace, f"{operation}.option_price", OPTION_PRICE_REASON)
    if any(listing.attributes.get(key) for key in ADD_ON_KEYS):
        raise UnsupportedOperation(marketplace, f"{operation}.add_ons", ADD_ON_REASON)


def check_price_stock(marketplace: str, update: PriceStockUpdate) -> None:
    if any(option.price_delta for option in update.options):
        raise UnsupportedOperation(marketplace, "update_price_stock.option_price", OPTION_PRICE_REASON)


def notice(listing: Listing) -> dict[str, str]:
    given = listing.attributes.get("notice")
    if isinstance(given, Mapping) and given:
        return {str(k): str(v) for k, v in given.items()}
    return {**DEFAULT_NOTICE, "A/S 책임자와 전화번호": listing.after_service_phone or "상세페이지 참조"}


def seller_cancel_unsupported(marketplace: str) -> UnsupportedOperation:
    return UnsupportedOperation(marketplace, "cancel_by_seller", SELLER_CANCEL_REASON)


def acknowledged_by_lookup(
    states: Mapping[str, MarketplaceOrderState], line_ids: Sequence[str], name_ko: str
) -> BulkResult:
    """For malls without a 발주확인 call: a line the mall lists (not cancelled) counts as acknowledged."""
    result = BulkResult()
    for line_id in dict.fromkeys(line_ids):
        state = states.get(line_id)
        if state is None:
            result.failed[line_id] = ItemFailure("NOT_FOUND", f"{name_ko}에서 주문을 찾을 수 없습니다: {line_id}")
        elif state.status == OrderStatus.CANCELLED:
            result.failed[line_id] = ItemFailure("CANCELLED", f"{name_ko}에서 취소된 주문입니다: {line_id}")
        else:
            result.succeeded.append(line_id)
    return result
