"""Basic-info rules of a product (상품기본정보, SEED-SPEC 1.2) checked on a complete draft.

Registration checks the command's draft; revision checks the current product with the changes applied,
so cross-field rules (options vs. stock, OPT-3 vs. price) hold after every command.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marketbridge.catalog.domain import addon_rules, attribute_rules
from marketbridge.catalog.domain.fields import ProductFields
from marketbridge.catalog.domain.notice_rules import check_notice
from marketbridge.catalog.domain.option_rules import check_options, check_stock, option_mode_warnings
from marketbridge.catalog.domain.options import CombinationOptions, OptionSpec
from marketbridge.catalog.domain.problems import DomainWarning, violation, warning
from marketbridge.catalog.domain.product_code import is_valid_product_code
from marketbridge.catalog.domain.reference import CategoryInfo, Reference
from marketbridge.catalog.domain.text_rules import (
    NAME_MAX_UNITS,
    display_units,
    invalid_name_characters,
    mentions_free_shipping,
    quoted,
)
from marketbridge.runtime.errors import DomainError

PRICE_MAX = 1_000_000_000  # CAT-PRICE-1 (inferred maximum, = LST-PRICE-2's sale price maximum)
MAKER_MAX_LENGTH = 50  # manufacturer / brand length in characters (inferred)
CATEGORY_ID_MAX_LENGTH = 100  # (inferred)


@dataclass
class ProductCheck:
    draft: ProductFields
    errors: list[DomainError] = field(default_factory=list)
    warnings: list[DomainWarning] = field(default_factory=list)


def check_product(draft: ProductFields, *, registering: bool, reference: Reference) -> ProductCheck:
    """Every violation of the draft at once, the warnings, and the draft with options normalised."""
    category = reference.category(draft.category_id) if draft.category_id else None
    errors = [*check_name(draft.name), *check_category(draft.category_id, category), *check_price(draft.price)]
    errors += check_maker(draft.manufacturer, field="manufacturer", what="제조사")
    errors += check_maker(draft.brand, field="brand", what="브랜드")
    errors += _check_attributes(draft, category, reference)
    check = ProductCheck(draft, errors, name_warnings(draft.name))
    check.warnings += _attribute_warnings(draft, category)
    min_stock = 1 if registering else 0  # STK-2 / Q11
    if draft.options is not None:
        options = check_options(draft.options, price=draft.price, min_stock=min_stock)
        check.errors += options.errors
        check.warnings += options.warnings + option_mode_warnings(options.options, draft.option_mode)
        check.draft = draft.model_copy(update={"options": options.options})
    check.errors += check_single_stock(draft.options, draft.stock, min_stock=min_stock)
    check.errors += addon_rules.check_add_ons(draft.add_ons, min_stock=min_stock)
    return check


def _check_attributes(draft: ProductFields, category: CategoryInfo | None, reference: Reference) -> list[DomainError]:
    notice_group = reference.notice_group(draft.notice.group) if draft.notice is not None else None
    return [
        *attribute_rules.check_seller_code(draft.seller_product_code),
        *attribute_rules.check_model(draft.model_name, draft.model_no, isbn=draft.model_no_is_isbn),
        *attribute_rules.check_dates(draft.manufactured_on, draft.expires_on),
        *attribute_rules.check_origin(draft.origin),
        *attribute_rules.check_certifications(draft.certifications, category),
        *check_notice(draft.notice, notice_group),
        *attribute_rules.check_keywords(draft.keywords),
        *attribute_rules.check_detail_html(draft.detail_html),
        *attribute_rules.check_images(draft.images),
    ]


def _attribute_warnings(draft: ProductFields, category: CategoryInfo | None) -> list[DomainWarning]:
    return [
        *attribute_rules.date_warnings(category, draft.manufactured_on, draft.expires_on),
        *attribute_rules.certification_warnings(draft.certifications),
        *addon_rules.add_on_warnings(draft.add_ons, base_price=draft.price),
    ]


def check_name(name: str) -> list[DomainError]:
    """CAT-NAME-1 (Q9): allowed characters, at most 40 units with Hangul counting 2."""
    if not name:
        return [violation("PRODUCT_NAME_REQUIRED", "name", "CAT-NAME-1", "상품명을 입력해 주세요.")]
    errors = []
    if bad := invalid_name_characters(name):
        message = (
            "상품명에는 문자, 숫자, 공백과 특수문자 ( ) / + - ~ 만 사용할 수 있습니다. "
            f"사용할 수 없는 문자: {quoted(bad)}"
        )
        errors.append(violation("PRODUCT_NAME_INVALID_CHARACTERS", "name", "CAT-NAME-1", message))
    if (units := display_units(name)) > NAME_MAX_UNITS:
        message = (
            f"상품명은 한글 20자, 영문·숫자 40자 이내로 입력해 주세요"
            f"(한글 1자는 2, 그 외 1로 계산해 최대 {NAME_MAX_UNITS}, 현재 {units})."
        )
        errors.append(violation("PRODUCT_NAME_TOO_LONG", "name", "CAT-NAME-1", message))
    return errors


def name_warnings(name: str) -> list[DomainWarning]:
    """CAT-NAME-3 (Q10): `무료배송` in the name is discouraged, not forbidden."""
    if not mentions_free_shipping(name):
        return []
    message = "상품명에 '무료배송'을 넣지 마세요. 배송비는 판매정보에서 설정합니다."
    return [warning("PRODUCT_NAME_MENTIONS_FREE_SHIPPING", "name", "CAT-NAME-3", message)]


def check_category(category_id: str, category: CategoryInfo | None) -> list[DomainError]:
    """CAT-CATEG-1 (Q6): exactly one applied category, a leaf of the shared category tree."""
    if not category_id:
        message = "카테고리를 1개 선택하고 '적용'을 눌러 주세요."
        return [violation("CATEGORY_REQUIRED", "category_id", "CAT-CATEG-1", message)]
    if category is None or len(category_id) > CATEGORY_ID_MAX_LENGTH:
        message = f"존재하지 않는 카테고리입니다: '{category_id[:CATEGORY_ID_MAX_LENGTH]}'"
        return [violation("CATEGORY_UNKNOWN", "category_id", "CAT-CATEG-1", message)]
    if not category.leaf:
        message = f"'{category.label}'의 하위 분류까지 선택해 주세요(대/중/소/상세분류)."
        return [violation("CATEGORY_NOT_LEAF", "category_id", "CAT-CATEG-1", message)]
    return []


def check_product_code(code: str) -> list[DomainError]:
    """CAT-CODE-1: 15 digits, `yyyyMMdd` (a real date) + 7-digit serial."""
    if is_valid_product_code(code):
        return []
    message = "상품코드는 등록일(yyyyMMdd)과 7자리 일련번호로 이루어진 15자리 숫자여야 합니다."
    return [violation("PRODUCT_CODE_INVALID", "product_code", "CAT-CODE-1", message)]


def check_price(price: int) -> list[DomainError]:
    """CAT-PRICE-1: integer KRW, 0..1,000,000,000."""
    if 0 <= price <= PRICE_MAX:
        return []
    message = f"대표가격은 0원 이상 {PRICE_MAX:,}원 이하의 정수로 입력해 주세요."
    return [violation("PRICE_OUT_OF_RANGE", "price", "CAT-PRICE-1", message)]


def check_maker(value: str, *, field: str, what: str) -> list[DomainError]:
    """CAT-MFR-1: manufacturer and brand are required (they default to the company name)."""
    code = field.upper()
    if not value:
        message = f"{what}를 입력해 주세요. 비워 두면 회사명이 들어갑니다."
        return [violation(f"{code}_REQUIRED", field, "CAT-MFR-1", message)]
    if len(value) > MAKER_MAX_LENGTH:
        message = f"{what}는 {MAKER_MAX_LENGTH}자 이내로 입력해 주세요."
        return [violation(f"{code}_TOO_LONG", field, "CAT-MFR-1", message)]
    return []


def check_single_stock(options: OptionSpec | None, stock: int | None, *, min_stock: int) -> list[DomainError]:
    """STK-1: combination products keep stock per row; single items and buyer-input products one stock."""
    if isinstance(options, CombinationOptions):
        if stock is None:
            return []
        message = "조합형 옵션을 사용하는 상품은 옵션별로 재고를 입력해 주세요."
        return [violation("STOCK_NOT_ALLOWED_WITH_OPTIONS", "stock", "STK-1", message)]
    if stock is None:
        return [violation("STOCK_REQUIRED", "stock", "STK-1", "재고수량을 입력해 주세요.")]
    return check_stock(stock, field="stock", min_stock=min_stock)
