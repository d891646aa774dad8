"""Request bodies of the Naver admin API (our own design, snake_case)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class AppIn(BaseModel):
    client_id: str | None = None
    client_secret: str | None = Field(None, description="a canonical bcrypt salt, e.g. bcrypt.gensalt(4)")
    account_id: str | None = None
    name: str | None = None


class OptionIn(BaseModel):
    names: list[str] = Field(min_length=1, max_length=3)
    stock: int = 100
    price: int = 0
    seller_manager_code: str | None = None


class ProductIn(BaseModel):
    account_id: str | None = None
    name: str = "샌드박스 테스트 상품"
    sale_price: int = 19900
    stock_quantity: int = 1000
    leaf_category_id: str = "50000804"
    seller_management_code: str | None = None
    option_group_names: list[str] = Field(default_factory=list, max_length=3)
    options: list[OptionIn] = Field(default_factory=list)


class PartyIn(BaseModel):
    name: str | None = None
    phone: str | None = None
    base_address: str | None = None
    detailed_address: str | None = None
    zip_code: str | None = None


class OrdersIn(BaseModel):
    product_no: int = Field(description="originProductNo or smartstoreChannelProductNo")
    option_id: int | None = None
    option_names: list[str] | None = None
    quantity: int = Field(1, ge=1, le=999)
    count: int = Field(1, ge=1, le=200_000)
    items_per_order: int = Field(1, ge=1, le=20)
    buyer: PartyIn | None = None
    receiver: PartyIn | None = None
    paid_at: str | None = Field(None, description="ISO date-time; default now")
    ordered_at: str | None = None
    delivery_fee: int = 0
    shipping_memo: str | None = None
    return_ids: bool = True


class ClaimIn(BaseModel):
    product_order_id: str
    type: Literal["cancel", "return", "exchange"]
    reason: str | None = None
    detailed_reason: str = ""


class AdvanceIn(BaseModel):
    to: Literal["DELIVERED", "PURCHASE_DECIDED", "COLLECTING", "EXCHANGE_DONE"]


class InquiryIn(BaseModel):
    kind: Literal["qna", "inquiry"]
    account_id: str | None = None
    product_no: int | None = None
    product_order_id: str | None = None
    category: str = "배송"
    title: str | None = None
    content: str | None = None
    count: int = Field(1, ge=1, le=10_000)


class ExpireIn(BaseModel):
    client_id: str | None = None

