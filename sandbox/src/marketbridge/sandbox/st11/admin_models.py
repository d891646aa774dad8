"""Request bodies of the 11번가 admin API (our own design, snake_case)."""

from __future__ import annotations

from typing import Literal

from marketbridge.sandbox.core import admin as core
from pydantic import BaseModel, Field


class SellerIn(BaseModel):
    seller_id: str | None = None
    api_key: str | None = None
    allowed_ips: list[str] = Field(default_factory=list)


class OptionIn(BaseModel):
    name: str
    price: int = 0
    qty: int = 100
    seller_code: str | None = None


class ProductIn(BaseModel):
    seller_id: str | None = None
    name: str = "샌드박스 테스트 상품"
    sel_prc: int = 19900
    stock: int = 1000
    category: str = "10010101"
    seller_prd_cd: str | None = None
    options: list[OptionIn] = Field(default_factory=list)


class OrdersIn(BaseModel):
    prd_no: int
    count: int = Field(1, ge=1, le=200_000)
    quantity: int = Field(1, ge=1, le=999)
    items_per_order: int = Field(1, ge=1, le=20)
    option_index: int | None = None
    paid_at: str | None = Field(None, description="ISO date-time; default now")
    delivery_fee: int = 0
    return_ids: bool = True


class ClaimIn(BaseModel):
    line_id: str
    type: Literal["cancel", "return", "exchange"]
    reason: str = "단순 변심"


class AdvanceIn(BaseModel):
    to: Literal["delivered", "purchase_decided"]


class QnaIn(BaseModel):
    seller_id: str | None = None
    prd_no: int
    title: str | None = None
    content: str | None = None
    count: int = Field(1, ge=1, le=10_000)


class AlimiIn(BaseModel):
    seller_id: str | None = None
    ord_no: str | None = None
    category: str = "배송지연"
    subject: str | None = None
    content: str | None = None
    count: int = Field(1, ge=1, le=10_000)


class RateLimitIn(core.RateLimitIn):
    rate: float = Field(10.0, gt=0)
    burst: int = Field(20, ge=1)
