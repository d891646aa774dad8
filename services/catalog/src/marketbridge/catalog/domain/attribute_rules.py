"""Rules for the basic-info fields beyond name, price and options: codes and model (CAT-CODE-2/3), dates
(CAT-MFR-3), origin (CAT-ORIG-1), certifications (CAT-CERT-1/3/8), keywords, detail and images.

Limits marked (inferred) are not in the spec; they keep input sane and are easy to change here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from marketbridge.catalog.domain.attributes import Certification, Images, Origin
from marketbridge.catalog.domain.problems import DomainWarning, violation, warning
from marketbridge.catalog.domain.reference import CategoryInfo
from marketbridge.runtime.errors import DomainError

SELLER_CODE_MAX = 10  # CAT-CODE-2
MODEL_MAX = 30  # CAT-CODE-3
MAX_CERTIFICATIONS = 5  # CAT-CERT-1
CERT_TEXT_MAX = 50  # (inferred)
SYNCING_CERT_GROUPS = frozenset({"living", "electrical", "children"})  # CAT-CERT-3, CAT-CERT-5
MAX_KEYWORDS, KEYWORD_MAX = 20, 30  # (inferred)
DETAIL_HTML_MAX = 200_000  # characters after sanitising (inferred)
MAX_ZOOM_IMAGES = 4  # (inferred)
ORIGIN_TEXT_MAX = 50  # (inferred)


def check_seller_code(code: str | None) -> list[DomainError]:
    """CAT-CODE-2: at most 10 characters, no spaces (uniqueness per seller is checked against the store)."""
    if code is None:
        return []
    if not code or len(code) > SELLER_CODE_MAX or any(c.isspace() or not c.isprintable() for c in code):
        message = f"자체상품코드는 공백 없이 {SELLER_CODE_MAX}자 이내로 입력해 주세요."
        return [violation("SELLER_PRODUCT_CODE_INVALID", "seller_product_code", "CAT-CODE-2", message)]
    return []


def check_model(model_name: str | None, model_no: str | None, *, isbn: bool) -> list[DomainError]:
    """CAT-CODE-3: model name and model no. at most 30 characters each; the ISBN box checks the number."""
    errors = [
        violation(f"{field.upper()}_TOO_LONG", field, "CAT-CODE-3", f"{what}은 {MODEL_MAX}자 이내로 입력해 주세요.")
        for field, what, value in (("model_name", "모델명", model_name), ("model_no", "모델NO", model_no))
        if value and len(value) > MODEL_MAX
    ]
    if isbn and not is_isbn(model_no or ""):
        message = "ISBN을 선택한 경우 모델NO에 올바른 ISBN(10자리 또는 13자리)을 입력해 주세요."
        errors.append(violation("MODEL_NO_INVALID_ISBN", "model_no", "CAT-CODE-3", message))
    return errors


def is_isbn(text: str) -> bool:
    """ISBN-10 or ISBN-13 with a valid check digit (hyphens ignored)."""
    s = text.replace("-", "").upper()
    if len(s) == 13 and s.isdigit():
        return sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(s)) % 10 == 0
    if len(s) == 10 and s[:9].isdigit() and (s[9].isdigit() or s[9] == "X"):
        digits = [int(c) for c in s[:9]] + [10 if s[9] == "X" else int(s[9])]
        return sum((10 - i) * d for i, d in enumerate(digits)) % 11 == 0
    return False


def parse_yyyymmdd(text: str) -> date | None:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def check_dates(manufactured_on: str | None, expires_on: str | None) -> list[DomainError]:
    """CAT-MFR-3: optional dates in `yyyyMMdd` (e.g. 20141023); expiry not before manufacture (inferred)."""
    errors, parsed = [], []
    for field, what, value in (
        ("manufactured_on", "제조일자", manufactured_on),
        ("expires_on", "유효일자", expires_on),
    ):
        day = parse_yyyymmdd(value) if value else None
        if value and day is None:
            message = f"{what}는 yyyyMMdd 형식의 날짜로 입력해 주세요(예: 20141023)."
            errors.append(violation(f"{field.upper()}_INVALID", field, "CAT-MFR-3", message))
        parsed.append(day)
    made, expires = parsed
    if made and expires and expires < made:
        message = "유효일자는 제조일자보다 빠를 수 없습니다."
        errors.append(violation("EXPIRES_BEFORE_MANUFACTURED", "expires_on", "CAT-MFR-3", message))
    return errors


def date_warnings(
    category: CategoryInfo | None, manufactured_on: str | None, expires_on: str | None
) -> list[DomainWarning]:
    if category is None or not category.dates_recommended or manufactured_on or expires_on:
        return []
    message = "식품·전자제품·화장품은 제조일자/유효일자를 입력하는 것이 좋습니다."
    return [warning("DATES_RECOMMENDED", "manufactured_on", "CAT-MFR-3", message)]


def check_origin(origin: Origin) -> list[DomainError]:
    """CAT-ORIG-1: processed goods list their raw materials (name / origin / content %); agricultural and
    fishery goods name where they come from (inferred)."""
    errors: list[DomainError] = []
    if origin.type in ("agricultural", "fishery") and not origin.place:
        message = "농산물·수산물은 원산지(예: 국산, 중국)를 입력해 주세요."
        errors.append(violation("ORIGIN_PLACE_REQUIRED", "origin.place", "CAT-ORIG-1", message))
    if origin.place and len(origin.place) > ORIGIN_TEXT_MAX:
        message = f"원산지는 {ORIGIN_TEXT_MAX}자 이내로 입력해 주세요."
        errors.append(violation("ORIGIN_PLACE_TOO_LONG", "origin.place", "CAT-ORIG-1", message))
    if origin.type == "processed" and not origin.raw_materials:
        message = "가공품은 원재료(원료명/원산지/함량)를 1개 이상 입력해 주세요."
        errors.append(violation("RAW_MATERIALS_REQUIRED", "origin.raw_materials", "CAT-ORIG-1", message))
    for i, m in enumerate(origin.raw_materials):
        field = f"origin.raw_materials[{i}]"
        if not m.name or not m.origin:
            message = "원재료의 원료명과 원산지를 입력해 주세요."
            errors.append(violation("RAW_MATERIAL_INCOMPLETE", field, "CAT-ORIG-1", message))
        if not 0 < m.content_percent <= 100:
            message = "원재료 함량은 0%보다 크고 100% 이하로 입력해 주세요."
            errors.append(violation("RAW_MATERIAL_CONTENT_INVALID", f"{field}.content_percent", "CAT-ORIG-1", message))
    if sum(m.content_percent for m in origin.raw_materials) > 100.0001:
        message = "원재료 함량의 합은 100%를 넘을 수 없습니다."
        errors.append(violation("RAW_MATERIAL_CONTENT_OVER_100", "origin.raw_materials", "CAT-ORIG-1", message))
    if origin.type != "processed" and origin.raw_materials:
        message = "원재료는 가공품에만 입력합니다."
        errors.append(violation("RAW_MATERIALS_ONLY_FOR_PROCESSED", "origin.raw_materials", "CAT-ORIG-1", message))
    return errors


def check_certifications(certs: Sequence[Certification], category: CategoryInfo | None) -> list[DomainError]:
    """CAT-CERT-1: at most 5 rows; each names its type and number. CAT-CERT-8: children's and electrical
    goods (by category) need at least one."""
    errors: list[DomainError] = []
    if len(certs) > MAX_CERTIFICATIONS:
        message = f"인증정보는 최대 {MAX_CERTIFICATIONS}개까지 등록할 수 있습니다."
        errors.append(violation("CERTIFICATIONS_TOO_MANY", "certifications", "CAT-CERT-1", message))
    for i, cert in enumerate(certs):
        for name, what, value in (("type", "인증유형", cert.type), ("number", "인증번호", cert.number)):
            if not value or len(value) > CERT_TEXT_MAX:
                message = f"{what}을 {CERT_TEXT_MAX}자 이내로 입력해 주세요."
                errors.append(
                    violation(
                        f"CERTIFICATION_{name.upper()}_INVALID", f"certifications[{i}].{name}", "CAT-CERT-1", message
                    )
                )
        if len(cert.body) > CERT_TEXT_MAX:
            message = f"인증기관은 {CERT_TEXT_MAX}자 이내로 입력해 주세요."
            errors.append(violation("CERTIFICATION_BODY_TOO_LONG", f"certifications[{i}].body", "CAT-CERT-1", message))
    if category is not None and category.cert_required and not certs:
        message = f"'{category.label}' 카테고리(어린이제품·전기용품)는 인증정보를 1개 이상 입력해야 합니다."
        errors.append(violation("CERTIFICATION_REQUIRED", "certifications", "CAT-CERT-8", message))
    return errors


def certification_warnings(certs: Sequence[Certification]) -> list[DomainWarning]:
    """CAT-CERT-3/4/5: only living, electrical and children's certifications sync reliably."""
    return [
        warning(
            "CERTIFICATION_MAY_NOT_SYNC",
            f"certifications[{i}].group",
            "CAT-CERT-3",
            "생활/전기/어린이 외의 인증은 제휴몰에 연동되지 않을 수 있습니다(옥션은 방송통신 인증도 연동). "
            "제휴몰 판매자 사이트에서 직접 등록하거나 상세설명에 표기해 주세요.",
        )
        for i, cert in enumerate(certs)
        if cert.group not in SYNCING_CERT_GROUPS
    ]


