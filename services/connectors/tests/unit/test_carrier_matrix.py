"""INV-2: the capability matrix's carriers per marketplace (what the invoice form offers and what
fulfillment accepts up front) are exactly the carriers each adapter's courier table maps."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from marketbridge.connectors.carriers import CARRIER_NAMES
from marketbridge.connectors.cjmall.couriers import TO_CJMALL
from marketbridge.connectors.coupang.couriers import TO_COUPANG
from marketbridge.connectors.esm.couriers import TO_ESM
from marketbridge.connectors.gsshop.couriers import TO_GSSHOP
from marketbridge.connectors.hmall.couriers import TO_HMALL
from marketbridge.connectors.interpark.couriers import TO_INTERPARK
from marketbridge.connectors.lottehs.couriers import TO_LOTTEHS
from marketbridge.connectors.lotteon.couriers import TO_LOTTEON
from marketbridge.connectors.naver.couriers import TO_NAVER
from marketbridge.connectors.publichs.couriers import TO_PUBLICHS
from marketbridge.connectors.st11.couriers import TO_ST11
from marketbridge.contracts.marketplaces import MARKETPLACES

TABLES: dict[str, Mapping[str, object]] = {
    "naver": TO_NAVER, "coupang": TO_COUPANG, "st11": TO_ST11, "gmarket": TO_ESM, "auction": TO_ESM,
    "lotteon": TO_LOTTEON, "interpark": TO_INTERPARK, "gsshop": TO_GSSHOP, "cjmall": TO_CJMALL,
    "hmall": TO_HMALL, "lottehs": TO_LOTTEHS, "publichs": TO_PUBLICHS,
}  # fmt: skip


@pytest.mark.parametrize("marketplace", sorted(MARKETPLACES))
def test_the_matrix_carriers_are_the_adapter_courier_table(marketplace: str) -> None:
    info = MARKETPLACES[marketplace]
    assert set(info.carriers) == set(TABLES[marketplace]), marketplace
    assert len(info.carriers) == len(set(info.carriers)) and set(info.carriers) <= set(CARRIER_NAMES)
    assert info.carriers_by_name == (marketplace in {"gmarket", "auction"})  # ESM's own list, read when sending
    unmapped = next((c for c in CARRIER_NAMES if c not in info.carriers), None)
    if unmapped is not None:
        assert info.takes_carrier(unmapped) is (None if info.carriers_by_name else False)
    assert info.takes_carrier("CJ_LOGISTICS") is True
