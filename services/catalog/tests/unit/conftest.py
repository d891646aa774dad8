"""Builders for catalog domain unit tests (pure, no I/O)."""

from __future__ import annotations

from typing import Any

import pytest
from marketbridge.catalog.domain import (
    Decision,
    Product,
    RegisterProduct,
    ReviseProduct,
    decide,
    replay,
)
from marketbridge.catalog.reference import shipped
from marketbridge.runtime.errors import DomainError, ValidationFailed

COMPANY = "아임셀러상사"
SHOES = "02010201"  # 패션잡화 > 신발 > 남성신발 > 운동화 (notice group: shoes)
REFERENCE = shipped()


def notice(group: str = "shoes", **values: Any) -> dict[str, Any]:
    """A complete 품목고시 of `group`: every field `상세페이지 참조` unless given."""
    info = REFERENCE.notice_group(group)
    assert info is not None
    return {"group": group, "fields": {f.code: values.get(f.code, "상세페이지 참조") for f in info.fields}}


def color_size_options(**row_overrides: Any) -> dict[str, Any]:
    """2×2 combination options; row 0 has add-price 0, the others +1,000."""
    values = [("빨강", "S"), ("빨강", "M"), ("파랑", "S"), ("파랑", "M")]
    rows = [
        {"values": list(v), "add_price": 0 if i == 0 else 1000, "stock": 10, **row_overrides}
        for i, v in enumerate(values)
    ]
    return {
        "type": "combination",
        "names": [{"name": "색상", "values": "빨강,파랑"}, {"name": "사이즈", "values": ["S", "M"]}],
        "rows": rows,
    }


def register_command(**overrides: Any) -> RegisterProduct:
    fields: dict[str, Any] = {
        "tenant_id": "tenant-1",
        "product_id": "product-1",
        "actor_id": "user-1",
        "product_code": "201811160050198",
        "name": "나이키 에어맥스 운동화",
        "category_id": SHOES,
        "notice": notice(),
        "price": 10_000,
        "stock": 5,
    }
    fields.update(overrides)
    return RegisterProduct.model_validate(fields)


def revise_command(**overrides: Any) -> ReviseProduct:
    fields: dict[str, Any] = {
        "tenant_id": "tenant-1",
        "product_id": "product-1",
        "actor_id": "user-2",
        "has_active_listings": False,
    }
    fields.update(overrides)
    return ReviseProduct.model_validate(fields)


def registered(**overrides: Any) -> Product:
    state = replay(decide(None, register_command(**overrides), company_name=COMPANY, reference=REFERENCE).events)
    assert state is not None
    return state


def rejected(state: Product | None, command: Any) -> list[DomainError]:
    with pytest.raises(ValidationFailed) as info:
        decide(state, command, company_name=COMPANY, reference=REFERENCE)
    return info.value.errors


def codes(errors: list[DomainError]) -> list[str]:
    return [e.code for e in errors]


class Helpers:
    """Test builders, reached through the `catalog` fixture (importlib mode cannot import conftest)."""

    company = COMPANY
    shoes = SHOES
    reference = REFERENCE
    notice = staticmethod(notice)
    color_size_options = staticmethod(color_size_options)
    register_command = staticmethod(register_command)
    revise_command = staticmethod(revise_command)
    registered = staticmethod(registered)
    rejected = staticmethod(rejected)
    codes = staticmethod(codes)

    @staticmethod
    def decide(state: Product | None, command: Any) -> Decision:
        return decide(state, command, company_name=COMPANY, reference=REFERENCE)


@pytest.fixture
def catalog() -> type[Helpers]:
    return Helpers
