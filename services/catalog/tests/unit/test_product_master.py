"""The fields of SEED-SPEC 1.1 beyond name/price/options: categories (CAT-CATEG-1), own code and model
(CAT-CODE-2/3), dates (CAT-MFR-3), origin (CAT-ORIG-1), certifications (CAT-CERT-1/3/8), keywords, detail,
sales region and adult flag; every rule reported with its id and a Korean message."""

from __future__ import annotations

from typing import Any

import pytest
from marketbridge.catalog.domain import ProductRevised, parse_event
from marketbridge.catalog.domain.attribute_rules import is_isbn


def rules(errors: list[Any]) -> set[tuple[str, str | None, str | None]]:
    return {(e.code, e.field, e.rule) for e in errors}


def test_cat_categ_1_rejects_unknown_and_non_leaf_categories(catalog: Any) -> None:
    errors = catalog.rejected(None, catalog.register_command(category_id="99999999"))
    assert rules(errors) == {("CATEGORY_UNKNOWN", "category_id", "CAT-CATEG-1")}
    errors = catalog.rejected(None, catalog.register_command(category_id="0201"))  # 패션잡화 > 신발
    [error] = errors
    assert (error.code, error.rule) == ("CATEGORY_NOT_LEAF", "CAT-CATEG-1") and "패션잡화 > 신발" in error.message


def test_cat_code_2_own_product_code_is_at_most_10_characters_without_spaces(catalog: Any) -> None:
    state = catalog.registered(seller_product_code="SHOE-00001")
    assert state.seller_product_code == "SHOE-00001"
    for bad in ("SHOE-000001", "SH 01"):
        errors = catalog.rejected(None, catalog.register_command(seller_product_code=bad))
        assert rules(errors) == {("SELLER_PRODUCT_CODE_INVALID", "seller_product_code", "CAT-CODE-2")}


def test_cat_code_3_model_name_and_number_at_most_30_and_isbn_checked(catalog: Any) -> None:
    errors = catalog.rejected(None, catalog.register_command(model_name="M" * 31, model_no="N" * 31))
    assert rules(errors) == {
        ("MODEL_NAME_TOO_LONG", "model_name", "CAT-CODE-3"),
        ("MODEL_NO_TOO_LONG", "model_no", "CAT-CODE-3"),
    }
    assert catalog.registered(model_no="978-0-306-40615-7", model_no_is_isbn=True).model_no_is_isbn
    errors = catalog.rejected(None, catalog.register_command(model_no="978-0-306-40615-6", model_no_is_isbn=True))
    assert rules(errors) == {("MODEL_NO_INVALID_ISBN", "model_no", "CAT-CODE-3")}
    assert is_isbn("0-306-40615-2") and not is_isbn("0-306-40615-3")


def test_cat_mfr_3_dates_are_optional_yyyymmdd_and_recommended_for_food(catalog: Any) -> None:
    assert catalog.registered(manufactured_on="20141023", expires_on="20151023").expires_on == "20151023"
    errors = catalog.rejected(None, catalog.register_command(manufactured_on="2014-10-23", expires_on="20140230"))
    assert rules(errors) == {
        ("MANUFACTURED_ON_INVALID", "manufactured_on", "CAT-MFR-3"),
        ("EXPIRES_ON_INVALID", "expires_on", "CAT-MFR-3"),
    }
    errors = catalog.rejected(None, catalog.register_command(manufactured_on="20150101", expires_on="20141231"))
    assert rules(errors) == {("EXPIRES_BEFORE_MANUFACTURED", "expires_on", "CAT-MFR-3")}
    apple = catalog.register_command(category_id="05010101", notice=catalog.notice("agri_food"))  # 식품 > … > 사과
    warnings = catalog.decide(None, apple).warnings
    assert [(w.code, w.rule) for w in warnings] == [("DATES_RECOMMENDED", "CAT-MFR-3")]


def test_cat_orig_1_processed_goods_declare_raw_materials(catalog: Any) -> None:
    assert catalog.registered().origin.type == "not_subject"  # the default
    errors = catalog.rejected(None, catalog.register_command(origin={"type": "processed"}))
    assert rules(errors) == {("RAW_MATERIALS_REQUIRED", "origin.raw_materials", "CAT-ORIG-1")}
    materials = [
        {"name": "배추", "origin": "국산", "content_percent": 80},
        {"name": "고춧가루", "origin": "중국", "content_percent": 30},
    ]
    errors = catalog.rejected(None, catalog.register_command(origin={"type": "processed", "raw_materials": materials}))
    assert rules(errors) == {("RAW_MATERIAL_CONTENT_OVER_100", "origin.raw_materials", "CAT-ORIG-1")}
    materials[1]["content_percent"] = 20
    state = catalog.registered(origin={"type": "processed", "raw_materials": materials})
    assert [m.name for m in state.origin.raw_materials] == ["배추", "고춧가루"]
    errors = catalog.rejected(None, catalog.register_command(origin={"type": "agricultural"}))
    assert rules(errors) == {("ORIGIN_PLACE_REQUIRED", "origin.place", "CAT-ORIG-1")}


