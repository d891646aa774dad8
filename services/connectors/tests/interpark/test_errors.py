"""The mapping of every 인터파크 failure onto the connector errors, the feed, and the factory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
    UnsupportedOperation,
)
from marketbridge.connectors.interpark import InterparkAdapter, feed_router, xmlcodec
from marketbridge.connectors.interpark.dates import split_days
from marketbridge.connectors.interpark.feed import FeedStore, MountedProductFeed
from marketbridge.connectors.ports import DispatchItem, InquiryAnswer, InquiryKind

from ..support import transient_after_fault
from .conftest import AdminCall, credentials, make_adapter, place


def now() -> datetime:
    return datetime.now(UTC)


async def test_wrong_supplier_ids_and_keys_are_rejected(sandbox_url: str, supplier: dict[str, Any]) -> None:
    async with make_adapter(sandbox_url, credentials(supplier, supply_entr_no="0")) as ip:
        with pytest.raises(AuthenticationRejected) as caught:
            await ip.get_order_states([f"{now():%Y%m%d}000001-1"])
    assert caught.value.code == "100" and "업체 인증" in caught.value.message
    async with make_adapter(sandbox_url, credentials(supplier, secret_key="x")) as ip:
        with pytest.raises(AuthenticationRejected) as keys:
            await ip.fetch_categories()
    assert keys.value.code == "110"


async def test_revoked_supplier_is_rejected(
    adapter: InterparkAdapter, admin: AdminCall, supplier: dict[str, Any]
) -> None:
    await admin("POST", f"/suppliers/{supplier['entr_id']}/revoke")
    with pytest.raises(AuthenticationRejected):
        await adapter.fetch_categories()


@pytest.mark.parametrize("kind", ["http_500", "http_503"])
async def test_server_errors_are_transient(adapter: InterparkAdapter, admin: AdminCall, kind: str) -> None:
    async def fetch() -> None:
        _ = [p async for p in adapter.fetch_orders(now() - timedelta(minutes=1), now())]

    error = await transient_after_fault(admin, "orderList", kind, fetch)
    assert error.status in (500, 503) and not error.outcome_unknown


async def test_429_is_transient_with_retry_after(adapter: InterparkAdapter, admin: AdminCall) -> None:
    await admin("PUT", "/rate-limit", json={"rate": 0.05, "burst": 1})  # one token per 20 s: refused however slow the machine
    day = {"sc.strDate": f"{now():%Y%m%d}000000", "sc.endDate": f"{now():%Y%m%d}235959"}
    await adapter.http.order_call("orderListDelvForSingle", "probe", day)
    with pytest.raises(TransientMarketplaceError) as caught:
        await adapter.http.order_call("orderListDelvForSingle", "probe", day)
    assert caught.value.status == 429 and caught.value.code == "900" and caught.value.retry_after == 1.0


async def test_timeouts_are_transient(sandbox_url: str, supplier: dict[str, Any], admin: AdminCall) -> None:
    await admin("POST", "/faults", json={"path_pattern": "orderList", "kind": "timeout", "latency_ms": 700})
    async with make_adapter(sandbox_url, credentials(supplier), timeout=httpx.Timeout(5.0, read=0.3)) as ip:
        with pytest.raises(TransientMarketplaceError) as caught:
            await ip.get_order_states([f"{now():%Y%m%d}000001-1"])
    assert "timed out" in caught.value.message


async def test_malformed_answer_to_a_dispatch_is_unknown_and_resolved_by_asking(
    adapter: InterparkAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    [line] = await place(admin, product)
    await adapter.acknowledge([line])
    await admin("POST", "/faults", json={"path_pattern": "delvCompForComm", "kind": "malformed", "phase": "after"})
    with pytest.raises(TransientMarketplaceError) as caught:
        await adapter.dispatch([DispatchItem(line, "LOGEN", "31234567890", now())])
    assert caught.value.outcome_unknown
    assert (await adapter.get_order_states([line]))[line].tracking_number == "31234567890"


async def test_result_codes_are_permanent_with_the_marketplace_text(adapter: InterparkAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.http.order_call(
            "orderListForSingle", "probe", {"sc.strDate": "20260901000000", "sc.endDate": "20260903000000"}
        )
    assert caught.value.code == "201" and caught.value.message == "조회기간은 1일 이내로 요청해 주세요."


async def test_connection_refused_is_transient(supplier: dict[str, Any]) -> None:
    async with make_adapter("http://127.0.0.1:9", credentials(supplier)) as ip:
        with pytest.raises(TransientMarketplaceError):
            await ip.fetch_categories()


async def test_questions_and_notices_are_unsupported(adapter: InterparkAdapter) -> None:
    with pytest.raises(UnsupportedOperation) as caught:
        adapter.fetch_inquiries(now(), now())
    assert "Q&A" in caught.value.reason_ko
    with pytest.raises(UnsupportedOperation):
        await adapter.answer_inquiry(InquiryAnswer("1", InquiryKind.PRODUCT_QNA, "답변"))
    with pytest.raises(UnsupportedOperation):
        adapter.fetch_notices(now(), now())


def test_days_split_at_kst_midnight_and_euc_kr_is_decoded() -> None:
    start = datetime(2026, 9, 20, 14, 30, tzinfo=UTC)  # 23:30 KST
    assert split_days(start, start + timedelta(hours=25)) == [
        ("20260920233000", "20260920235959"),
        ("20260921000000", "20260921235959"),
        ("20260922000000", "20260922003000"),
    ]
    raw = '<?xml version="1.0" encoding="euc-kr"?><RESULT><CODE>000</CODE><MESSAGE>정상</MESSAGE></RESULT>'
    assert xmlcodec.result(xmlcodec.parse(raw.encode("euc-kr"))) == ("000", "정상")


async def test_mounted_feed_serves_through_the_router() -> None:
    from fastapi import FastAPI

    store = FeedStore()
    app = FastAPI()
    app.include_router(feed_router(store), prefix="/interpark/feed")
    feed = MountedProductFeed("http://connectors/interpark/feed", store)
    url = await feed.publish("<a>한글</a>".encode("euc-kr"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://connectors") as client:
        response = await client.get(url)
        assert response.status_code == 200 and response.content.decode("euc-kr") == "<a>한글</a>"
        await feed.withdraw(url)
        assert (await client.get(url)).status_code == 404


def test_factory_builds_an_adapter_with_both_hosts() -> None:
    from marketbridge.connectors.interpark import factory
    from marketbridge.connectors.registry import AdapterConfig

    creds = {"entr_id": "e", "supply_entr_no": "1", "supply_ctrt_seq": "1", "cite_key": "c", "secret_key": "s"}
    assert factory.CREDENTIAL_FIELDS == tuple(creds)
    real = factory.build(AdapterConfig("interpark", "acc", "e", creds, "https://joinapi.interpark.com", 2.0, 10.0))
    assert isinstance(real, InterparkAdapter) and real.http.product_url == "https://ipss1.interpark.com"
    local = factory.build(
        AdapterConfig("interpark", "acc", "e", creds, "http://127.0.0.1:8/interpark/external", 2.0, 10.0)
    )
    assert isinstance(local, InterparkAdapter) and local.http.product_url.endswith("/interpark/external")


def test_default_feed_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from marketbridge.connectors.interpark.feed import LocalProductFeed, default_feed

    monkeypatch.setenv("MB_INTERPARK_FEED_BASE_URL", "https://connectors.example.com/interpark/feed")
    mounted, owned = default_feed()
    assert isinstance(mounted, MountedProductFeed) and not owned
    monkeypatch.delenv("MB_INTERPARK_FEED_BASE_URL")
    own, owned = default_feed()
    assert isinstance(own, LocalProductFeed) and owned
    monkeypatch.setenv("MB_INTERPARK_FEED_PORT", "18123")
    first, shared = default_feed()
    assert first is default_feed()[0] and not shared
