"""HTTP API of the connectors service: marketplace accounts, the capability list, the sync log."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from marketbridge.connectors import synclog
from marketbridge.connectors.accounts import Accounts
from marketbridge.connectors.factories import connectable, credential_fields
from marketbridge.contracts.marketplaces import MARKETPLACES
from marketbridge.runtime.http import RequestContext, requires
from marketbridge.runtime.service import ServiceRuntime
from pydantic import BaseModel, Field


class RegisterAccount(BaseModel):
    marketplace: str = Field(description="제휴몰 코드 (GET /api/v1/marketplaces)")
    seller_id: str = Field(min_length=1, max_length=100, description="제휴몰 판매자 ID")
    display_name: str = Field(min_length=1, max_length=200)
    credentials: dict[str, str] = Field(description="API 인증 정보 (저장 시 암호화, 조회되지 않음)")
    key_expires_at: datetime | None = Field(default=None, description="API 인증키 만료일 (만료 7일 전부터 경고)")


class ChangeAccount(BaseModel):
    display_name: str | None = Field(default=None, min_length=1, max_length=200)
    active: bool | None = None
    credentials: dict[str, str] | None = None
    key_expires_at: datetime | None = None


def router(rt: ServiceRuntime, accounts: Accounts, context: Any) -> APIRouter:
    api = APIRouter(prefix="/api/v1")
    Viewer = Annotated[RequestContext, Depends(requires("viewer", context))]
    Manager = Annotated[RequestContext, Depends(requires("manager", context))]

    @api.get("/marketplaces", tags=["marketplaces (제휴몰)"], summary="지원 제휴몰과 기능")
    async def marketplaces(ctx: Viewer) -> list[dict[str, Any]]:
        """The capability matrix: type, operations (and why the others are not offered), limits, windows."""
        ready = set(connectable())
        return [
            m.model_dump() | {"operations": m.operations, "connectable": m.code in ready,
                              "credential_fields": list(credential_fields(m.code))}
            for m in MARKETPLACES.values()
        ]

    @api.post("/marketplace-accounts", status_code=201, tags=["marketplace accounts (제휴몰 계정정보)"])
    async def register_account(body: RegisterAccount, ctx: Manager) -> dict[str, Any]:
        return await accounts.register(ctx, **body.model_dump())

    @api.get("/marketplace-accounts", tags=["marketplace accounts (제휴몰 계정정보)"])
    async def list_accounts(ctx: Viewer) -> list[dict[str, Any]]:
        return await accounts.list(ctx.tenant_id)

    @api.get("/marketplace-accounts/{account_id}", tags=["marketplace accounts (제휴몰 계정정보)"])
    async def get_account(account_id: str, ctx: Viewer) -> dict[str, Any]:
        return await accounts.get(ctx.tenant_id, account_id)

    @api.patch("/marketplace-accounts/{account_id}", tags=["marketplace accounts (제휴몰 계정정보)"])
    async def change_account(account_id: str, body: ChangeAccount, ctx: Manager) -> dict[str, Any]:
        return await accounts.update(ctx, account_id, body.model_dump(exclude_unset=True))

    @api.get("/sync-logs", tags=["sync log (연동이력)"])
    async def list_sync_logs(
        ctx: Viewer, account_id: str | None = None, job: str | None = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await synclog.list_logs(conn, ctx.tenant_id, account_id, job, limit)

    @api.get("/sync-logs/{log_id}", tags=["sync log (연동이력)"])
    async def get_sync_log(log_id: str, ctx: Viewer) -> dict[str, Any]:
        async with rt.db.read() as conn:
            return await synclog.get_log(conn, ctx.tenant_id, log_id)

    return api
