"""Mapping of every failure onto the connector errors (auth, 429, 5xx, timeout, malformed, ResultCode)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    PermanentMarketplaceError,
    TransientMarketplaceError,
)
from marketbridge.connectors.esm import EsmAdapter
from marketbridge.connectors.esm.factory import CREDENTIAL_FIELDS, build
from marketbridge.connectors.registry import AdapterConfig
from marketbridge.sandbox.testing import FakeClock

from ..support import transient_after_fault
from .conftest import AdminCall, make_adapter


async def test_wrong_secret_is_rejected(sandbox_url: str, seller: dict[str, Any], clock: FakeClock) -> None:
    async with make_adapter(sandbox_url, seller, clock, secret="x" * 40) as adapter:
        with pytest.raises(AuthenticationRejected) as caught:
            await adapter.fetch_categories()
    assert caught.value.status == 401 and caught.value.code == "401"


async def test_missing_permission_and_revoked_master_are_rejected(gmarket: EsmAdapter, admin: AdminCall) -> None:
    await admin("PUT", "/sellers/mbmaster/permissions", json={"permissions": ["shipping"]})
    with pytest.raises(AuthenticationRejected) as caught:
        await gmarket.fetch_categories()
    assert caught.value.message == "The user does not have right access to the api"
    await admin("POST", "/sellers/mbmaster/revoke")
    with pytest.raises(AuthenticationRejected):
        await gmarket.get_order_states(["1"])


@pytest.mark.parametrize("kind", ["http_500", "http_503"])
async def test_server_errors_are_transient(gmarket: EsmAdapter, admin: AdminCall, kind: str) -> None:
    error = await transient_after_fault(admin, "site-cats", kind, gmarket.fetch_categories)
    assert error.status in (500, 503) and not error.outcome_unknown


async def test_429_is_transient_with_retry_after(gmarket: EsmAdapter, admin: AdminCall) -> None:
    error = await transient_after_fault(admin, "site-cats", "http_429", gmarket.fetch_categories)
    assert error.status == 429 and error.retry_after == 5.0


async def test_the_sandbox_gateway_limit_answers_429(gmarket: EsmAdapter, admin: AdminCall) -> None:
    await admin("PUT", "/rate-limit", json={"rate": 0.05, "burst": 1})  # one token per 20 s: refused however slow the machine
    await gmarket.fetch_categories()
    with pytest.raises(TransientMarketplaceError) as caught:
        await gmarket.fetch_categories()
    assert caught.value.status == 429


async def test_timeouts_are_transient(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall, clock: FakeClock
) -> None:
    await admin("POST", "/faults", json={"path_pattern": "OrderCheck", "kind": "timeout", "latency_ms": 600})
    async with make_adapter(sandbox_url, seller, clock, timeout=httpx.Timeout(5.0, read=0.2)) as adapter:
        with pytest.raises(TransientMarketplaceError) as caught:
            await adapter.acknowledge(["123"])
    assert "timed out" in caught.value.message


async def test_connection_refused_is_transient(seller: dict[str, Any], clock: FakeClock) -> None:
    async with make_adapter("http://127.0.0.1:9", seller, clock) as adapter:
        with pytest.raises(TransientMarketplaceError) as caught:
            await adapter.fetch_categories()
    assert not caught.value.outcome_unknown


async def test_malformed_answers_are_transient(gmarket: EsmAdapter, admin: AdminCall) -> None:
    error = await transient_after_fault(admin, "site-cats", "malformed", gmarket.fetch_categories)
    assert "malformed" in error.message


async def test_result_codes_are_permanent_with_the_marketplace_code(gmarket: EsmAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await gmarket.http.call(
            "POST",
            "/claim/v1/sa/Returns",
            "probe",
            idempotent=True,
            json={"SiteType": 2, "ReturnStatus": 9, "StartDate": "2026-05-01", "EndDate": "2026-05-02"},
        )
    assert caught.value.code == "2000" and caught.value.message


async def test_auction_business_errors_keep_the_biz_rule_code(auction: EsmAdapter) -> None:
    with pytest.raises(PermanentMarketplaceError) as caught:
        await auction.http.call("PUT", "/claim/v1/sa/return/1", "probe", json={"SiteType": 1}, idempotent=True)
    assert caught.value.code == "99999" and "BizRuleCode ORDER_NOT_FOUND" in caught.value.message


def test_factory_builds_the_site_from_the_marketplace_code() -> None:
    assert CREDENTIAL_FIELDS == ("master_id", "secret_key", "site_seller_id")
    creds = {"master_id": "m", "secret_key": "s" * 40, "site_seller_id": "seller"}
    for code, site in (("gmarket", "G"), ("auction", "A")):
        adapter = build(AdapterConfig(code, "acct-1", "seller", creds, "http://localhost/esm/external", 5.0, 10.0))
        assert adapter.marketplace == code and isinstance(adapter, EsmAdapter) and adapter.site == site
        assert adapter.account_id == "acct-1"
    with pytest.raises(ValueError):
        build(AdapterConfig("naver", "a", "s", creds, "http://x", 5.0, 10.0))
