"""품목고시 (CAT-NOTICE-1..3): every item group of the notice is shipped with its fields; each field is
required unless its `상세정보 별도표기` flag is set; wrong not-applicable wordings are rejected."""

from __future__ import annotations

from typing import Any

import pytest
from marketbridge.catalog.reference import shipped


def test_cat_notice_1_shipped_groups_cover_the_notice_and_every_leaf_category() -> None:
    ref = shipped()
    assert len(ref.notice_groups) >= 35
    sports = ref.notice_group("sports")
    assert sports is not None and sports.name == "스포츠용품"
    assert [f.label for f in sports.fields][:3] == ["품명 및 모델명", "크기/중량", "색상"]
    assert all(n.info.notice_group in ref.notice_groups for n in ref.tree.leaves())


def test_cat_notice_1_the_notice_is_required(catalog: Any) -> None:
    errors = catalog.rejected(None, catalog.register_command(notice=None))
    assert [(e.code, e.field, e.rule) for e in errors] == [("NOTICE_REQUIRED", "notice", "CAT-NOTICE-1")]
    errors = catalog.rejected(None, catalog.register_command(notice={"group": "spaceships", "fields": {}}))
    assert [(e.code, e.rule) for e in errors] == [("NOTICE_GROUP_UNKNOWN", "CAT-NOTICE-1")]


def test_cat_notice_2_empty_fields_need_the_see_detail_flag(catalog: Any) -> None:
    notice = catalog.notice()
    notice["fields"]["color"] = ""
    del notice["fields"]["maker"]
    notice["fields"]["warranty"] = {"value": "", "see_detail": True}
    notice["fields"]["fuel"] = "휘발유"
    errors = catalog.rejected(None, catalog.register_command(notice=notice))
    assert {(e.code, e.field, e.rule) for e in errors} == {
        ("NOTICE_FIELD_REQUIRED", "notice.fields.color", "CAT-NOTICE-2"),
        ("NOTICE_FIELD_REQUIRED", "notice.fields.maker", "CAT-NOTICE-2"),
        ("NOTICE_FIELD_UNKNOWN", "notice.fields.fuel", "CAT-NOTICE-1"),
    }
    assert any("색상" in e.message for e in errors)  # the message names the field in Korean


@pytest.mark.parametrize("wrong", ["N", "아니오", "상품라벨참조표기", "n"])
def test_cat_notice_3_rejects_wrong_not_applicable_wording_and_suggests_the_right_one(catalog: Any, wrong: str) -> None:
    notice = catalog.notice(washing=wrong, group="wear")
    errors = catalog.rejected(None, catalog.register_command(category_id="01010101", notice=notice))
    [error] = errors
    assert (error.code, error.field, error.rule) == (
        "NOTICE_VALUE_WRONG_NOT_APPLICABLE",
        "notice.fields.washing",
        "CAT-NOTICE-3",
    )
    assert "'해당없음' 또는 '상세페이지 참조'" in error.message


def test_cat_notice_3_accepts_the_right_wordings(catalog: Any) -> None:
    notice = catalog.notice(group="processed_food", gmo="해당없음", imported_food="상세페이지 참조")
    catalog.decide(None, catalog.register_command(category_id="05040101", notice=notice))
