"""Token flow and the mapping of every failure onto the connector errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import bcrypt
import httpx
import pytest
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
)
from marketbridge.connectors.naver import NaverAdapter, NaverCredentials, client_secret_sign
from marketbridge.connectors.naver.http import _retry_after
from marketbridge.connectors.ports import DispatchItem, Listing
from marketbridge.sandbox.naver.models import SellerApp

from ..support import transient_after_fault
from .conftest import AdminCall, make_adapter

TOKEN_ROUTE = "POST /v1/oauth2/token"


async def calls(admin: AdminCall, route: str) -> int:
    return int((await admin("GET", "/calls"))["by_path"].get(route, {}).get("count", 0))


def test_signature_matches_the_documented_test_vector() -> None:
    assert client_secret_sign("aaaabbbbcccc", "$2a$10$abcdefghijklmnopqrstuu", 1643961623299) == (
        "JDJhJDEwJGFiY2RlZmdoaWprbG1ub3BxcnN0dXVCVldZSk42T0VPdEx1OFY0cDQxa2IuTnpVaUEzbmsy")


def test_credentials_never_show_the_secret() -> None:
    creds = NaverCredentials("client", "$2a$04$abcdefghijklmnopqrstuu")
    assert "$2a$04$" not in repr(creds)


async def test_one_token_serves_many_calls(adapter: NaverAdapter, admin: AdminCall) -> None:
    for _ in range(3):
        await adapter.fetch_categories()
    assert await calls(admin, TOKEN_ROUTE) == 1


async def test_token_is_reissued_once_after_401(adapter: NaverAdapter, admin: AdminCall) -> None:
    await adapter.fetch_categories()
    await admin("POST", "/tokens/expire", json={})
    assert await adapter.fetch_categories()
    assert await calls(admin, TOKEN_ROUTE) == 2
    assert (await admin("GET", "/calls"))["by_path"]["GET /v1/categories"]["statuses"] == {"200": 2, "401": 1}


async def test_wrong_secret_is_rejected(sandbox_url: str, seller: SellerApp) -> None:
    wrong = SellerApp(seller.client_id, bcrypt.gensalt(4).decode(), seller.account_id, "x", 0)
    async with make_adapter(sandbox_url, wrong) as naver:
        with pytest.raises(AuthenticationRejected) as caught:
            await naver.fetch_categories()
    assert caught.value.code == "GW.AUTHN" and caught.value.status == 401


async def test_seller_type_token_for_a_linked_account(sandbox_url: str, seller: SellerApp) -> None:
    creds = NaverCredentials(seller.client_id, seller.client_secret, account_id=seller.account_id)
    async with NaverAdapter(creds, f"{sandbox_url}/naver/external") as naver:
        assert naver.account_id == seller.account_id
        assert await naver.fetch_categories()


@pytest.mark.parametrize("kind", ["http_500", "http_503"])
async def test_server_errors_are_transient(adapter: NaverAdapter, admin: AdminCall, kind: str) -> None:
    error = await transient_after_fault(admin, "categories", kind, adapter.fetch_categories)
    assert error.status in (500, 503) and error.code and not error.outcome_unknown


async def test_429_is_transient_with_retry_after(adapter: NaverAdapter, admin: AdminCall) -> None:
    # one token refilled every 20 s: the second call is refused however slow the machine is; the gateway
    # sends its replenish rate as a whole number ("0" here), so the adapter falls back to waiting a second
    await admin("PUT", "/rate-limit", json={"rate": 0.05, "burst": 1})
    await adapter.fetch_categories()
    with pytest.raises(TransientMarketplaceError) as caught:
        await adapter.fetch_categories()
    assert caught.value.code == "GW.RATE_LIMIT" and caught.value.retry_after == 1.0


@pytest.mark.parametrize(("headers", "wait"), [
    ({"GNCP-GW-RateLimit-Replenish-Rate": "4"}, 0.25),
    ({"Retry-After": "3", "GNCP-GW-RateLimit-Replenish-Rate": "4"}, 3.0),
    ({"GNCP-GW-RateLimit-Replenish-Rate": "0"}, 1.0),
    ({}, 1.0),
])
def test_retry_after_follows_the_gateway_headers(headers: dict[str, str], wait: float) -> None:
    assert _retry_after(httpx.Response(429, headers=headers)) == pytest.approx(wait)


async def test_malformed_success_body_is_transient_and_unknown_for_writes(adapter: NaverAdapter, admin: AdminCall,
                                                                          product: dict[str, Any]) -> None:
    ids = (await admin("POST", "/orders", json={"product_no": product["originProductNo"]}))["product_order_ids"]
    await admin("POST", "/faults", json={"path_pattern": "dispatch", "kind": "malformed", "phase": "after"})
    item = DispatchItem(ids[0], "CJ_LOGISTICS", "123456789012", datetime.now(UTC))
    with pytest.raises(TransientMarketplaceError) as caught:
        await adapter.dispatch([item])
    assert caught.value.outcome_unknown
    state = (await adapter.get_order_states(ids))[ids[0]]
    assert state.tracking_number == "123456789012"  # the call was applied: resolve, never resend blindly


async def test_timeouts_are_transient(sandbox_url: str, seller: SellerApp, admin: AdminCall) -> None:
    await admin("POST", "/faults", json={"path_pattern": "categories", "kind": "timeout", "latency_ms": 700})
    async with make_adapter(sandbox_url, seller, timeout=httpx.Timeout(5.0, read=0.3)) as naver:
        with pytest.raises(TransientMarketplaceError) as caught:
            await naver.fetch_categories()
    assert "timed out" in caught.value.message


async def test_connection_refused_is_transient(seller: SellerApp) -> None:
    async with make_adapter("http://127.0.0.1:9", seller) as naver:
        with pytest.raises(TransientMarketplaceError) as caught:
            await naver.fetch_categories()
    assert not caught.value.outcome_unknown


async def test_business_errors_are_permanent_with_naver_code(adapter: NaverAdapter) -> None:
    listing = Listing(seller_product_code="X-1", name="", category_id="50000000", sale_price=5, stock_quantity=1,
                      description_html="", image_urls=())
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.publish_listing(listing)
    error = caught.value
    assert error.code == "BAD_REQUEST" and error.status == 400 and error.message
    names = {name for name, _, _ in error.invalid_inputs}
    assert {"originProduct.name", "originProduct.salePrice", "originProduct.leafCategoryId"} <= names


async def test_order_group_business_error_keeps_its_numeric_code(adapter: NaverAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.http.call("GET", "/v1/pay-order/seller/product-orders/last-changed-statuses", "probe",
                                params={"lastChangedFrom": "2024-05-01T00:00:00.000+09:00",
                                        "lastChangedTo": "2024-05-03T00:00:00.000+09:00"})
    assert caught.value.code == "104139"


async def test_windows_are_split_so_naver_never_sees_more_than_24_hours(adapter: NaverAdapter,
                                                                        admin: AdminCall) -> None:
    end = datetime.now(UTC)
    pages = [page async for page in adapter.fetch_orders(end - timedelta(days=3, hours=1), end)]
    assert pages == []
    statuses = (await admin("GET", "/calls"))["by_path"][
        "GET /v1/pay-order/seller/product-orders/last-changed-statuses"]["statuses"]
    assert statuses == {"200": 4}
