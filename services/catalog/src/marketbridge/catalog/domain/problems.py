"""How the catalog domain reports problems: errors (block the command) and warnings (guidance only).

Errors are `marketbridge.runtime.errors.DomainError`s; every message is Korean, names the field and ends
with the rule id, e.g. `상품명은 … (CAT-NAME-1)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marketbridge.runtime.errors import Conflict, DomainError, NotFound


def _with_rule(message: str, rule: str | None) -> str:
    return f"{message} ({rule})" if rule else message


def violation(code: str, field: str | None, rule: str | None, message: str) -> DomainError:
    """A 400 validation error; the rule id is appended to the message."""
    return DomainError(code=code, message=_with_rule(message, rule), field=field, rule=rule)


@dataclass(frozen=True)
class DomainWarning:
    """Guidance the seller should see but that does not block saving (e.g. CAT-NAME-3)."""

    code: str
    message: str
    field: str | None = None
    rule: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "rule": self.rule, "message": self.message}


def warning(code: str, field: str | None, rule: str | None, message: str) -> DomainWarning:
    return DomainWarning(code=code, message=_with_rule(message, rule), field=field, rule=rule)


def as_warning(error: DomainError) -> DomainWarning:
    """Downgrade an error to a warning (OPT-3 bounds checked against the representative price, Q3)."""
    return DomainWarning(code=error.code, message=error.message, field=error.field, rule=error.rule)


def product_not_found(product_id: str) -> NotFound:
    return NotFound(code="PRODUCT_NOT_FOUND", message=f"상품을 찾을 수 없습니다: {product_id}")


def product_already_registered(product_id: str) -> Conflict:
    return Conflict(code="PRODUCT_ALREADY_REGISTERED", message=f"이미 등록된 상품입니다: {product_id}")


def options_locked_while_on_sale() -> Conflict:
    return Conflict(
        code="OPTIONS_LOCKED_WHILE_ON_SALE",
        message=_with_rule(
            "판매 중인 상품(판매정보가 연동된 상품)은 옵션명·옵션값·추가금액을 변경할 수 없습니다. "
            "옵션별 판매여부와 재고는 변경할 수 있습니다.",
            "OPT-8",
        ),
        field="options",
        rule="OPT-8",
    )


def product_deleted(product_id: str) -> Conflict:
    return Conflict(
        code="PRODUCT_DELETED",
        message=f"삭제된 상품입니다. 상품복원 후 변경해 주세요: {product_id}",
        field="product_id",
    )


def product_on_sale_cannot_be_deleted() -> Conflict:
    return Conflict(
        code="PRODUCT_ON_SALE",
        message="판매 중인 상품(판매정보가 연동된 상품)은 삭제할 수 없습니다. 제휴몰 판매를 중지한 후 삭제해 주세요.",
        field="product_id",
    )
