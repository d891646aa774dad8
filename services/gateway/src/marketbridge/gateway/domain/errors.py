"""The gateway's domain errors: stable codes, Korean seller-facing messages, spec rule ids."""

from __future__ import annotations

from marketbridge.runtime.errors import Conflict, DomainError, NotFound


class Unauthenticated(DomainError):
    """401: the caller must (re)authenticate; the HTTP layer adds `WWW-Authenticate: Bearer`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code=code, message=message, status=401)


def invalid_credentials() -> Unauthenticated:
    return Unauthenticated("INVALID_CREDENTIALS", "이메일 또는 비밀번호가 올바르지 않습니다.")


def authentication_required() -> Unauthenticated:
    return Unauthenticated("AUTHENTICATION_REQUIRED", "로그인이 필요합니다.")


def token_expired() -> Unauthenticated:
    return Unauthenticated("TOKEN_EXPIRED", "로그인 시간이 만료되었습니다. 다시 로그인해 주세요.")


def token_invalid() -> Unauthenticated:
    return Unauthenticated("TOKEN_INVALID", "인증 정보가 올바르지 않습니다. 다시 로그인해 주세요.")


def user_inactive() -> DomainError:
    return DomainError("USER_INACTIVE", "비활성화된 사용자입니다. 대표 사용자에게 문의해 주세요.", status=403)


def forbidden(rule: str | None = None) -> DomainError:
    return DomainError("FORBIDDEN", "이 작업을 수행할 권한이 없습니다.", rule=rule, status=403)


def owner_required() -> DomainError:
    return DomainError("OWNER_REQUIRED", "사용자 관리는 대표 사용자만 할 수 있습니다.", rule="USR-2", status=403)


def user_not_found() -> NotFound:
    return NotFound("USER_NOT_FOUND", "사용자를 찾을 수 없습니다.")


def tenant_not_found() -> NotFound:
    return NotFound("TENANT_NOT_FOUND", "판매자 정보를 찾을 수 없습니다.")


def email_taken() -> Conflict:
    return Conflict("EMAIL_ALREADY_USED", "이미 사용 중인 이메일입니다.", field="email", rule="USR-2")


def last_owner() -> Conflict:
    return Conflict(
        "LAST_OWNER_REQUIRED",
        "마지막 대표 사용자의 권한을 변경하거나 비활성화할 수 없습니다. 다른 대표 사용자를 먼저 지정해 주세요.",
        field="role",
        rule="USR-2",
    )


def route_not_found() -> NotFound:
    return NotFound("ROUTE_NOT_FOUND", "요청한 API 경로를 찾을 수 없습니다.")


def method_not_allowed() -> DomainError:
    return DomainError("METHOD_NOT_ALLOWED", "이 경로에서 허용되지 않는 요청 방식입니다.", status=405)


def service_unavailable(service: str) -> DomainError:
    return DomainError(
        "SERVICE_UNAVAILABLE",
        f"일시적으로 서비스({service})에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
        status=503,
    )


def service_timeout(service: str) -> DomainError:
    return DomainError(
        "SERVICE_TIMEOUT",
        f"서비스({service})의 응답이 지연되고 있습니다. 잠시 후 다시 시도해 주세요.",
        status=504,
    )
