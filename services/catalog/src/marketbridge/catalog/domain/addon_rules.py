"""추가상품 (add-on products) rules ADD-1..3 and add-on stock (STK-1, STK-2)."""

from __future__ import annotations

from collections.abc import Sequence

from marketbridge.catalog.domain.attributes import AddOnGroup
from marketbridge.catalog.domain.option_rules import check_stock
from marketbridge.catalog.domain.problems import DomainWarning, violation, warning
from marketbridge.runtime.errors import DomainError

MAX_ADD_ON_GROUPS = 5  # ADD-1
ADD_ON_MIN_PRICE = 10  # ADD-2
ADD_ON_TEXT_MAX = 25  # group / item name length (inferred)
MAX_ADD_ON_ITEMS = 50  # per group (inferred)


def check_add_ons(groups: Sequence[AddOnGroup], *, min_stock: int) -> list[DomainError]:
    errors: list[DomainError] = []
    if len(groups) > MAX_ADD_ON_GROUPS:
        message = f"추가상품 그룹은 최대 {MAX_ADD_ON_GROUPS}개까지 만들 수 있습니다."
        errors.append(violation("ADD_ON_GROUPS_TOO_MANY", "add_ons", "ADD-1", message))
    names = [g.name for g in groups]
    for i, group in enumerate(groups):
        field = f"add_ons[{i}]"
        if not group.name or len(group.name) > ADD_ON_TEXT_MAX:
            message = f"추가상품 그룹명을 {ADD_ON_TEXT_MAX}자 이내로 입력해 주세요."
            errors.append(violation("ADD_ON_GROUP_NAME_INVALID", f"{field}.name", "ADD-1", message))
        elif group.name in names[:i]:
            message = f"추가상품 그룹명 '{group.name}'이(가) 중복되었습니다."
            errors.append(violation("ADD_ON_GROUP_NAME_DUPLICATE", f"{field}.name", "ADD-1", message))
        if not group.items or len(group.items) > MAX_ADD_ON_ITEMS:
            message = f"추가상품 그룹마다 추가상품을 1개 이상 {MAX_ADD_ON_ITEMS}개 이하로 입력해 주세요."
            errors.append(violation("ADD_ON_ITEMS_REQUIRED", f"{field}.items", "ADD-1", message))
        errors += _check_items(group, field, min_stock=min_stock)
    return errors


def _check_items(group: AddOnGroup, field: str, *, min_stock: int) -> list[DomainError]:
    errors: list[DomainError] = []
    item_names = [item.name for item in group.items]
    for j, item in enumerate(group.items):
        at = f"{field}.items[{j}]"
        if not item.name or len(item.name) > ADD_ON_TEXT_MAX:
            message = f"추가상품명을 {ADD_ON_TEXT_MAX}자 이내로 입력해 주세요."
            errors.append(violation("ADD_ON_NAME_INVALID", f"{at}.name", "ADD-1", message))
        elif item.name in item_names[:j]:
            message = f"추가상품명 '{item.name}'이(가) 그룹 '{group.name}'에 중복되었습니다."
            errors.append(violation("ADD_ON_NAME_DUPLICATE", f"{at}.name", "ADD-1", message))
        if item.price < ADD_ON_MIN_PRICE:
            message = f"추가상품 가격은 {ADD_ON_MIN_PRICE}원 이상으로 입력해 주세요(10원~판매금액의 +50%)."
            errors.append(violation("ADD_ON_PRICE_TOO_LOW", f"{at}.price", "ADD-2", message))
        errors += check_stock(item.stock, field=f"{at}.stock", min_stock=min_stock)
    return errors


def add_on_warnings(groups: Sequence[AddOnGroup], *, base_price: int) -> list[DomainWarning]:
    """ADD-2 upper bound against the representative price (the sale price exists only per listing, Q3),
    and ADD-3: 종합몰 do not show add-ons."""
    found = [
        warning(
            "ADD_ON_PRICE_OVER_HALF",
            f"add_ons[{i}].items[{j}].price",
            "ADD-2",
            f"추가상품 '{item.name}'의 가격은 대표가격 {base_price:,}원의 50%({base_price // 2:,}원) 이하로 입력하세요. "
            "판매정보 등록 시 판매가 기준으로 다시 확인합니다.",
        )
        for i, group in enumerate(groups)
        for j, item in enumerate(group.items)
        if 2 * item.price > base_price
    ]
    if groups:
        message = "종합몰은 추가상품 정책이 없어 연동해도 추가상품이 노출되지 않습니다. 오픈마켓에는 반영됩니다."
        found.append(warning("ADD_ONS_NOT_SHOWN_ON_GENERAL_MALLS", "add_ons", "ADD-3", message))
    return found
