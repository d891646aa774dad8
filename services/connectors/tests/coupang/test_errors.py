"""Every failure mapped onto the connector errors; factory; rate limit; unsupported operations."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from marketbridge.connectors.coupang import CoupangAdapter, CoupangCredentials
from marketbridge.connectors.coupang.factory import CREDENTIAL_FIELDS, build
from marketbridge.connectors.coupang.http import CoupangHttp
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
    UnsupportedOperation,
)
from marketbridge.connectors.ports import DelayReason, DispatchDelay, DispatchItem
from marketbridge.connectors.ratelimit import RateLimit, RateLimiter
from marketbridge.connectors.registry import AdapterConfig
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.coupang.models import Vendor
from marketbridge.sandbox.coupang.state import CoupangState

from ..support import transient_after_fault
from .conftest import AdminCall, PlaceOrders, make_adapter


async def test_a_wrong_secret_is_an_authentication_rejection(sandbox_url: str, seller: Vendor) -> None:
    wrong = Vendor(seller.vendor_id, seller.access_key, "wrong-secret", "x", 0)
    async with make_adapter(sandbox_url, wrong) as coupang:
        with pytest.raises(AuthenticationRejected) as caught:
            await coupang.fetch_categories()
    assert caught.value.status == 401 and "signature" in caught.value.message


async def test_a_stale_clock_is_an_authentication_rejection(sandbox_url: str, seller: Vendor) -> None:
    async with make_adapter(sandbox_url, seller, clock=lambda: datetime.now(UTC).timestamp() - 3600) as coupang:
        with pytest.raises(AuthenticationRejected) as caught:
            await coupang.fetch_categories()
    assert caught.value.message == "Specified signature is expired."


async def test_revoked_credentials(adapter: CoupangAdapter, admin: AdminCall, seller: Vendor) -> None:
    await adapter.fetch_categories()
    await admin("POST", f"/sellers/{seller.vendor_id}/revoke")
    with pytest.raises(AuthenticationRejected):
        await adapter.fetch_categories()


@pytest.mark.parametrize("kind", ["http_500", "http_503"])
async def test_server_errors_are_transient(adapter: CoupangAdapter, admin: AdminCall, kind: str) -> None:
    error = await transient_after_fault(admin, "display-categories", kind, adapter.fetch_categories)
    assert error.status in (500, 503) and not error.outcome_unknown


async def test_429_is_transient_with_retry_after(adapter: CoupangAdapter, admin: AdminCall) -> None:
    error = await transient_after_fault(admin, "display-categories", "http_429", adapter.fetch_categories)
    assert error.status == 429 and error.retry_after == 1.0


async def test_a_5xx_after_a_write_leaves_the_outcome_unknown(
    adapter: CoupangAdapter, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    [line] = (await place_orders())["order_line_ids"]
    await adapter.acknowledge([line])
    await admin(
        "POST", "/faults", json={"path_pattern": "orders/invoices", "kind": "http_500", "phase": "after", "count": 1}
    )
    with pytest.raises(TransientMarketplaceError) as caught:
        await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "123456789012", datetime.now(UTC))])
    assert caught.value.outcome_unknown
    state = (await adapter.get_order_states([line]))[line]  # how the worker resolves it
    assert state.tracking_number == "123456789012"


async def test_a_timeout_is_transient(
    sandbox_url: str, seller: Vendor, admin: AdminCall, place_orders: PlaceOrders
) -> None:
    [line] = (await place_orders())["order_line_ids"]
    await admin(
        "POST", "/faults", json={"path_pattern": "acknowledgement", "kind": "timeout", "latency_ms": 1500, "count": 1}
    )
    async with make_adapter(sandbox_url, seller, timeout=httpx.Timeout(0.3)) as coupang:
        with pytest.raises(TransientMarketplaceError) as caught:
            await coupang.acknowledge([line])
    assert "timed out" in caught.value.message and not caught.value.outcome_unknown  # acknowledging is idempotent


async def test_a_malformed_body_is_transient(adapter: CoupangAdapter, admin: AdminCall) -> None:
    error = await transient_after_fault(admin, "display-categories", "malformed", adapter.fetch_categories)
    assert "malformed" in error.message


async def test_a_business_error_keeps_coupangs_code_and_message(adapter: CoupangAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.end_sale("123")
    assert caught.value.status == 400 and caught.value.code == "ERROR" and "sellerProductId" in caught.value.message


def mocked(answer: httpx.Response) -> CoupangHttp:
    return CoupangHttp(
        "https://api-gateway.coupang.com",
        CoupangCredentials("a", "s", "A1"),
        RateLimiter(RateLimit(100, 100)),
        "k",
        transport=httpx.MockTransport(lambda _: answer),
    )


@pytest.mark.parametrize("code", [200, "200", "SUCCESS", "PARTIAL"])
async def test_success_codes_may_be_numbers_or_strings(code: object) -> None:
    http = mocked(httpx.Response(200, json={"code": code, "message": "", "data": 7}))
    assert (await http.call("GET", "/x", "t"))["data"] == 7


async def test_an_error_code_in_a_200_answer_is_permanent() -> None:
    http = mocked(httpx.Response(200, json={"code": "ERROR", "message": "잘못된 요청", "data": None}))
    with pytest.raises(PermanentMarketplaceError) as caught:
        await http.call("GET", "/x", "t")
    assert caught.value.code == "ERROR" and caught.value.message == "잘못된 요청"


async def test_the_cdn_access_denied_page_is_a_back_off() -> None:
    http = mocked(httpx.Response(403, text="<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD></HTML>"))
    with pytest.raises(TransientMarketplaceError) as caught:
        await http.call("GET", "/x", "t")
    assert caught.value.retry_after == 60.0


async def test_delay_dispatch_is_unsupported_with_a_korean_reason(adapter: CoupangAdapter) -> None:
    with pytest.raises(UnsupportedOperation) as caught:
        await adapter.delay_dispatch(DispatchDelay("1-2", datetime.now(UTC), DelayReason.PRODUCT_PREPARE))
    assert "쿠팡" in caught.value.reason_ko


async def test_the_factory_builds_an_adapter(sandbox_url: str, seller: Vendor) -> None:
    assert CREDENTIAL_FIELDS == ("access_key", "secret_key", "vendor_id")
    config = AdapterConfig(
        "coupang",
        "acct-1",
        seller.vendor_id,
        {"access_key": seller.access_key, "secret_key": seller.secret_key, "vendor_id": seller.vendor_id},
        f"{sandbox_url}/coupang/external",
        50.0,
        5.0,
    )
    adapter = build(config)
    async with adapter:
        assert adapter.account_id == "acct-1" and await adapter.fetch_categories()


async def test_the_default_rate_stays_under_the_gateways_limit(
    sandbox_url: str, seller: Vendor, coupang: CoupangState, admin: AdminCall
) -> None:
    coupang.limiter.configure(RateLimitConfig(10, 10, enabled=True))
    async with CoupangAdapter(
        CoupangCredentials(seller.access_key, seller.secret_key, seller.vendor_id), f"{sandbox_url}/coupang/external"
    ) as default:
        for _ in range(25):
            await default.fetch_categories()
    calls = await admin("GET", "/calls", params={"vendor_id": seller.vendor_id, "recent": 0})
    statuses = calls["by_path"]["GET /v2/providers/seller_api/apis/api/v1/marketplace/meta/display-categories"]
    assert statuses["statuses"] == {"200": 25} and calls["peak_per_second"] <= 10
