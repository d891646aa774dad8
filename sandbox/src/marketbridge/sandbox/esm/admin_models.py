"""Request bodies of the ESM admin API (our own design, snake_case)."""

from __future__ import annotations

from typing import Literal

from marketbridge.sandbox.core import admin as core
from pydantic import BaseModel, Field

Site = Literal["G", "A"]


class SellerIn(BaseModel):
    master_id: str | None = None
    secret_key: str | None = None
    gmarket_seller_id: str | None = None
    auction_seller_id: str | None = None


class PermissionsIn(BaseModel):
    permissions: list[str]


class GoodsIn(BaseModel):
    master_id: str | None = None
    sites: list[Site] = Field(default_factory=lambda: list[Site](["G", "A"]))
    name: str = "샌드박스 테스트 상품"
    price: int = 19900
    stock: int = 1000
    seller_code: str | None = None


class OrdersIn(BaseModel):
    goods_no: int | None = None
    site_goods_no: str | None = None
    site: Site = "G"
    count: int = Field(1, ge=1, le=200_000)
    quantity: int = Field(1, ge=1, le=999)
    paid_at: str | None = None
    option_text: str | None = None
    option_price: int = 0
    shipping_fee: int = 0
    return_ids: bool = True


class ClaimIn(BaseModel):
    order_no: int
    kind: Literal["cancel", "return", "exchange"]
    reason: str = "단순변심"


class AdvanceIn(BaseModel):
    to: str


class MessageIn(BaseModel):
    site: Site = "G"
    master_id: str | None = None
    goods_no: int | None = None
    order_no: int | None = None
    title: str | None = None
    comments: str | None = None
    secret: bool = False
    count: int = Field(1, ge=1, le=10_000)


class NoticeIn(BaseModel):
    site: Site = "G"
    master_id: str | None = None
    order_no: int | None = None
    title: str | None = None
    contents: str | None = None
    count: int = Field(1, ge=1, le=10_000)


class RateLimitIn(core.RateLimitIn):
    order_list_interval_seconds: float = Field(5.0, ge=0)
    search_per_minute: int = Field(30, ge=1)
