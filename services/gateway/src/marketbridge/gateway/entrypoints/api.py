"""The gateway's own API: token, the caller, users (USR-2), password (USR-3), company profile (USR-1).
Routers translate HTTP to handler calls, nothing more."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm
from marketbridge.gateway.domain.commands import ChangePassword, InviteUser, UpdateTenantProfile, UpdateUser
from marketbridge.gateway.domain.model import Principal
from marketbridge.gateway.entrypoints.schemas import (
    ChangePasswordIn,
    ErrorBody,
    InviteUserIn,
    MeOut,
    TenantOut,
    TenantRef,
    TokenOut,
    UpdateTenantIn,
    UpdateUserIn,
    UserOut,
)
from marketbridge.gateway.entrypoints.security import CurrentPrincipal, correlation_id
from marketbridge.gateway.handlers import Context, auth, tenants, users

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 409)
}


def api_router(ctx: Context, current_principal: CurrentPrincipal) -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERRORS)
    signed_in = Depends(current_principal)

    @router.post("/auth/token", tags=["auth"], summary="로그인 (OAuth2 password)")
    async def token(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> TokenOut:
        issued = await auth.issue_token(ctx, form.username, form.password)
        return TokenOut(access_token=issued.access_token, expires_in=issued.expires_in)

    @router.get("/me", tags=["me"], summary="내 정보")
    async def me(caller: Annotated[Principal, signed_in]) -> MeOut:
        return MeOut(id=caller.user_id, email=caller.email, role=caller.role,
                     tenant=TenantRef(id=caller.tenant_id, name=caller.tenant_name))

    @router.post("/me/password", tags=["me"], summary="비밀번호 변경 (USR-3)")
    async def change_password(caller: Annotated[Principal, signed_in], body: ChangePasswordIn) -> TokenOut:
        issued = await users.change_password(ctx, caller, ChangePassword(**body.model_dump()))
        return TokenOut(access_token=issued.access_token, expires_in=issued.expires_in)

    @router.get("/users", tags=["users"], summary="사용자 목록 (USR-2)")
    async def list_users(caller: Annotated[Principal, signed_in]) -> list[UserOut]:
        return [UserOut.of(u) for u in await users.list_users(ctx, caller)]

    @router.post("/users", tags=["users"], status_code=201, summary="사용자 추가 (USR-2, 대표만)")
    async def invite_user(caller: Annotated[Principal, signed_in], body: InviteUserIn, request: Request) -> UserOut:
        user = await users.invite_user(ctx, caller, InviteUser(**body.model_dump()), correlation_id(request))
        return UserOut.of(user)

    @router.patch("/users/{user_id}", tags=["users"], summary="사용자 권한·상태·이름 변경 (USR-2, 대표만)")
    async def update_user(caller: Annotated[Principal, signed_in], user_id: str, body: UpdateUserIn) -> UserOut:
        return UserOut.of(await users.update_user(ctx, caller, UpdateUser(user_id, **body.model_dump())))

    @router.get("/tenant", tags=["tenant"], summary="기본정보 (USR-1)")
    async def get_tenant(caller: Annotated[Principal, signed_in]) -> TenantOut:
        return TenantOut.of(await tenants.get_tenant(ctx, caller))

    @router.patch("/tenant", tags=["tenant"], summary="기본정보 수정 (USR-1, 대표만)")
    async def update_tenant(caller: Annotated[Principal, signed_in], body: UpdateTenantIn, request: Request) -> TenantOut:
        cmd = UpdateTenantProfile(body.model_dump(exclude_unset=True))
        return TenantOut.of(await tenants.update_tenant_profile(ctx, caller, cmd, correlation_id(request)))

    return router
