"""Courier names as the marketplaces write them map to our carriers (used where only names are shared:
ESM's courier list and order rows)."""

from __future__ import annotations

import pytest
from marketbridge.connectors.carriers import CARRIER_NAMES, carrier_named


@pytest.mark.parametrize(
    ("written", "carrier"),
    [
        ("CJ 대한통운", "CJ_LOGISTICS"),
        ("CJ대한통운(주)", "CJ_LOGISTICS"),
        ("일양택배", "ILYANG"),
        ("일양로지스", "ILYANG"),
        ("현대택배", "LOTTE"),  # 현대택배 became 롯데택배
        ("우체국", "EPOST"),
        ("우체국 EMS", "EMS"),
        ("GS Postbox 택배", "CVSNET"),
        ("CU편의점택배", "CUPARCEL"),
        ("fedex", "FEDEX"),
    ],
)
def test_a_courier_name_as_written_by_a_marketplace_maps_to_our_carrier(written: str, carrier: str) -> None:
    assert carrier_named(written) == carrier


def test_every_carrier_is_found_by_its_own_name_and_unknown_names_by_none() -> None:
    assert all(carrier_named(name) == carrier for carrier, name in CARRIER_NAMES.items())
    assert carrier_named("직접배송") is None and carrier_named("") is None and carrier_named(None) is None
