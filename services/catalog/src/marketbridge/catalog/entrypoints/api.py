"""HTTP API of the catalog service (reached through the gateway at the same paths)."""

import math
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from marketbridge.catalog import views
from marketbridge.catalog.domain import OptionName, generate_rows
from marketbridge.catalog.domain.option_rules import MAX_OPTION_ROWS
from marketbridge.catalog.handlers import CatalogHandlers
from marketbridge.runtime.http import RequestContext, requires
from marketbridge.runtime.service import ServiceRuntime
from pydantic import BaseModel, ConfigDict, Field

TaxType = Literal["taxable", "exempt"]
Status = Literal["sellable", "unsellable"]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OptionNameIn(_Body):
    name: str = Field(description="옵션명 (예: 색상)")
    values: list[str] | str = Field(description='옵션값 목록 또는 쉼표로 구분한 문자열 ("빨강,파랑")')


class OptionRowIn(_Body):
    values: list[str] = Field(description="조합의 옵션값 (옵션명 순서)")
    sign: Literal["+", "-"] = "+"
    add_price: int = Field(default=0, description="추가금액 (OPT-3, OPT-4)")
    sale_flag: Status = "sellable"
    stock: int = Field(description="재고수량 (STK-1)")


class CombinationIn(_Body):
    type: Literal["combination"]
    names: list[OptionNameIn] = Field(description="옵션명과 옵션값 (최대 3개, OPT-2)")
    rows: list[OptionRowIn] | None = Field(default=None, description="생략하면 모든 조합을 +0원·판매가능으로 생성")
    row_stock: int = Field(default=1, description="rows 생략 시 생성되는 조합의 재고수량")


class BuyerInputNameIn(_Body):
    name: str
    max_length: int


class BuyerInputIn(_Body):
    type: Literal["buyer_input"]
    names: list[BuyerInputNameIn]


OptionsIn = Annotated[CombinationIn | BuyerInputIn, Field(discriminator="type")]


class RegisterProductIn(_Body):
    name: str = Field(description="상품명 (CAT-NAME-1)")
    category_id: str
    price: int = Field(description="대표가격 (CAT-PRICE-1)")
    tax_type: TaxType = "taxable"
    manufacturer: str | None = Field(default=None, description="비우면 회사명 (CAT-MFR-1)")
    brand: str | None = Field(default=None, description="비우면 회사명 (CAT-MFR-1)")
    status: Status = "sellable"
    options: OptionsIn | None = None
    stock: int | None = Field(default=None, description="단품·구매자 입력형의 재고수량 (STK-1)")


class ReviseProductIn(_Body):
    """Only the fields sent change; `options`/`stock` set to null clear them."""

    name: str | None = None
    category_id: str | None = None
    price: int | None = None
    tax_type: TaxType | None = None
    manufacturer: str | None = None
    brand: str | None = None
    status: Status | None = None
    options: OptionsIn | None = None
    stock: int | None = None


class ChangeStatusIn(_Body):
    status: Status


def command_fields(body: RegisterProductIn | ReviseProductIn) -> dict[str, Any]:
    """The domain command's fields: only those the client sent, options rows generated when omitted."""
    fields = body.model_dump(include=body.model_fields_set, exclude={"options"})
    if "options" in body.model_fields_set:
        fields["options"] = _options(body.options)
    return fields


def _options(spec: CombinationIn | BuyerInputIn | None) -> dict[str, Any] | None:
    if not isinstance(spec, CombinationIn):
        return spec.model_dump() if spec is not None else None
    data = spec.model_dump(exclude={"row_stock"})
    if spec.rows is None:
        names = [OptionName.model_validate(n) for n in data["names"]]
        small = math.prod(len(n.values) for n in names) <= MAX_OPTION_ROWS  # else OPT-2 reports the size
        data["rows"] = [r.model_dump() for r in generate_rows(names, stock=spec.row_stock)] if small else []
    return data


def router(rt: ServiceRuntime, handlers: CatalogHandlers, context: Any) -> APIRouter:
    api = APIRouter(prefix="/api/v1/products", tags=["products (상품)"])
    Viewer = Annotated[RequestContext, Depends(requires("viewer", context))]
    Manager = Annotated[RequestContext, Depends(requires("manager", context))]

    @api.post("", status_code=201, summary="상품등록 (상품코드 자동 부여, CAT-CODE-1)")
    async def register_product(body: RegisterProductIn, ctx: Manager) -> dict[str, Any]:
        return await handlers.register_product(ctx, command_fields(body))

    @api.get("", summary="상품조회 (상품명·상품코드·카테고리·상태)")
    async def list_products(
        ctx: Viewer,
        name: str | None = None,
        product_code: str | None = None,
        category_id: str | None = None,
        status: Status | None = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.list_products(
                conn,
                ctx.tenant_id,
                name=name,
                product_code=product_code,
                category_id=category_id,
                status=status,
                limit=limit,
                offset=offset,
            )

    @api.get("/{product_id}", summary="상품 상세")
    async def get_product(product_id: str, ctx: Viewer) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.get_product(conn, ctx.tenant_id, product_id)

    @api.patch("/{product_id}", summary="상품수정 (OPT-8: 판매 중인 상품은 옵션 구조 변경 불가)")
    async def revise_product(product_id: str, body: ReviseProductIn, ctx: Manager) -> dict[str, Any]:
        return await handlers.revise_product(ctx, product_id, command_fields(body))

    @api.post("/{product_id}/status", summary="상품상태 변경 (판매가능/판매불가, CAT-STAT-1)")
    async def change_status(product_id: str, body: ChangeStatusIn, ctx: Manager) -> dict[str, Any]:
        return await handlers.change_status(ctx, product_id, body.status)

    return api
