"""The Listing aggregate: one product published to one marketplace account (SEED-SPEC 1.8–1.9)."""

from __future__ import annotations

from typing import Literal

from marketbridge.contracts.catalog import ProductSnapshot
from marketbridge.contracts.marketplaces import MarketplaceInfo
from marketbridge.runtime.errors import Conflict, DomainError, collect
from pydantic import BaseModel, ConfigDict

ListingStatus = Literal["publish_requested", "published", "publish_failed"]
MIN_SALE_PRICE, MAX_SALE_PRICE = 10, 1_000_000_000
AS_CONTACT_SELLER = "판매자에게 문의"


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True)


class ListingContent(BaseModel):
    """What a marketplace shows besides the product master: images, detail page, A/S (AS-1, AS-2)."""

    model_config = ConfigDict(frozen=True)

    image_urls: list[str] = []
    detail_html: str = ""
    after_service_phone: str = ""
    after_service_guide: str = AS_CONTACT_SELLER


class ListingCreated(_Event):
    type: Literal["ListingCreated"] = "ListingCreated"
    listing_id: str
    tenant_id: str
    product_id: str
    account_id: str
    marketplace: str
    sale_price: int
    list_price: int | None
    market_category_id: str | None
    actor_id: str
    content: ListingContent | None = None


class ListingPublishRequested(_Event):
    type: Literal["ListingPublishRequested"] = "ListingPublishRequested"
    attempt: int


class ListingPublished(_Event):
    type: Literal["ListingPublished"] = "ListingPublished"
    market_product_id: str


class ListingPublishFailed(_Event):
    type: Literal["ListingPublishFailed"] = "ListingPublishFailed"
    code: str
    message: str


ListingEvent = ListingCreated | ListingPublishRequested | ListingPublished | ListingPublishFailed
EVENT_CLASSES: list[type[_Event]] = [ListingCreated, ListingPublishRequested, ListingPublished, ListingPublishFailed]


class Listing(BaseModel):
    model_config = ConfigDict(frozen=True)

    listing_id: str
    tenant_id: str
    product_id: str
    account_id: str
    marketplace: str
    sale_price: int
    list_price: int | None
    market_category_id: str | None
    content: ListingContent | None = None
    status: ListingStatus = "publish_requested"
    attempt: int = 0
    market_product_id: str | None = None
    last_error_code: str | None = None
    last_error_message: str | None = None


def create(
    *,
    listing_id: str,
    tenant_id: str,
    product: ProductSnapshot,
    account_id: str,
    marketplace: MarketplaceInfo,
    sale_price: int,
    list_price: int | None,
    market_category_id: str | None,
    actor_id: str,
    content: ListingContent | None = None,
) -> list[_Event]:
    """Save the listing and request its publication at once (SYNC-1 `저장 및 제휴몰연동`)."""
    check_listing(product, marketplace, sale_price, list_price, content)
    return [
        ListingCreated(
            listing_id=listing_id,
            tenant_id=tenant_id,
            product_id=product.product_id,
            account_id=account_id,
            marketplace=marketplace.code,
            sale_price=sale_price,
            list_price=list_price,
            market_category_id=market_category_id,
            actor_id=actor_id,
            content=content,
        ),
        ListingPublishRequested(attempt=1),
    ]


def retry_publish(listing: Listing) -> list[_Event]:
    if listing.status == "published":
        raise Conflict("LISTING_ALREADY_PUBLISHED", "이미 제휴몰에 연동된 판매정보입니다.")
    if listing.status == "publish_requested":
        raise Conflict("LISTING_PUBLISH_IN_PROGRESS", "연동이 진행 중입니다. 결과를 기다려 주세요.")
    return [ListingPublishRequested(attempt=listing.attempt + 1)]


def record_published(listing: Listing, market_product_id: str) -> list[_Event]:
    if listing.status == "published" and listing.market_product_id == market_product_id:
        return []  # a redelivered result
    return [ListingPublished(market_product_id=market_product_id)]


def record_failed(listing: Listing, code: str, message: str) -> list[_Event]:
    if listing.status != "publish_requested":
        return []
    return [ListingPublishFailed(code=code, message=message)]


