"""HTTP API of the catalog service (reached through the gateway at the same paths): products."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from marketbridge.catalog import views
from marketbridge.catalog.entrypoints import schemas
from marketbridge.catalog.entrypoints.reference_api import form_reference
from marketbridge.catalog.handlers import CatalogHandlers
from marketbridge.catalog.views.products import SortKey
from marketbridge.runtime.http import RequestContext, requires
from marketbridge.runtime.service import ServiceRuntime


def router(rt: ServiceRuntime, handlers: CatalogHandlers, context: Any) -> APIRouter:
    api = APIRouter(prefix="/api/v1/products", tags=["products (상품)"])
    Viewer = Annotated[RequestContext, Depends(requires("viewer", context))]
    Manager = Annotated[RequestContext, Depends(requires("manager", context))]
    Limit = Annotated[int, Query(ge=1, le=500)]
    Offset = Annotated[int, Query(ge=0)]

    @api.post("", status_code=201, summary="상품등록 (상품코드 자동 부여, CAT-CODE-1)")
    async def register_product(body: schemas.RegisterProductIn, ctx: Manager) -> dict[str, Any]:
        return await handlers.register_product(ctx, schemas.command_fields(body))

    @api.get("", summary="상품조회: 상품명·상품코드·자체상품코드·모델·카테고리·상태·재고·기간, 정렬, 페이지")
    async def search_products(
        ctx: Viewer,
        name: str | None = None,
        product_code: str | None = None,
        seller_product_code: str | None = None,
        model: str | None = None,
        category_id: Annotated[str | None, Query(description="이 카테고리와 그 하위 분류")] = None,
        status: schemas.Status | None = None,
        stock_state: Literal["in_stock", "sold_out"] | None = None,
        date_field: Literal["created_at", "updated_at"] = "created_at",
        date_from: date | None = None,
        date_to: date | None = None,
        sort: SortKey = "created_at",
        order: Literal["asc", "desc"] = "desc",
        limit: Limit = 50,
        offset: Offset = 0,
        exact_total: Annotated[
            bool, Query(description="전체 건수를 끝까지 셉니다 (기본: 1,000건까지 세고 total_capped로 표시)")
        ] = False,
    ) -> dict[str, Any]:
        query = views.ProductQuery(
            name=name, product_code=product_code, seller_product_code=seller_product_code, model=model,
            category_id=category_id, status=status, stock_state=stock_state, date_field=date_field,
            date_from=date_from, date_to=date_to, sort=sort, order=order, limit=limit, offset=offset,
            exact_total=exact_total,
        )  # fmt: skip
        return await views.search_products_in(rt.db, ctx.tenant_id, query)

    @api.get("/deleted", summary="상품복원: 삭제된 상품 목록")
    async def deleted_products(
        ctx: Viewer, name: str | None = None, limit: Limit = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        query = views.ProductQuery(name=name, deleted=True, sort="updated_at", limit=limit, offset=offset)
        async with rt.db.read() as conn:
            return await views.search_products(conn, ctx.tenant_id, query)

    @api.get("/seller-code-check", summary="자체상품코드 중복체크 (CAT-CODE-2)")
    async def seller_code_check(ctx: Viewer, code: str, product_id: str | None = None) -> dict[str, Any]:
        async with rt.db.read() as conn:
            owner = await views.seller_code_owner(conn, ctx.tenant_id, code)
        return {"code": code.strip(), "available": owner is None or owner == product_id}

    @api.post("/option-rows", summary="옵션추가 + : 조합 생성과 옵션일괄설정 미리보기 (OPT-2, OPT-5)")
    async def option_rows(body: schemas.OptionRowsIn, ctx: Manager) -> dict[str, Any]:
        return {"rows": schemas.generated_rows(body.names, body.row_stock, body.bulk)}

    @api.get("/reference", summary="등록 화면의 선택값·품목고시 품목·안내 문구")
    async def reference(ctx: Viewer) -> dict[str, Any]:
        return form_reference(handlers.reference)

    @api.get("/notice-groups/{code}", summary="품목고시 품목의 항목")
    async def notice_group(code: str, ctx: Viewer) -> dict[str, Any]:
        return form_reference(handlers.reference, notice_group=code)

    @api.get("/{product_id}", summary="상품 상세")
    async def get_product(product_id: str, ctx: Viewer) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.get_product(conn, ctx.tenant_id, product_id, handlers.reference)

    @api.patch("/{product_id}", summary="상품수정 (OPT-8: 판매 중인 상품은 옵션 구조 변경 불가)")
    async def revise_product(product_id: str, body: schemas.ReviseProductIn, ctx: Manager) -> dict[str, Any]:
        return await handlers.revise_product(ctx, product_id, schemas.command_fields(body))

    @api.post("/{product_id}/status", summary="상품상태 변경 (판매가능/판매불가, CAT-STAT-1)")
    async def change_status(product_id: str, body: schemas.ChangeStatusIn, ctx: Manager) -> dict[str, Any]:
        return await handlers.change_status(ctx, product_id, body.status)

    @api.delete("/{product_id}", summary="상품삭제 (상품복원으로 되돌릴 수 있음)")
    async def delete_product(product_id: str, ctx: Manager, reason: str = "") -> dict[str, Any]:
        return await handlers.delete_product(ctx, product_id, reason)

    @api.post("/{product_id}/restore", summary="상품복원")
    async def restore_product(product_id: str, ctx: Manager) -> dict[str, Any]:
        return await handlers.restore_product(ctx, product_id)

    @api.post("/{product_id}/stock-adjustments", summary="재고조정 (STK-1, STK-2): 누가, 왜, 얼마나")
    async def adjust_stock(product_id: str, body: schemas.AdjustStockIn, ctx: Manager) -> dict[str, Any]:
        return await handlers.adjust_stock(ctx, product_id, body.model_dump())

    @api.get("/{product_id}/history", summary="상품수정이력: 누가 언제 어떤 항목을 무엇에서 무엇으로")
    async def history(product_id: str, ctx: Viewer, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.product_history(conn, rt.store, ctx.tenant_id, product_id, limit=limit, offset=offset)

    return api
