"""Request bodies of the 롯데ON admin API (our own design, snake_case)."""

from __future__ import annotations

from typing import Literal

from marketbridge.sandbox.core import admin as core
from pydantic import BaseModel, Field


class SellerIn(BaseModel):
    api_key: str | None = None
    tr_no: str | None = None
    lrtr_no: str | None = None


class ProductIn(BaseModel):
    tr_no: str | None = None
    name: str = "샌드박스 테스트 상품"
    price: int = 29900
    stock: int = 1000
    epd_no: str | None = None
    options: list[str] = Field(default_factory=list)


class OrdersIn(BaseModel):
    spd_no: str
    sitm_no: str | None = None
    count: int = Field(1, ge=1, le=200_000)
    quantity: int = Field(1, ge=1, le=999)
    created_at: str | None = None
    delivery_fee: int = 0
    return_ids: bool = True


class ClaimIn(BaseModel):
    line_id: str
    kind: Literal["cancel", "return", "exchange"]
    reason: str = "101"


class AdvanceIn(BaseModel):
    to: Literal["14", "15"]


class QuestionIn(BaseModel):
    kind: Literal["qna", "inquiry"]
    tr_no: str | None = None
    spd_no: str | None = None
    line_id: str | None = None
    title: str | None = None
    content: str | None = None
    count: int = Field(1, ge=1, le=10_000)


class RateLimitIn(core.RateLimitIn):
    rate: float = Field(10_000 / 60, gt=0)
    burst: int = Field(200, ge=1)
