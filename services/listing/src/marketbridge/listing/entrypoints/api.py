"""HTTP API of the listing service (reached through the gateway at the same paths)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from marketbridge.listing import views
from marketbridge.listing.domain.listing import ListingContent
from marketbridge.listing.handlers import ListingHandlers
from marketbridge.runtime.http import RequestContext, requires
from marketbridge.runtime.service import ServiceRuntime
from pydantic import BaseModel, Field


class CreateListing(BaseModel):
    product_id: str = Field(description="상품 ID (catalog)")
    account_id: str = Field(description="제휴몰 계정 ID")
    sale_price: int = Field(description="판매가 (LST-PRICE-2: 10..1,000,000,000, 10원 단위)")
    list_price: int | None = Field(default=None, description="시중가 (LST-PRICE-1: 판매가보다 커야 함)")
    market_category_id: str | None = Field(default=None, description="제휴몰 카테고리 ID")
    image_urls: list[str] = Field(default_factory=list, description="대표 이미지와 추가 이미지 주소")
    detail_html: str = Field(default="", description="상품상세 HTML")
    after_service_phone: str = Field(default="", description="A/S 전화번호 (AS-1)")
    after_service_guide: str = Field(
        default="판매자에게 문의", description="A/S 안내 (AS-2: 국내 A/S 불가 시 '판매자에게 문의')"
    )


def router(rt: ServiceRuntime, handlers: ListingHandlers, context: Any) -> APIRouter:
    api = APIRouter(prefix="/api/v1/listings", tags=["listings (판매정보)"])
    Viewer = Annotated[RequestContext, Depends(requires("viewer", context))]
    Manager = Annotated[RequestContext, Depends(requires("manager", context))]

    @api.post("", status_code=202, summary="판매정보 저장 및 제휴몰 연동 (SYNC-1)")
    async def create_listing(body: CreateListing, ctx: Manager) -> dict[str, Any]:
        fields = body.model_dump(include={"product_id", "account_id", "sale_price", "list_price", "market_category_id"})
        content = ListingContent(
            **body.model_dump(include={"image_urls", "detail_html", "after_service_phone", "after_service_guide"})
        )
        state = await handlers.create_listing(ctx, **fields, content=content)
        return state.model_dump()

    @api.post("/{listing_id}/publish", status_code=202, summary="연동 실패한 판매정보 재연동")
    async def retry_publish(listing_id: str, ctx: Manager) -> dict[str, Any]:
        return (await handlers.retry_publish(ctx, listing_id)).model_dump()

    @api.get("", summary="판매정보 조회")
    async def list_listings(
        ctx: Viewer,
        product_id: str | None = None,
        marketplace: str | None = None,
        status: str | None = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.list_listings(
                conn,
                ctx.tenant_id,
                product_id=product_id,
                marketplace=marketplace,
                status=status,
                limit=limit,
                offset=offset,
            )

    @api.get("/{listing_id}", summary="판매정보 상세")
    async def get_listing(listing_id: str, ctx: Viewer) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.get_listing(conn, ctx.tenant_id, listing_id)

    return api