def check_listing(
    product: ProductSnapshot,
    mp: MarketplaceInfo,
    sale_price: int,
    list_price: int | None,
    content: ListingContent | None = None,
) -> None:
    errors: list[DomainError] = []
    if content is not None:
        errors += _content_errors(content)
    if product.status != "sellable":
        errors.append(
            DomainError(
                "PRODUCT_NOT_SELLABLE", "판매불가 상품은 제휴몰에 등록할 수 없습니다.", "product_id", "CAT-STAT-1"
            )
        )
    if not (MIN_SALE_PRICE <= sale_price <= MAX_SALE_PRICE) or sale_price % 10:
        errors.append(
            DomainError(
                "SALE_PRICE_OUT_OF_RANGE",
                "판매가는 10원 이상 10억원 이하, 10원 단위로 입력해 주세요.",
                "sale_price",
                "LST-PRICE-2",
            )
        )
    if list_price is not None and list_price <= sale_price:
        errors.append(
            DomainError(
                "LIST_PRICE_NOT_ABOVE_SALE_PRICE", "시중가는 판매가보다 커야 합니다.", "list_price", "LST-PRICE-1"
            )
        )
    errors += _option_errors(product, mp, sale_price)
    collect(errors)


def _content_errors(c: ListingContent) -> list[DomainError]:
    errors: list[DomainError] = []
    if not c.after_service_guide.strip():
        errors.append(
            DomainError(
                "AFTER_SERVICE_GUIDE_REQUIRED",
                f"A/S 안내를 입력해 주세요. 국내 A/S가 불가하면 '{AS_CONTACT_SELLER}'로 입력합니다.",
                "after_service_guide",
                "AS-2",
            )
        )
    digits = c.after_service_phone.replace("-", "")
    if c.after_service_phone and (not digits.isdigit() or not 8 <= len(digits) <= 12):
        errors.append(
            DomainError(
                "AFTER_SERVICE_PHONE_INVALID",
                "A/S 전화번호는 숫자와 하이픈(-)으로 8~12자리를 입력해 주세요.",
                "after_service_phone",
                "AS-1",
            )
        )
    for i, url in enumerate(c.image_urls):
        if not url.startswith(("http://", "https://")):
            errors.append(
                DomainError(
                    "IMAGE_URL_INVALID", "이미지 주소는 http:// 또는 https:// 로 시작해야 합니다.", f"image_urls[{i}]"
                )
            )
    return errors


def _option_errors(product: ProductSnapshot, mp: MarketplaceInfo, sale_price: int) -> list[DomainError]:
    errors: list[DomainError] = []
    rows = product.options
    if mp.max_options is not None and len(rows) > mp.max_options:
        errors.append(
            DomainError(
                "TOO_MANY_OPTIONS",
                f"{mp.name_ko}에는 옵션을 {mp.max_options}개까지만 등록할 수 있습니다.",
                "product.options",
                "OPT-7",
            )
        )
    if rows and not mp.option_prices and len({r.add_price for r in rows}) > 1:
        errors.append(
            DomainError(
                "OPTION_PRICES_UNSUPPORTED",
                f"{mp.name_ko}(종합몰)은 옵션별 가격을 지원하지 않습니다. 옵션가가 다른 상품은 단품으로 등록해 주세요.",
                "product.options",
                "OPT-1",
            )
        )
    if product.add_on_groups and not mp.add_on_products:
        errors.append(
            DomainError(
                "ADD_ON_PRODUCTS_UNSUPPORTED",
                f"{mp.name_ko}에는 추가상품이 표시되지 않습니다. 추가상품 없이 등록할 상품으로 연동해 주세요.",
                "product.add_on_groups",
                "ADD-3",
            )
        )
    for i, row in enumerate(rows):
        if abs(row.add_price) * 2 > sale_price:
            errors.append(
                DomainError(
                    "OPTION_ADD_PRICE_OUT_OF_RANGE",
                    f"옵션 추가금액은 판매가({sale_price:,}원)의 -50%~+50% 범위여야 합니다.",
                    f"product.options[{i}].add_price",
                    "OPT-3",
                )
            )
    return errors


def evolve(state: Listing | None, event: _Event) -> Listing:
    if isinstance(event, ListingCreated):
        return Listing(**event.model_dump(exclude={"type", "actor_id"}))
    assert state is not None
    if isinstance(event, ListingPublishRequested):
        return state.model_copy(update={"status": "publish_requested", "attempt": event.attempt})
    if isinstance(event, ListingPublished):
        return state.model_copy(
            update={
                "status": "published",
                "market_product_id": event.market_product_id,
                "last_error_code": None,
                "last_error_message": None,
            }
        )
    if isinstance(event, ListingPublishFailed):
        return state.model_copy(
            update={"status": "publish_failed", "last_error_code": event.code, "last_error_message": event.message}
        )
    raise TypeError(f"unknown event {event!r}")