def split_keywords(value: object) -> object:
    """상품 키워드: space-separated free text (or a list), de-duplicated in order; anything else unchanged."""
    if not isinstance(value, str | list | tuple):
        return value
    words = value.split() if isinstance(value, str) else [w for part in value for w in str(part).split()]
    return tuple(dict.fromkeys(words))


def check_keywords(keywords: Sequence[str]) -> list[DomainError]:
    if len(keywords) > MAX_KEYWORDS or any(len(k) > KEYWORD_MAX for k in keywords):
        message = f"상품 키워드는 최대 {MAX_KEYWORDS}개, 각 {KEYWORD_MAX}자 이내로 입력해 주세요."
        return [violation("KEYWORDS_INVALID", "keywords", None, message)]
    return []


def check_detail_html(html: str) -> list[DomainError]:
    if len(html) > DETAIL_HTML_MAX:
        message = f"상품상세는 {DETAIL_HTML_MAX:,}자 이내로 입력해 주세요."
        return [violation("DETAIL_HTML_TOO_LONG", "detail_html", "CAT-IMG-4", message)]
    return []


def check_images(images: Images) -> list[DomainError]:
    if len(images.zoom) > MAX_ZOOM_IMAGES:
        message = f"추가 확대 이미지는 최대 {MAX_ZOOM_IMAGES}개까지 등록할 수 있습니다."
        return [violation("ZOOM_IMAGES_TOO_MANY", "images.zoom", "CAT-IMG-3", message)]
    return []
