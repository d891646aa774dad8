"""The CJ온스타일 adapter: EUC-KR both ways, keys in the body; every operation, error mapping and the 종합몰
rules run as the shared home-shopping scenarios (../homeshopping.py) with the mall in conftest.py."""

from __future__ import annotations

from marketbridge.connectors.cjmall.envelope import request

from ..homeshopping import DriverScenarios, HomeShoppingScenarios


def test_requests_are_euc_kr_with_keys_in_the_body() -> None:
    body = request(
        "IF_04_01", "412345", "secret", {"instructionCls": "1", "wbCrtDt": "2026-11-18"}, notice=[{"noticeNm": "품목"}]
    )
    assert body.startswith(b'<?xml version="1.0" encoding="EUC-KR"?><tns:ifRequest xmlns:tns=')
    assert b'tns:ifId="IF_04_01"' in body and b"<tns:vendorCertKey>secret</tns:vendorCertKey>" in body
    assert "품목".encode("euc-kr") in body


class TestCjmall(HomeShoppingScenarios, DriverScenarios):
    """Every shared scenario against the CJ온스타일 emulator."""
