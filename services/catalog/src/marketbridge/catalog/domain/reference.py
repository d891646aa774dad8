"""Reference data the domain validates against (categories, product-notice groups), as a port.

The application layer passes an implementation loaded from the data shipped with the service
(`marketbridge.catalog.reference`); tests may pass any other. Pure: no I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class CategoryInfo:
    """One node of the shared 4-level category tree (대/중/소/상세분류)."""

    id: str
    path: tuple[str, ...]  # names from the root, e.g. ("스포츠/레저/취미", "스포츠용품", "자전거용품")
    leaf: bool
    notice_group: str | None = None  # the 품목고시 group that usually fits
    cert_required: bool = False  # CAT-CERT-8: children's and electrical goods
    dates_recommended: bool = False  # CAT-MFR-3: food, electronics, cosmetics

    @property
    def label(self) -> str:
        """`스포츠/레저/취미 > 스포츠용품 > 자전거용품` as shown after `적용 +` (CAT-CATEG-1)."""
        return " > ".join(self.path)


@dataclass(frozen=True)
class NoticeFieldInfo:
    code: str
    label: str


@dataclass(frozen=True)
class NoticeGroupInfo:
    """One item group (품목) of the product information notice and its fields (CAT-NOTICE-1)."""

    code: str
    name: str
    fields: tuple[NoticeFieldInfo, ...]


class Reference(Protocol):
    def category(self, category_id: str) -> CategoryInfo | None: ...

    def notice_group(self, code: str) -> NoticeGroupInfo | None: ...
