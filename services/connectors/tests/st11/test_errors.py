"""The mapping of every 11번가 failure onto the connector errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
)
from marketbridge.connectors.ports import DispatchItem
from marketbridge.connectors.st11 import St11Adapter, xmlcodec
from marketbridge.connectors.st11.dates import split_minutes

from ..support import transient_after_fault
from .conftest import AdminCall, make_adapter, place


async def test_unknown_key_is_rejected(sandbox_url: str) -> None:
    async with make_adapter(sandbox_url, "0" * 32) as st:
        with pytest.raises(AuthenticationRejected) as caught:
            await st.fetch_categories()
    assert caught.value.status == 401 and caught.value.code == "401" and "Key" in caught.value.message


async def test_revoked_key_is_rejected(adapter: St11Adapter, admin: AdminCall, seller: dict[str, Any]) -> None:
    assert await adapter.fetch_categories()
    await admin("POST", f"/sellers/{seller['seller_id']}/revoke")
    with pytest.raises(AuthenticationRejected):
        await adapter.fetch_categories()


@pytest.mark.parametrize("kind", ["http_500", "http_503"])
async def test_server_errors_are_transient(adapter: St11Adapter, admin: AdminCall, kind: str) -> None:
    error = await transient_after_fault(admin, "category", kind, adapter.fetch_categories)
    assert error.status in (500, 503) and not error.outcome_unknown


async def test_429_is_transient_with_retry_after(adapter: St11Adapter, admin: AdminCall) -> None:
    await admin("PUT", "/rate-limit", json={"rate": 0.05, "burst": 1})  # one token per 20 s: refused however slow the machine
    await adapter.fetch_categories()
    with pytest.raises(TransientMarketplaceError) as caught:
        await adapter.fetch_categories()
    assert caught.value.status == 429 and caught.value.retry_after == 1.0


async def test_timeouts_are_transient(sandbox_url: str, seller: dict[str, Any], admin: AdminCall) -> None:
    await admin("POST", "/faults", json={"path_pattern": "category", "kind": "timeout", "latency_ms": 700})
    async with make_adapter(sandbox_url, seller["api_key"], timeout=httpx.Timeout(5.0, read=0.3)) as st:
        with pytest.raises(TransientMarketplaceError) as caught:
            await st.fetch_categories()
    assert "timed out" in caught.value.message


async def test_connection_refused_is_transient() -> None:
    async with make_adapter("http://127.0.0.1:9", "k") as st:
        with pytest.raises(TransientMarketplaceError) as caught:
            await st.fetch_categories()
    assert not caught.value.outcome_unknown


async def test_malformed_answer_to_a_dispatch_is_unknown_and_resolved_by_asking(
    adapter: St11Adapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    [line] = await place(admin, product)
    await adapter.acknowledge([line])
    await admin("POST", "/faults", json={"path_pattern": "reqdelivery", "kind": "malformed", "phase": "after"})
    with pytest.raises(TransientMarketplaceError) as caught:
        await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "512345678901", datetime.now(UTC))])
    assert caught.value.outcome_unknown
    state = (await adapter.get_order_states([line]))[line]
    assert state.tracking_number == "512345678901"  # applied: the worker resolves instead of resending


async def test_result_code_errors_are_permanent_with_the_marketplace_text(adapter: St11Adapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.http.call("GET", "/ordservices/complete/202601010000/202601300000", "probe")
    assert caught.value.code == "-997" and caught.value.message == "조회기간은 최대 7일까지 가능합니다."


def test_documents_are_decoded_by_their_declared_charset() -> None:
    euc = '<?xml version="1.0" encoding="EUC-KR"?><a><b>한글 주소 똠방각하</b></a>'.encode("cp949")
    utf = '<?xml version="1.0" encoding="UTF-8"?><a><b>한글</b></a>'.encode()
    assert xmlcodec.parse(euc).findtext("b") == "한글 주소 똠방각하"
    assert xmlcodec.parse(utf).findtext("b") == "한글"
    assert xmlcodec.parse("<a><b>한글</b></a>".encode("euc-kr"), "euc-kr").findtext("b") == "한글"
    body = xmlcodec.encode(xmlcodec.parse(utf))
    assert body.startswith(b'<?xml version="1.0" encoding="euc-kr"?>') and "한글".encode("euc-kr") in body


def test_windows_split_into_7_day_minute_ranges() -> None:
    start = datetime(2026, 9, 1, 0, 0, 30, tzinfo=UTC)
    slices = split_minutes(start, start + timedelta(days=15))
    assert slices == [
        ("202609010900", "202609080859"),
        ("202609080900", "202609150859"),
        ("202609150900", "202609160900"),
    ]
