"""Pure rules for users, passwords, roles and the tenant profile (USR-1, USR-2, USR-3).

Validators return the violations they find, so a command can report them all at once
(`marketbridge.runtime.errors.collect`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

from marketbridge.gateway.domain import errors
from marketbridge.gateway.domain.model import ROLES, Principal, Role, User
from marketbridge.runtime.errors import DomainError, collect

EMAIL_MAX = 254
NAME_MAX = 50
TENANT_NAME_MAX = 100
ADDRESS_MAX = 300
PASSWORD_MIN = 8
PASSWORD_MAX = 128
PROFILE_FIELDS = ("name", "contact_phone", "address")

_EMAIL = re.compile(
    r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$"
)
# Landlines and mobiles (02-123-4567, 010-1234-5678) and company numbers (1588-1234), hyphens optional.
_PHONE = re.compile(r"^(?:0\d{1,2}-?\d{3,4}-?\d{4}|1[5-9]\d{2}-?\d{4})$")


def normalize_email(raw: str) -> str:
    return raw.strip().lower()


def email_errors(email: str, field: str = "email") -> list[DomainError]:
    if len(email) > EMAIL_MAX or not _EMAIL.match(email):
        return [DomainError("EMAIL_INVALID", "이메일 형식이 올바르지 않습니다. (예: seller@example.com)", field, "USR-2")]
    return []


def password_errors(password: str, field: str = "password") -> list[DomainError]:
    """Password policy: 8 to 128 characters, with at least one letter and one digit (USR-3)."""
    found: list[DomainError] = []
    if len(password) < PASSWORD_MIN:
        found.append(DomainError("PASSWORD_TOO_SHORT", "비밀번호는 8자 이상이어야 합니다.", field, "USR-3"))
    if len(password) > PASSWORD_MAX:
        found.append(DomainError("PASSWORD_TOO_LONG", "비밀번호는 128자 이하여야 합니다.", field, "USR-3"))
    if not any(c.isalpha() for c in password):
        found.append(DomainError("PASSWORD_LETTER_REQUIRED", "비밀번호에는 문자가 하나 이상 있어야 합니다.", field, "USR-3"))
    if not any(c.isdigit() for c in password):
        found.append(DomainError("PASSWORD_DIGIT_REQUIRED", "비밀번호에는 숫자가 하나 이상 있어야 합니다.", field, "USR-3"))
    return found


def display_name_errors(name: str, field: str = "display_name") -> list[DomainError]:
    if not name.strip():
        return [DomainError("USER_NAME_REQUIRED", "사용자 이름을 입력해 주세요.", field, "USR-2")]
    if len(name) > NAME_MAX:
        return [DomainError("USER_NAME_TOO_LONG", "사용자 이름은 50자 이하여야 합니다.", field, "USR-2")]
    return []


def role_errors(role: str, field: str = "role") -> list[DomainError]:
    if role not in ROLES:
        return [DomainError("USER_ROLE_INVALID", "권한은 대표, 관리자, 운영자, 조회자 중 하나여야 합니다.", field, "USR-2")]
    return []


def tenant_name_errors(name: str, field: str = "name") -> list[DomainError]:
    if not name.strip():
        return [DomainError("TENANT_NAME_REQUIRED", "회사명(상호)을 입력해 주세요.", field, "USR-1")]
    if len(name) > TENANT_NAME_MAX:
        return [DomainError("TENANT_NAME_TOO_LONG", "회사명(상호)은 100자 이하여야 합니다.", field, "USR-1")]
    return []


def phone_errors(phone: str | None, field: str = "contact_phone") -> list[DomainError]:
    if phone is None or _PHONE.match(phone):
        return []
    return [DomainError("TENANT_PHONE_INVALID", "연락처 형식이 올바르지 않습니다. (예: 010-1234-5678)", field, "USR-1")]


def address_errors(address: str | None, field: str = "address") -> list[DomainError]:
    if address is not None and len(address) > ADDRESS_MAX:
        return [DomainError("TENANT_ADDRESS_TOO_LONG", "주소는 300자 이하여야 합니다.", field, "USR-1")]
    return []


def check_new_user(email: str, display_name: str, role: str, password: str | None) -> Role:
    """A new user's email, name and role; its password follows the policy unless `password` is None."""
    policy = password_errors(password) if password is not None else []
    collect(email_errors(email) + display_name_errors(display_name) + role_errors(role) + policy)
    return cast(Role, role)


def check_tenant_profile(changes: Mapping[str, Any]) -> None:
    """USR-1: the company name (also the default manufacturer/brand) is required; phone and address optional."""
    unknown = [DomainError("FIELD_UNKNOWN", "알 수 없는 항목입니다.", k) for k in changes if k not in PROFILE_FIELDS]
    name = changes.get("name", "")
    found = unknown + (tenant_name_errors(name or "") if "name" in changes else [])
    collect(found + phone_errors(changes.get("contact_phone")) + address_errors(changes.get("address")))


def check_password_change(*, current_matches: bool, new: str, confirm: str, same_as_current: bool) -> None:
    """USR-3: the current password, then the new one twice; the new one follows the policy."""
    found: list[DomainError] = []
    if not current_matches:
        found.append(
            DomainError("CURRENT_PASSWORD_MISMATCH", "현재 비밀번호가 올바르지 않습니다.", "current_password", "USR-3")
        )
    found += password_errors(new, "new_password")
    if new != confirm:
        found.append(
            DomainError("PASSWORD_CONFIRM_MISMATCH", "새 비밀번호와 확인이 일치하지 않습니다.", "new_password_confirm", "USR-3")
        )
    if current_matches and same_as_current:
        found.append(
            DomainError("PASSWORD_UNCHANGED", "새 비밀번호는 현재 비밀번호와 달라야 합니다.", "new_password", "USR-3")
        )
    collect(found)


def ensure_owner(actor: Principal) -> None:
    """USR-2: only an owner manages users and the company profile."""
    if actor.role != "owner":
        raise errors.owner_required()


def check_user_change(target: User, *, role: str | None, active: bool | None, active_owners: int) -> None:
    """USR-2: the last active owner of a tenant can be neither demoted nor deactivated."""
    if role is not None:
        collect(role_errors(role))
    loses_owner = (role is not None and role != "owner") or active is False
    if target.is_active_owner and loses_owner and active_owners <= 1:
        raise errors.last_owner()


def valid_role(role: str, field: str = "role") -> Role:
    collect(role_errors(role, field))
    return cast(Role, role)
