"""Users, tenants and roles as plain values (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

Role = Literal["owner", "manager", "operator", "viewer"]
ROLES: tuple[Role, ...] = get_args(Role)
ROLE_RANK: dict[str, int] = {"viewer": 0, "operator": 1, "manager": 2, "owner": 3}
ROLE_LABELS: dict[str, str] = {"owner": "대표", "manager": "관리자", "operator": "운영자", "viewer": "조회자"}


def at_least(role: str, minimum: Role) -> bool:
    return ROLE_RANK.get(role, -1) >= ROLE_RANK[minimum]


@dataclass(frozen=True)
class Tenant:
    id: str
    name: str
    contact_phone: str | None
    address: str | None
    created_at: datetime


@dataclass(frozen=True)
class User:
    id: str
    tenant_id: str
    email: str
    display_name: str
    role: Role
    active: bool
    created_at: datetime

    @property
    def is_active_owner(self) -> bool:
        return self.active and self.role == "owner"


@dataclass(frozen=True)
class Principal:
    """The authenticated caller, as the database says now (not as an old token said)."""

    user_id: str
    tenant_id: str
    tenant_name: str
    role: Role
    email: str

    def at_least(self, minimum: Role) -> bool:
        return at_least(self.role, minimum)
