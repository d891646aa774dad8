"""The basic-info fields of a product (상품기본정보, SEED-SPEC 1.1) as one model, shared by the state, the
registration event and the drafts the rules check; and their Korean labels (상품수정이력)."""

from __future__ import annotations

from typing import Literal

from marketbridge.catalog.domain.attributes import AddOnGroup, Certification, Images, Notice, Origin
from marketbridge.catalog.domain.options import OptionSpec
from marketbridge.catalog.domain.vocabulary import ProductStatus, TaxType
from pydantic import BaseModel, ConfigDict, Field

SalesRegion = Literal[
    "nationwide", "seoul", "busan", "daegu", "incheon", "gwangju", "daejeon", "ulsan", "sejong", "gyeonggi",
    "gangwon", "chungbuk", "chungnam", "jeonbuk", "jeonnam", "gyeongbuk", "gyeongnam", "jeju",
]  # fmt: skip
"""판매지역: 전국 (default) or one province/metropolitan city."""

OptionMode = Literal["open_market", "all_malls"]
"""OPT-1 (with options): `주의사항을 확인했으며 옵션정보 오픈마켓용으로만 사용합니다` / `… 종합몰에도 사용합니다`."""


class ProductFields(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    category_id: str
    price: int
    tax_type: TaxType = "taxable"
    manufacturer: str
    brand: str
    status: ProductStatus = "sellable"
    options: OptionSpec | None = None
    stock: int | None = None
    seller_product_code: str | None = None
    model_name: str | None = None
    model_no: str | None = None
    model_no_is_isbn: bool = False
    manufactured_on: str | None = None
    expires_on: str | None = None
    origin: Origin = Field(default_factory=Origin)
    certifications: tuple[Certification, ...] = ()
    notice: Notice | None = None
    keywords: tuple[str, ...] = ()
    detail_html: str = ""
    images: Images = Field(default_factory=Images)
    sales_region: SalesRegion = "nationwide"
    adult_only: bool = False
    option_mode: OptionMode = "open_market"
    add_ons: tuple[AddOnGroup, ...] = ()


FIELD_NAMES: tuple[str, ...] = tuple(ProductFields.model_fields)
REVISABLE_FIELDS: tuple[str, ...] = tuple(n for n in FIELD_NAMES if n != "status")  # status: ProductStatusChanged
NULLABLE_FIELDS = frozenset(
    {"options", "stock", "seller_product_code", "model_name", "model_no", "manufactured_on", "expires_on", "notice"}
)

FIELD_LABELS: dict[str, str] = {
    "name": "상품명",
    "category_id": "카테고리",
    "price": "대표가격",
    "tax_type": "과세구분",
    "manufacturer": "제조사",
    "brand": "브랜드",
    "status": "상품상태",
    "options": "옵션정보",
    "stock": "재고수량",
    "seller_product_code": "자체상품코드",
    "model_name": "모델명",
    "model_no": "모델NO",
    "model_no_is_isbn": "ISBN 여부",
    "manufactured_on": "제조일자",
    "expires_on": "유효일자",
    "origin": "원산지",
    "certifications": "인증정보",
    "notice": "품목고시",
    "keywords": "상품 키워드",
    "detail_html": "상품상세",
    "images": "이미지",
    "sales_region": "판매지역",
    "adult_only": "성인인증",
    "option_mode": "옵션 사용범위",
    "add_ons": "추가상품",
}

SALES_REGION_LABELS: dict[str, str] = {
    "nationwide": "전국", "seoul": "서울", "busan": "부산", "daegu": "대구", "incheon": "인천", "gwangju": "광주",
    "daejeon": "대전", "ulsan": "울산", "sejong": "세종", "gyeonggi": "경기", "gangwon": "강원", "chungbuk": "충북",
    "chungnam": "충남", "jeonbuk": "전북", "jeonnam": "전남", "gyeongbuk": "경북", "gyeongnam": "경남", "jeju": "제주",
}  # fmt: skip