def cert(group: str = "living", number: str = "HU07123-17001") -> dict[str, str]:
    return {"group": group, "type": "안전확인", "body": "KTR", "number": number}


def test_cat_cert_1_at_most_five_certifications_each_with_type_and_number(catalog: Any) -> None:
    assert len(catalog.registered(certifications=[cert(number=f"N{i}") for i in range(5)]).certifications) == 5
    errors = catalog.rejected(None, catalog.register_command(certifications=[cert(number=f"N{i}") for i in range(6)]))
    assert rules(errors) == {("CERTIFICATIONS_TOO_MANY", "certifications", "CAT-CERT-1")}
    errors = catalog.rejected(None, catalog.register_command(certifications=[cert(number="")]))
    assert rules(errors) == {("CERTIFICATION_NUMBER_INVALID", "certifications[0].number", "CAT-CERT-1")}


def test_cat_cert_3_warns_that_other_certifications_may_not_sync(catalog: Any) -> None:
    warnings = catalog.decide(None, catalog.register_command(certifications=[cert("broadcasting")])).warnings
    assert [(w.code, w.field, w.rule) for w in warnings] == [
        ("CERTIFICATION_MAY_NOT_SYNC", "certifications[0].group", "CAT-CERT-3")
    ]
    assert catalog.decide(None, catalog.register_command(certifications=[cert("children")])).warnings == []


def test_cat_cert_8_childrens_and_electrical_goods_need_a_certification(catalog: Any) -> None:
    for category, group in (("060501", "kids"), ("04020101", "home_appliance")):  # 블록, 양문형냉장고
        command = catalog.register_command(category_id=category, notice=catalog.notice(group))
        assert rules(catalog.rejected(None, command)) == {("CERTIFICATION_REQUIRED", "certifications", "CAT-CERT-8")}
        catalog.decide(
            None, catalog.register_command(category_id=category, notice=catalog.notice(group), certifications=[cert()])
        )


def test_keywords_split_on_spaces_and_limited(catalog: Any) -> None:
    state = catalog.registered(keywords="알톤 자전거  미니벨로 자전거")
    assert state.keywords == ("알톤", "자전거", "미니벨로")
    errors = catalog.rejected(None, catalog.register_command(keywords=" ".join(f"k{i}" for i in range(21))))
    assert rules(errors) == {("KEYWORDS_INVALID", "keywords", None)}


def test_defaults_of_the_basic_info_form(catalog: Any) -> None:
    state = catalog.registered()
    assert (state.status, state.tax_type, state.sales_region, state.adult_only) == (
        "sellable",
        "taxable",
        "nationwide",
        False,
    )
    assert (state.manufacturer, state.brand) == (catalog.company, catalog.company)  # CAT-MFR-1
    assert catalog.registered(sales_region="jeju", adult_only=True).sales_region == "jeju"


def test_revision_of_any_field_records_old_and_new_values(catalog: Any) -> None:
    state = catalog.registered(seller_product_code="A1", keywords="운동화")
    command = catalog.revise_command(
        seller_product_code=None,
        model_name="에어맥스 90",
        keywords="운동화 러닝화",
        certifications=[cert()],
        adult_only=True,
        detail_html="<p>상세</p>",
    )
    [event] = catalog.decide(state, command).events
    assert isinstance(event, ProductRevised)
    changes = event.changes()
    assert list(changes) == [
        "seller_product_code",
        "model_name",
        "certifications",
        "keywords",
        "detail_html",
        "adult_only",
    ]
    assert (changes["seller_product_code"].old, changes["seller_product_code"].new) == ("A1", None)
    assert changes["keywords"].new == ("운동화", "러닝화")
    assert parse_event(event.model_dump(mode="json")) == event
    # an omitted or null non-nullable field stays as it is
    assert catalog.decide(state, catalog.revise_command(keywords=None, origin=None)).events == []


@pytest.mark.parametrize("html", ["<p>ok</p>", ""])
def test_detail_html_is_kept_as_given_by_the_application_layer(catalog: Any, html: str) -> None:
    assert catalog.registered(detail_html=html).detail_html == html
