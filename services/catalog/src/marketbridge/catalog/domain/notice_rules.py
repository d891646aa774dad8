"""품목고시 (product information notice) rules CAT-NOTICE-1..3, validated per item group."""

from __future__ import annotations

from marketbridge.catalog.domain.attributes import Notice
from marketbridge.catalog.domain.problems import violation
from marketbridge.catalog.domain.reference import NoticeGroupInfo
from marketbridge.runtime.errors import DomainError

NOTICE_VALUE_MAX = 500  # characters per field (inferred)
NOT_APPLICABLE = ("해당없음", "상세페이지 참조")  # CAT-NOTICE-3: the right wordings
# CAT-NOTICE-3: wrong ways of saying "not applicable" (compared without spaces, case-insensitively).
WRONG_NOT_APPLICABLE = frozenset(
    {"n", "no", "x", "-", "아니오", "아니요", "상품라벨참조표기", "상품라벨참조", "라벨참조"}
)


def check_notice(notice: Notice | None, group: NoticeGroupInfo | None) -> list[DomainError]:
    """CAT-NOTICE-1: required, with a known item group and every field of that group filled, unless its
    `상세정보 별도표기` flag is set (CAT-NOTICE-2); CAT-NOTICE-3: not-applicable is written `해당없음` or
    `상세페이지 참조`, never `N`, `아니오` or `상품라벨참조표기`."""
    if notice is None:
        message = "품목고시는 법적 필수 정보입니다. 품목을 선택하고 항목을 입력해 주세요."
        return [violation("NOTICE_REQUIRED", "notice", "CAT-NOTICE-1", message)]
    if group is None:
        message = f"알 수 없는 품목고시 품목입니다: '{notice.group}'"
        return [violation("NOTICE_GROUP_UNKNOWN", "notice.group", "CAT-NOTICE-1", message)]
    known = {f.code for f in group.fields}
    errors = [
        violation(
            "NOTICE_FIELD_UNKNOWN",
            f"notice.fields.{code}",
            "CAT-NOTICE-1",
            f"'{group.name}' 품목에 없는 항목입니다: '{code}'",
        )
        for code in notice.fields
        if code not in known
    ]
    for f in group.fields:
        errors += _check_field(group, f.code, f.label, notice)
    return errors


def _check_field(group: NoticeGroupInfo, code: str, label: str, notice: Notice) -> list[DomainError]:
    field = f"notice.fields.{code}"
    entry = notice.fields.get(code)
    value = entry.value if entry is not None else ""
    if not value:
        if entry is not None and entry.see_detail:
            return []
        message = f"품목고시 '{label}' 항목을 입력하거나 '상세정보 별도표기'를 선택해 주세요."
        return [violation("NOTICE_FIELD_REQUIRED", field, "CAT-NOTICE-2", message)]
    if value.replace(" ", "").lower() in WRONG_NOT_APPLICABLE:
        message = (
            f"품목고시 '{label}'에 '{value}'는 사용할 수 없습니다. 해당 사항이 없으면 "
            f"'{NOT_APPLICABLE[0]}' 또는 '{NOT_APPLICABLE[1]}'로 입력해 주세요."
        )
        return [violation("NOTICE_VALUE_WRONG_NOT_APPLICABLE", field, "CAT-NOTICE-3", message)]
    if len(value) > NOTICE_VALUE_MAX:
        message = f"품목고시 '{label}'은(는) {NOTICE_VALUE_MAX}자 이내로 입력해 주세요."
        return [violation("NOTICE_VALUE_TOO_LONG", field, "CAT-NOTICE-1", message)]
    return []
