"""Commands the gateway handles (plain values; the API builds them from requests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RegisterTenant:
    tenant_name: str
    email: str
    password: str
    display_name: str
    contact_phone: str | None = None
    # Only the embedded demo seeding turns the policy off, explicitly (see bootstrap.ensure_demo_tenant).
    enforce_password_policy: bool = True


@dataclass(frozen=True)
class InviteUser:
    email: str
    display_name: str
    role: str
    password: str


@dataclass(frozen=True)
class UpdateUser:
    user_id: str
    role: str | None = None
    active: bool | None = None
    display_name: str | None = None


@dataclass(frozen=True)
class ChangePassword:
    current_password: str
    new_password: str
    new_password_confirm: str


@dataclass(frozen=True)
class UpdateTenantProfile:
    """Only the fields present change; `contact_phone` or `address` set to None clears them."""

    changes: dict[str, Any] = field(default_factory=dict)
