"""Request bodies of the products API and their translation into domain command fields."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from marketbridge.catalog.domain import (
    AddOnGroup,
    Certification,
    Notice,
    OptionName,
    Origin,
    apply_bulk_setting,
    generate_rows,
)
from marketbridge.catalog.domain.fields import OptionMode, SalesRegion
from marketbridge.catalog.domain.option_rules import MAX_OPTION_ROWS
from pydantic import BaseModel, ConfigDict, Field

TaxType = Literal["taxable", "exempt"]
Status = Literal["sellable", "unsellable"]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OptionNameIn(_Body):
    name: str = Field(description="옵션명 (예: 색상)")
    values: list[str] | str = Field(description='옵션값 목록 또는 쉼표로 구분한 문자열 ("빨강,파랑")')


class OptionRowIn(_Body):
    values: list[str] = Field(description="조합의 옵션값 (옵션명 순서)")
    sign: Literal["+", "-"] = "+"
    add_price: int = Field(default=0, description="추가금액 (OPT-3, OPT-4)")
    sale_flag: Status = "sellable"
    stock: int = Field(description="재고수량 (STK-1)")


class BulkSettingIn(_Body):
    """OPT-5 옵션일괄설정: the same add-price and sale flag on every generated row."""

    sign: Literal["+", "-"] = "+"
    add_price: int = 0
    sale_flag: Status = "sellable"


class CombinationIn(_Body):
    type: Literal["combination"]
    names: list[OptionNameIn] = Field(description="옵션명과 옵션값 (최대 3개, OPT-2)")
    rows: list[OptionRowIn] | None = Field(default=None, description="생략하면 모든 조합을 생성 (OPT-2)")
    row_stock: int = Field(default=1, description="rows 생략 시 생성되는 조합의 재고수량")
    bulk: BulkSettingIn | None = Field(default=None, description="rows 생략 시 생성되는 조합에 일괄적용 (OPT-5)")


class BuyerInputNameIn(_Body):
    name: str
    max_length: int


class BuyerInputIn(_Body):
    type: Literal["buyer_input"]
    names: list[BuyerInputNameIn]


OptionsIn = Annotated[CombinationIn | BuyerInputIn, Field(discriminator="type")]


class _MasterFields(_Body):
    """The fields of SEED-SPEC 1.1 beyond name, category, price, tax type, makers, status, options and stock."""

    seller_product_code: str | None = Field(
        default=None, description="자체상품코드 (≤ 10자, 판매자별 중복 불가, CAT-CODE-2)"
    )
    model_name: str | None = Field(default=None, description="모델명 (≤ 30자, CAT-CODE-3)")
    model_no: str | None = Field(default=None, description="모델NO (≤ 30자, CAT-CODE-3)")
    model_no_is_isbn: bool | None = Field(default=None, description="모델NO가 ISBN인 경우")
    manufactured_on: str | None = Field(default=None, description="제조일자 yyyyMMdd (CAT-MFR-3)")
    expires_on: str | None = Field(default=None, description="유효일자 yyyyMMdd (CAT-MFR-3)")
    origin: Origin | None = Field(default=None, description="원산지 (가공품은 원재료, CAT-ORIG-1)")
    certifications: list[Certification] | None = Field(default=None, description="인증정보 (최대 5개, CAT-CERT-1)")
    notice: Notice | None = Field(default=None, description="품목고시 (CAT-NOTICE-1..3)")
    keywords: str | list[str] | None = Field(default=None, description="상품 키워드 (공백으로 구분)")
    detail_html: str | None = Field(default=None, description="상품상세 HTML (저장 전 정화)")
    sales_region: SalesRegion | None = Field(default=None, description="판매지역 (기본 전국)")
    adult_only: bool | None = Field(default=None, description="성인인증")
    option_mode: OptionMode | None = Field(default=None, description="옵션 사용범위 (OPT-1)")
    add_ons: list[AddOnGroup] | None = Field(default=None, description="추가상품 그룹 (최대 5개, ADD-1)")


class RegisterProductIn(_MasterFields):
    name: str = Field(description="상품명 (CAT-NAME-1)")
    category_id: str = Field(description="카테고리 (최하위 분류, CAT-CATEG-1)")
    price: int = Field(description="대표가격 (CAT-PRICE-1)")
    tax_type: TaxType = "taxable"
    manufacturer: str | None = Field(default=None, description="비우면 회사명 (CAT-MFR-1)")
    brand: str | None = Field(default=None, description="비우면 회사명 (CAT-MFR-1)")
    status: Status = "sellable"
    options: OptionsIn | None = None
    stock: int | None = Field(default=None, description="단품·구매자 입력형의 재고수량 (STK-1)")


class ReviseProductIn(_MasterFields):
    """Only the fields sent change; null clears options, stock, codes, model, dates and notice."""

    name: str | None = None
    category_id: str | None = None
    price: int | None = None
    tax_type: TaxType | None = None
    manufacturer: str | None = None
    brand: str | None = None
    status: Status | None = None
    options: OptionsIn | None = None
    stock: int | None = None


class ChangeStatusIn(_Body):
    status: Status


class AdjustStockIn(_Body):
    target: Literal["product", "option", "add_on"] = Field(description="상품 재고 / 옵션 조합 / 추가상품")
    key: str | None = Field(default=None, description="옵션 조합 (빨강/M) 또는 '그룹명/추가상품명'")
    delta: int = Field(description="증감 수량 (음수 가능)")
    reason: str = Field(description="조정 사유")


class OptionRowsIn(_Body):
    """`옵션추가 +` preview: the Cartesian product of the values with the bulk setting applied."""

    names: list[OptionNameIn]
    row_stock: int = 1
    bulk: BulkSettingIn | None = None


def command_fields(body: RegisterProductIn | ReviseProductIn) -> dict[str, Any]:
    """The domain command's fields: only those the client sent, options rows generated when omitted."""
    fields = body.model_dump(include=body.model_fields_set, exclude={"options"})
    if "options" in body.model_fields_set:
        fields["options"] = _options(body.options)
    return fields


def generated_rows(names: list[OptionNameIn], row_stock: int, bulk: BulkSettingIn | None) -> list[dict[str, Any]]:
    parsed = [OptionName.model_validate(n.model_dump()) for n in names]
    if math.prod(len(n.values) for n in parsed) > MAX_OPTION_ROWS:
        return []  # OPT-2 reports the size
    rows = generate_rows(parsed, stock=row_stock)
    if bulk is not None:
        rows = apply_bulk_setting(rows, sign=bulk.sign, add_price=bulk.add_price, sale_flag=bulk.sale_flag)
    return [r.model_dump() for r in rows]


def _options(spec: CombinationIn | BuyerInputIn | None) -> dict[str, Any] | None:
    if not isinstance(spec, CombinationIn):
        return spec.model_dump() if spec is not None else None
    data = spec.model_dump(exclude={"row_stock", "bulk"})
    if spec.rows is None:
        data["rows"] = generated_rows(spec.names, spec.row_stock, spec.bulk)
    return data
