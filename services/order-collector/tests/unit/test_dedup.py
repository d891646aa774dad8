"""De-duplication key: (tenant_id, marketplace, account_id, marketplace order line id)."""

from __future__ import annotations

import pytest
from marketbridge.order_collector.domain.dedup import OrderLineKey, dedup_key, deduplicate


def _key(line: str, account: str = "sbdc1228", tenant: str = "t1") -> OrderLineKey:
    return dedup_key(tenant, "AUCTION", account, line)


def test_dedup_key_is_built_from_the_four_parts() -> None:
    key = dedup_key(" t1 ", "auction", "sbdc1228", " 1007273015-1 ")
    assert key == OrderLineKey("t1", "AUCTION", "sbdc1228", "1007273015-1")
    assert key.as_text() == "t1|AUCTION|sbdc1228|1007273015-1"


def test_dedup_key_text_cannot_collide_through_separators() -> None:
    assert dedup_key("t|1", "A", "b", "c").as_text() != dedup_key("t", "1|A", "b", "c").as_text()


def test_dedup_key_requires_every_part() -> None:
    with pytest.raises(ValueError):
        dedup_key("t1", "AUCTION", " ", "1")


def test_same_line_in_another_account_or_tenant_is_a_different_order() -> None:
    assert _key("1") != _key("1", account="other")
    assert _key("1") != _key("1", tenant="t2")


def test_dedup_separates_known_lines_from_new_ones() -> None:
    known = {_key("1"), _key("2")}
    result = deduplicate(["1", "3", "2", "4"], _key, known)
    assert (result.new, result.duplicates) == (["3", "4"], ["1", "2"])


def test_dedup_catches_repeats_within_one_batch() -> None:
    result = deduplicate(["5", "6", "5"], _key, set())
    assert (result.new, result.duplicates) == (["5", "6"], ["5"])


def test_collecting_the_same_page_twice_yields_only_duplicates() -> None:
    first = deduplicate(["1", "2"], _key, set())
    second = deduplicate(["1", "2"], _key, {_key(line) for line in first.new})
    assert (second.new, second.duplicates) == ([], ["1", "2"])
