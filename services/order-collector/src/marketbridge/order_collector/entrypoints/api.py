"""HTTP API of the order collector (reached through the gateway at the same paths)."""

from datetime import datetime, timedelta, timezone
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from marketbridge.order_collector import views
from marketbridge.order_collector.handlers import CollectorHandlers
from marketbridge.runtime.errors import DomainError
from marketbridge.runtime.http import RequestContext, requires
from marketbridge.runtime.service import ServiceRuntime
from pydantic import BaseModel, Field

KST = timezone(timedelta(hours=9))


class RequestCollections(BaseModel):
    account_ids: list[str] | None = Field(default=None, description="제휴몰 계정 ID (생략 시 사용 중인 모든 계정)")
    window_from: datetime | None = Field(default=None, description="수집 시작 일시 (생략 시 지난 수집의 종료 시점)")
    window_to: datetime | None = Field(default=None, description="수집 종료 일시 (생략 시 현재)")


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=KST) if moment is not None and moment.tzinfo is None else moment


def router(rt: ServiceRuntime, handlers: CollectorHandlers, context: Any) -> APIRouter:
    api = APIRouter(prefix="/api/v1/collections", tags=["collections (주문수집)"])
    Viewer = Annotated[RequestContext, Depends(requires("viewer", context))]
    Operator = Annotated[RequestContext, Depends(requires("operator", context))]

    @api.post("", status_code=202, summary="주문수집 요청 (ORD-COL-4)")
    async def request_collection(body: RequestCollections, ctx: Operator) -> dict[str, Any]:
        window_from, window_to = _aware(body.window_from), _aware(body.window_to)
        if window_from and window_to and window_from > window_to:
            raise DomainError(
                "COLLECTION_PERIOD_INVALID", "수집 시작 일시가 종료 일시보다 늦습니다.", "window_from", "ORD-COL-4"
            )
        runs = await handlers.request_collection(
            ctx, account_ids=body.account_ids, window_from=window_from, window_to=window_to
        )
        return {"runs": runs}

    @api.get("/runs", summary="주문수집 작업 조회")
    async def list_runs(
        ctx: Viewer,
        account_id: str | None = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.list_runs(conn, ctx.tenant_id, account_id=account_id, limit=limit, offset=offset)

    @api.get("/runs/{run_id}", summary="주문수집 작업 상세")
    async def get_run(run_id: str, ctx: Viewer) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.get_run(conn, ctx.tenant_id, run_id)

    @api.get("/status", summary="계정별 주문수집 현황 (ORD-COL-5)")
    async def collection_status(ctx: Viewer) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await views.collection_status_of(conn, ctx.tenant_id)

    return api
