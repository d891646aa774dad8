"""Static facts about each marketplace (SEED-SPEC §9, spec/marketplaces.md): the one source of truth that
listing and fulfillment consult to refuse unsupported actions up front. Data only."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

MarketplaceType = Literal["open_market", "general_mall"]


class MarketplaceInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str  # our routing code (lower snake): naver, coupang, st11, gmarket, auction, ...
    name_ko: str
    type: MarketplaceType
    option_prices: bool  # OPT-1: 종합몰 ignore per-option prices
    add_on_products: bool  # ADD-3
    seller_cancel: bool  # ORD-CANCEL-2
    max_options: int | None = None  # OPT-7: 11번가 fewer than 100
    adapter_available: bool = False


MARKETPLACES: dict[str, MarketplaceInfo] = {
    m.code: m
    for m in [
        MarketplaceInfo(
            code="naver",
            name_ko="스마트스토어",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
            adapter_available=True,
        ),
        MarketplaceInfo(
            code="coupang",
            name_ko="쿠팡",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
        ),
        MarketplaceInfo(
            code="st11",
            name_ko="11번가",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
            max_options=99,
        ),
        MarketplaceInfo(
            code="gmarket",
            name_ko="G마켓",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
        ),
        MarketplaceInfo(
            code="auction",
            name_ko="옥션",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
        ),
        MarketplaceInfo(
            code="interpark",
            name_ko="인터파크",
            type="open_market",
            option_prices=True,
            add_on_products=True,
            seller_cancel=True,
        ),
        MarketplaceInfo(
            code="lotteon",
            name_ko="롯데ON",
            type="general_mall",
            option_prices=False,
            add_on_products=False,
            seller_cancel=False,
        ),
        MarketplaceInfo(
            code="gsshop",
            name_ko="GS SHOP",
            type="general_mall",
            option_prices=False,
            add_on_products=False,
            seller_cancel=False,
        ),
        MarketplaceInfo(
            code="cjmall",
            name_ko="CJ온스타일",
            type="general_mall",
            option_prices=False,
            add_on_products=False,
            seller_cancel=False,
        ),
        MarketplaceInfo(
            code="hmall",
            name_ko="현대Hmall",
            type="general_mall",
            option_prices=False,
            add_on_products=False,
            seller_cancel=False,
        ),
        MarketplaceInfo(
            code="lottehs",
            name_ko="롯데홈쇼핑",
            type="general_mall",
            option_prices=False,
            add_on_products=False,
            seller_cancel=False,
        ),
        MarketplaceInfo(
            code="publichs",
            name_ko="공영홈쇼핑",
            type="general_mall",
            option_prices=False,
            add_on_products=False,
            seller_cancel=False,
        ),
    ]
}
