"""Shared vocabulary of the catalog domain: enumerations and normalised text.

Every free-text field is NFC-normalised and stripped when a model is built, so length counting
(CAT-NAME-1) and duplicate checks (OPT-2) see composed Hangul syllables, never loose jamo.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator

TaxType = Literal["taxable", "exempt"]
"""과세 상품 / 비과세(면세) 상품."""

ProductStatus = Literal["sellable", "unsellable"]
"""상품상태 판매가능 / 판매불가 (CAT-STAT-1)."""

SaleFlag = Literal["sellable", "unsellable"]
"""Option row 판매여부 (OPT-4)."""

Sign = Literal["+", "-"]
"""Option add-price sign (OPT-4)."""


def normalize_text(value: str) -> str:
    """NFC-compose and strip surrounding whitespace."""
    return unicodedata.normalize("NFC", value).strip()


Text = Annotated[str, AfterValidator(normalize_text)]
