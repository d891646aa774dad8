"""Request and response bodies of the gateway's own API."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from marketbridge.gateway.domain.model import Role, Tenant, User
from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorItem(BaseModel):
    code: str
    field: str | None
    rule: str | None
    message: str


class ErrorBody(BaseModel):
    """Every error of every service: a stable code, a Korean message, and the individual violations."""

    code: str
    message: str
    errors: list[ErrorItem]


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="seconds until the token expires")


class UserOut(BaseModel):
    id: str
    email: str
    display_name: str
    role: Role
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(id=user.id, email=user.email, display_name=user.display_name, role=user.role,
                   active=user.active, created_at=user.created_at)


class TenantRef(BaseModel):
    id: str
    name: str


class MeOut(BaseModel):
    id: str
    email: str
    role: Role
    tenant: TenantRef


class InviteUserIn(Strict):
    email: str = Field(max_length=254, examples=["staff@example.com"])
    display_name: str = Field(max_length=50, examples=["김운영"])
    role: Role = Field(examples=["operator"])
    password: str = Field(description="first password: 8+ characters with letters and digits")


class UpdateUserIn(Strict):
    role: Role | None = None
    active: bool | None = None
    display_name: str | None = Field(default=None, max_length=50)


class ChangePasswordIn(Strict):
    current_password: str
    new_password: str
    new_password_confirm: str


class TenantOut(BaseModel):
    id: str
    name: str = Field(description="company name; the default manufacturer and brand of products")
    contact_phone: str | None
    address: str | None
    created_at: datetime

    @classmethod
    def of(cls, tenant: Tenant) -> TenantOut:
        return cls(id=tenant.id, name=tenant.name, contact_phone=tenant.contact_phone, address=tenant.address,
                   created_at=tenant.created_at)


class UpdateTenantIn(Strict):
    name: str | None = Field(default=None, max_length=100)
    contact_phone: str | None = Field(default=None, max_length=20, examples=["010-1234-5678"])
    address: str | None = Field(default=None, max_length=300)
