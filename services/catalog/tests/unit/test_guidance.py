"""Rules of SEED-SPEC 1 that are guidance for the seller rather than checks (marketplace-specific notes
shown on the registration form): each is served with its rule id by `GET /api/v1/products/reference`."""

from __future__ import annotations

from typing import Any

import pytest
from marketbridge.catalog.entrypoints.reference_api import form_reference
from marketbridge.catalog.reference import shipped

GUIDANCE_RULES = [
    "CAT-NAME-2", "CAT-MFR-2", "CAT-CERT-2", "CAT-CERT-3", "CAT-CERT-4", "CAT-CERT-5", "CAT-CERT-6", "CAT-CERT-7",
    "CAT-IMG-1", "CAT-IMG-2", "CAT-IMG-3", "CAT-IMG-4", "CAT-NOTICE-3", "CAT-NOTICE-4", "CAT-TAX-1", "CAT-SAVE-1",
    "CAT-SAVE-2", "CAT-SAVE-3", "OPT-1", "OPT-7", "OPT-8", "OPT-9", "ADD-3", "STK-2", "STK-3",
]  # fmt: skip


@pytest.mark.parametrize("rule", GUIDANCE_RULES)
def test_guidance_text_is_served_for_rule(rule: str) -> None:
    text = form_reference(shipped())["guidance"][rule]
    assert any("\uac00" <= ch <= "\ud7a3" for ch in text)


def test_cat_name_2_general_malls_avoid_even_the_allowed_special_characters() -> None:
    assert "종합몰" in form_reference(shipped())["guidance"]["CAT-NAME-2"]


def test_cat_cert_4_and_cat_cert_5_auction_and_gmarket_certification_notes() -> None:
    guidance = form_reference(shipped())["guidance"]
    assert "인증대상아님" in guidance["CAT-CERT-4"] and "방송통신" in guidance["CAT-CERT-4"]
    assert "G마켓" in guidance["CAT-CERT-5"]


def test_cat_cert_2_and_cat_cert_6_notes(catalog: Any) -> None:
    guidance = form_reference(shipped())["guidance"]
    assert "상세설명" in guidance["CAT-CERT-2"] and "스토어팜" in guidance["CAT-CERT-6"]


def test_cat_save_1_saving_stores_basic_info_only_and_cat_save_2_returns_the_product_for_listing(catalog: Any) -> None:
    decision = catalog.decide(None, catalog.register_command())
    [event] = decision.events  # one product master, no listing: listings are registered separately (1.8)
    assert event.product_id == "product-1" and not hasattr(event, "sale_price")


def test_cat_img_4_detail_html_keeps_images(catalog: Any) -> None:
    from marketbridge.catalog.adapters.html import sanitize_detail_html

    html = sanitize_detail_html('<p>설명</p><img src="https://img.example/detail1.jpg" onerror="x()">')
    assert html == '<p>설명</p><img src="https://img.example/detail1.jpg">'
