"""Errors shared by every service: pure Python so domain layers may raise them.

A DomainError names the failure (stable `code`), the input `field`, the spec `rule` and a Korean,
seller-facing `message`. The HTTP layer turns them into the uniform error body (see docs/CONVENTIONS.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(eq=False)
class DomainError(Exception):
    code: str
    message: str
    field: str | None = None
    rule: str | None = None
    status: int = 400

    def __post_init__(self) -> None:
        super().__init__(f"{self.code}: {self.message}")

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "rule": self.rule, "message": self.message}


class NotFound(DomainError):
    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(code=code, message=message, field=field, status=404)


class Conflict(DomainError):
    def __init__(self, code: str, message: str, field: str | None = None, rule: str | None = None) -> None:
        super().__init__(code=code, message=message, field=field, rule=rule, status=409)


class ValidationFailed(DomainError):
    """Several violations reported together; nothing is stored when this is raised."""

    def __init__(self, errors: Iterable[DomainError], message: str = "입력값을 확인해 주세요.") -> None:
        self.errors = list(errors)
        super().__init__(code="VALIDATION_FAILED", message=message, status=400)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "errors": [e.as_dict() for e in self.errors]}


def collect(errors: list[DomainError]) -> None:
    """Raise ValidationFailed when any error was collected (domain validators gather, then call this)."""
    if errors:
        raise ValidationFailed(errors)


class ConcurrencyError(Conflict):
    """The stream moved on since it was read (optimistic concurrency)."""

    def __init__(self, stream_id: str, expected: int, actual: int | None = None) -> None:
        self.stream_id, self.expected, self.actual = stream_id, expected, actual
        super().__init__(
            code="CONCURRENT_MODIFICATION",
            message="다른 사용자가 먼저 변경했습니다. 새로고침 후 다시 시도해 주세요.",
        )
