"""Request bodies of the Coupang admin API (our own design, snake_case)."""

from __future__ import annotations

from typing import Literal

from marketbridge.sandbox.core import admin as core
from pydantic import BaseModel, Field


class SellerIn(BaseModel):
    vendor_id: str | None = None
    access_key: str | None = None
    secret_key: str | None = None
    name: str | None = None


class OptionIn(BaseModel):
    values: list[str] = Field(min_length=1, max_length=3)
    price_delta: int = 0
    stock: int = 100
    external_sku: str | None = None


class ProductIn(BaseModel):
    vendor_id: str | None = None
    name: str = "샌드박스 테스트 상품"
    sale_price: int = 19900
    stock: int = 1000
    category_code: int = 69183
    external_sku: str | None = None
    option_names: list[str] = Field(default_factory=list, max_length=3)
    options: list[OptionIn] = Field(default_factory=list)


class OrdersIn(BaseModel):
    vendor_id: str | None = None
    seller_product_id: int | None = None
    vendor_item_id: int | None = None
    quantity: int = Field(1, ge=1, le=999)
    count: int = Field(1, ge=1, le=200_000)
    items_per_box: int = Field(1, ge=1, le=20)
    ordered_at: str | None = Field(None, description="ISO date-time (KST if no offset); default now")
    shipping_price: int = 0
    return_ids: bool = True


class ClaimIn(BaseModel):
    kind: Literal["cancel", "return", "exchange"]
    order_line_id: str | None = Field(None, description="<shipmentBoxId>-<vendorItemId>")
    shipment_box_id: int | None = None
    vendor_item_id: int | None = None
    reason_code: str | None = None


class AdvanceIn(BaseModel):
    to: Literal["DELIVERING", "FINAL_DELIVERY"]


class InquiryIn(BaseModel):
    kind: Literal["online", "callcenter"] = "online"
    vendor_id: str | None = None
    seller_product_id: int | None = None
    vendor_item_id: int | None = None
    order_line_id: str | None = None
    content: str | None = None
    category: str = "배송문의"
    count: int = Field(1, ge=1, le=10_000)
    inquiry_at: str | None = None


class RateLimitIn(core.RateLimitIn):
    rate: float = Field(10.0, gt=0)
    burst: int = Field(10, ge=1)


class ResetIn(BaseModel):
    keep_sellers: bool = True
