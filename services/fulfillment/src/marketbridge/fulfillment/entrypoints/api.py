"""HTTP API of the fulfillment service (reached through the gateway at the same paths)."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from marketbridge.contracts.marketplaces import MARKETPLACES
from marketbridge.fulfillment import views
from marketbridge.fulfillment.domain.carriers import Carrier
from marketbridge.fulfillment.domain.state import Order
from marketbridge.fulfillment.domain.values import DelayReason, OrderStatus, SellerCancelReason
from marketbridge.fulfillment.handlers import FulfillmentHandlers
from marketbridge.runtime.errors import DomainError
from marketbridge.runtime.http import RequestContext, requires
from marketbridge.runtime.service import ServiceRuntime
from pydantic import BaseModel, Field

MAX_BATCH = 500


class Acknowledge(BaseModel):
    planned_dispatch_at: datetime | None = Field(default=None, description="출고 예정일시 (ORD-ACK-2, 기본: 지금)")
    delay_reason: DelayReason | None = Field(default=None, description="배송지연사유 (ORD-ACK-3)")
    delay_detail: str | None = Field(default=None, max_length=300, description="상세사유 (사유가 '기타'일 때 필수)")


class AcknowledgeMany(Acknowledge):
    order_ids: list[str] = Field(min_length=1, max_length=MAX_BATCH)


class RegisterInvoice(BaseModel):
    carrier: Carrier = Field(description="택배사")
    tracking_number: str = Field(max_length=50, description="송장번호 (INV-3)")


class OrderIds(BaseModel):
    order_ids: list[str] = Field(min_length=1, max_length=MAX_BATCH)


class Cancel(BaseModel):
    reason: SellerCancelReason = SellerCancelReason.SOLD_OUT
    reason_detail: str | None = Field(default=None, max_length=300)


def _out(state: Order) -> dict[str, Any]:
    return state.model_dump(mode="json") | {"status_label": state.status.label}


def carriers_of(marketplace: str) -> dict[str, Any]:
    """The couriers an invoice for `marketplace` may name, with their tracking-number formats. Where the
    marketplace's own list is read when sending (ESM), every courier is offered and `mapped` says which are
    certain."""
    info = MARKETPLACES.get(marketplace.lower())
    if info is None:
        raise DomainError("MARKETPLACE_UNKNOWN", f"알 수 없는 제휴몰입니다: {marketplace}", field="marketplace")
    offered = list(Carrier) if info.carriers_by_name else [c for c in Carrier if c.value in info.carriers]
    items = [
        {"code": c.value, "name": c.label, "tracking_number_format": c.spec.hint,
         "international": c.spec.international, "mapped": c.value in info.carriers}
        for c in offered
    ]  # fmt: skip
    return {"marketplace": info.code, "marketplace_name": info.name_ko,
            "checked_by_name_when_sending": info.carriers_by_name, "items": items}  # fmt: skip


def router(rt: ServiceRuntime, handlers: FulfillmentHandlers, context: Any) -> APIRouter:
    api = APIRouter(prefix="/api/v1/orders", tags=["orders (주문/배송)"])
    Viewer = Annotated[RequestContext, Depends(requires("viewer", context))]
    Operator = Annotated[RequestContext, Depends(requires("operator", context))]

    @api.get("", summary="주문 조회")
    async def list_orders(
        ctx: Viewer,
        status: OrderStatus | None = None,
        marketplace: str | None = None,
        account_id: str | None = None,
        ordered_from: Annotated[datetime | None, Query(alias="from")] = None,
        ordered_to: Annotated[datetime | None, Query(alias="to")] = None,
        q: Annotated[str | None, Query(max_length=100, description="주문번호")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.list_orders(
                conn,
                ctx.tenant_id,
                status=status.value if status else None,
                marketplace=marketplace,
                account_id=account_id,
                ordered_from=ordered_from,
                ordered_to=ordered_to,
                q=q,
                limit=limit,
                offset=offset,
            )

    @api.get("/counts", summary="상태별 주문 건수 (UI-3)")
    async def counts(ctx: Viewer) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.count_by_status(conn, ctx.tenant_id)

    @api.get("/carriers", summary="제휴몰별 택배사 목록 (INV-2: 제휴몰을 고른 뒤 택배사 선택)")
    async def carriers(ctx: Viewer, marketplace: Annotated[str, Query(max_length=30)]) -> dict[str, Any]:
        return carriers_of(marketplace)

    @api.post("/acknowledge", summary="발주확인 일괄 처리 (ORD-ACK-1)")
    async def acknowledge_many(body: AcknowledgeMany, ctx: Operator) -> dict[str, Any]:
        fields = body.model_dump(exclude={"order_ids"})
        results = await handlers.for_each(body.order_ids, lambda oid: handlers.acknowledge(ctx, oid, **fields))
        return {"results": results}

    @api.post("/invoices/send", summary="송장송신 일괄 처리 (INV-SEND-1)")
    async def send_invoices(body: OrderIds, ctx: Operator) -> dict[str, Any]:
        return {"results": await handlers.for_each(body.order_ids, lambda oid: handlers.send_invoice(ctx, oid))}

    @api.get("/{order_id}", summary="주문 상세 (처리 이력 포함)")
    async def get_order(order_id: str, ctx: Viewer) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.get_order(conn, rt.store, ctx.tenant_id, order_id)

    @api.post("/{order_id}/acknowledge", status_code=202, summary="발주확인 (ORD-ACK-1..3)")
    async def acknowledge(order_id: str, body: Acknowledge, ctx: Operator) -> dict[str, Any]:
        return _out(await handlers.acknowledge(ctx, order_id, **body.model_dump()))

    @api.post("/{order_id}/invoice", summary="송장등록 (INV-1, INV-2, INV-3)")
    async def register_invoice(order_id: str, body: RegisterInvoice, ctx: Operator) -> dict[str, Any]:
        return _out(await handlers.register_invoice(ctx, order_id, body.carrier, body.tracking_number))

    @api.post("/{order_id}/invoice/send", status_code=202, summary="송장송신 (INV-SEND-1)")
    async def send_invoice(order_id: str, ctx: Operator) -> dict[str, Any]:
        return _out(await handlers.send_invoice(ctx, order_id))

    @api.post("/{order_id}/force-complete", summary="강제완료처리 (INV-SEND-3)")
    async def force_complete(order_id: str, ctx: Operator) -> dict[str, Any]:
        return _out(await handlers.force_complete(ctx, order_id))

    @api.post("/{order_id}/cancel", status_code=202, summary="판매취소 (ORD-CANCEL-1/2)")
    async def cancel(order_id: str, ctx: Operator, body: Cancel | None = None) -> dict[str, Any]:
        body = body or Cancel()
        return _out(await handlers.cancel(ctx, order_id, body.reason, body.reason_detail))

    return api
