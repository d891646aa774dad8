"""Value objects of the product master beyond name, price and options (SEED-SPEC 1.1): origin, certifications,
the product information notice, add-on products and images. Types only; rules live in `attribute_rules`."""

from __future__ import annotations

from typing import Literal

from marketbridge.catalog.domain.vocabulary import SaleFlag, Text
from pydantic import BaseModel, ConfigDict, Field, field_validator

OriginType = Literal["agricultural", "fishery", "processed", "not_subject"]
"""원산지: 농산물 / 수산물 / 가공품 / 원산지표시대상아님 (default)."""

CertGroup = Literal["living", "electrical", "children", "broadcasting", "other"]
"""인증 구분: 생활용품(공산품) / 전기용품 / 어린이제품 / 방송통신기자재 / 기타 (CAT-CERT-3..5)."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RawMaterial(_Model):
    """CAT-ORIG-1: 원료명 / 원산지 / 함량(%)."""

    name: Text
    origin: Text
    content_percent: float


class Origin(_Model):
    type: OriginType = "not_subject"
    place: Text | None = Field(default=None, description="농산물·수산물의 원산지 (예: 국산, 중국)")
    raw_materials: tuple[RawMaterial, ...] = ()


class Certification(_Model):
    """One 인증정보 row: group, type (e.g. 안전확인), certifying body, certificate number."""

    group: CertGroup
    type: Text
    body: Text = ""
    number: Text


class NoticeValue(_Model):
    """A notice field: its value, or the `상세정보 별도표기` flag (CAT-NOTICE-2)."""

    value: Text = ""
    see_detail: bool = False


class Notice(_Model):
    """품목고시: the item group and one value per field of that group (CAT-NOTICE-1)."""

    group: Text
    fields: dict[str, NoticeValue] = Field(default_factory=dict)

    @field_validator("fields", mode="before")
    @classmethod
    def _plain_strings(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: {"value": v} if isinstance(v, str) else v for k, v in value.items()}
        return value


class AddOnItem(_Model):
    """ADD-1 row: name, sale flag, price; STK-1 stock per add-on item."""

    name: Text
    sale_flag: SaleFlag = "sellable"
    price: int
    stock: int
    image_key: str | None = None

    def key(self, group: str) -> str:
        """`그룹명/추가상품명`, the stock key of the item."""
        return f"{group}/{self.name}"


class AddOnGroup(_Model):
    name: Text
    items: tuple[AddOnItem, ...]


class ImageRef(_Model):
    """An uploaded image (CAT-IMG-1) and its resized variants per marketplace size (CAT-IMG-2)."""

    key: str
    file_name: str
    width: int
    height: int
    size_bytes: int
    variants: dict[str, str] = Field(default_factory=dict)  # "600x600" -> storage key


class Images(_Model):
    main: ImageRef | None = None
    zoom: tuple[ImageRef, ...] = ()
