"""The GS SHOP adapter: the push flow through our receiver, every operation, error mapping, 종합몰 rules."""

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
from marketbridge.connectors.gsshop import GsshopAdapter, InMemoryPushedOrderStore
from marketbridge.connectors.gsshop.factory import CREDENTIAL_FIELDS
from marketbridge.connectors.homeshopping_common.dates import KST
from marketbridge.connectors.ports import (
    ClaimAction,
    ClaimDecision,
    ClaimType,
    DispatchItem,
    Listing,
    ListingOption,
    OrderStatus,
    PriceStockUpdate,
    SellerCancel,
    SellerCancelReason,
)
from marketbridge.sandbox.gsshop.driver import Driver

from .conftest import AdminCall, make_adapter

LISTING = Listing(
    seller_product_code="RG-1",
    name="6년근 홍삼 정과",
    category_id="B101",
    sale_price=59000,
    stock_quantity=40,
    description_html="<p>홍삼</p>",
    image_urls=("https://img.example/r.jpg",),
    attributes={"notice": {"품목": "건강기능식품", "제조원": "샌드박스"}},
)


def now() -> datetime:
    return datetime.now(UTC)


async def collect(adapter: GsshopAdapter) -> list[Any]:
    return [o async for page in adapter.fetch_orders(now() - timedelta(hours=1), now()) for o in page]


async def new_line(admin: AdminCall, product: dict[str, Any], count: int = 1) -> list[str]:
    ids: list[str] = (await admin("POST", "/orders", json={"product_id": product["product_id"], "count": count}))[
        "order_line_ids"
    ]
    return ids


async def test_push_flow_fills_the_store_and_fetch_reads_it(
    adapter: GsshopAdapter, admin: AdminCall, product: dict[str, Any], store: InMemoryPushedOrderStore
) -> None:
    ids = await new_line(admin, product, 3)
    orders = await collect(adapter)
    assert sorted(o.order_line_id for o in orders) == sorted(ids)
    assert orders[0].status == OrderStatus.NEW and orders[0].unit_price == 59000 and orders[0].account_id == "acc-gs"
    day = datetime.now(KST).strftime("%Y%m%d")
    assert len(await store.rows_for_day("100777", day)) == 3
    pushes = (await admin("GET", "/calls"))["by_path"]["POST push ORDINF"]["count"]
    assert pushes >= 1


async def test_receiver_refuses_a_wrong_token_and_sender(
    receiver_url: str, seller: dict[str, Any], store: InMemoryPushedOrderStore
) -> None:
    sup_cd = seller["credentials"]["sup_cd"]
    body = {
        "sender": "GS SHOP",
        "receiver": sup_cd,
        "documentId": "ORDINF",
        "processType": "A",
        "sdDt": "20261118",
        "resultCnt": 1,
        "resultCd": "S",
        "resultList": [{"ordTypeCd": "O", "ordNo": "0000000001", "ordItemNo": "000010"}],
    }
    async with httpx.AsyncClient() as client:
        wrong = await client.post(f"{receiver_url}/{sup_cd}/not-the-token", json=body)
        assert wrong.status_code == 403 and wrong.json()["resultCd"] == "E"
        forged = await client.post(
            f"{receiver_url}/{sup_cd}/{seller['credentials']['receiver_token']}", json={**body, "sender": "someone"}
        )
        assert forged.status_code == 403
        ok = await client.post(f"{receiver_url}/{sup_cd}/{seller['credentials']['receiver_token']}", json=body)
        assert ok.json() == {
            "resultCd": "S",
            "resultMsg": "정상 수신되었습니다.",
            "documentId": "ORDINF",
            "resultCnt": 1,
        }
    assert len(await store.rows_for_day("100777", "20261118")) == 1


async def test_dispatch_second_refused_and_states_after_repush(
    adapter: GsshopAdapter, admin: AdminCall, product: dict[str, Any]
) -> None:
    line = (await new_line(admin, product))[0]
    await collect(adapter)
    acked = await adapter.acknowledge([line, "0000000000:000010"])  # no 발주확인 call: looked up
    assert acked.succeeded == [line] and acked.failed["0000000000:000010"].code == "NOT_FOUND"
    assert (await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "612345678901", now())])).succeeded == [line]
    again = await adapter.dispatch([DispatchItem(line, "CJ_LOGISTICS", "612345678902", now())])
    assert again.failed[line].code == "E" and "이미 송장" in again.failed[line].message
    state = await adapter.get_order_states([line, "0000000000:000010"])
    assert list(state) == [line]
    assert (state[line].status, state[line].tracking_number, state[line].courier_code) == (
        OrderStatus.DISPATCHED,
        "612345678901",
        "CJ_LOGISTICS",
    )
    assert (await admin("GET", "/dispatches"))["duplicates"] == []


async def test_claims_come_from_pushed_rows(adapter: GsshopAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    first, second = await new_line(admin, product, 2)
    await admin("POST", "/claims", json={"order_line_id": first, "kind": "cancel"})
    await adapter.dispatch([DispatchItem(second, "HANJIN", "412345678901", now())])
    await admin("POST", "/claims", json={"order_line_id": second, "kind": "return"})
    claims = [c async for page in adapter.fetch_claims(now() - timedelta(hours=1), now()) for c in page]
    assert sorted((c.order_line_id, c.claim_type) for c in claims) == sorted(
        [(first, ClaimType.CANCEL), (second, ClaimType.RETURN)]
    )
    state = (await adapter.get_order_states([first]))[first]
    assert state.status == OrderStatus.CANCELLED and state.claim_type == ClaimType.CANCEL


async def test_listing_operations(adapter: GsshopAdapter, admin: AdminCall) -> None:
    published = await adapter.publish_listing(LISTING)
    stored = next(p for p in await admin("GET", "/products") if p["product_id"] == published.market_product_id)
    assert stored["notice"] == {"품목": "건강기능식품", "제조원": "샌드박스"}
    await adapter.update_listing(published.market_product_id, LISTING)
    await adapter.update_price_stock(PriceStockUpdate(published.market_product_id, sale_price=55000, stock_quantity=9))
    await adapter.end_sale(published.market_product_id)
    imported = [i async for page in adapter.import_listings() for i in page]
    row = next(i for i in imported if i.market_product_id == published.market_product_id)
    assert (row.sale_price, row.stock_quantity, row.status.value) == (55000, 9, "suspended")
    assert any(c.full_name == "식품>건강식품" for c in await adapter.fetch_categories())
    with pytest.raises(PermanentMarketplaceError) as caught:
        await adapter.end_sale("000000000")
    assert "존재하지" in caught.value.message


async def test_unsupported_operations(adapter: GsshopAdapter) -> None:
    with pytest.raises(UnsupportedOperation, match="판매취소"):
        await adapter.cancel_by_seller([SellerCancel("1:1", SellerCancelReason.SOLD_OUT)])
    with pytest.raises(UnsupportedOperation):
        await adapter.decide_claim(ClaimDecision("1:1", ClaimType.RETURN, ClaimAction.APPROVE))
    with pytest.raises(UnsupportedOperation):
        adapter.fetch_inquiries(now(), now())
    priced = Listing(
        **{
            **{n: getattr(LISTING, n) for n in Listing.__slots__},
            "options": (ListingOption(("30포",), 1, price_delta=3000),),
        }
    )
    with pytest.raises(UnsupportedOperation, match="OPT-1"):
        await adapter.publish_listing(priced)
    with pytest.raises(PermanentMarketplaceError, match="EMS"):
        await adapter.dispatch([DispatchItem("1:1", "EMS", "EE123456789KR", now())])


async def test_unknown_supplier_is_authentication_rejected(
    sandbox_url: str, seller: dict[str, Any], store: InMemoryPushedOrderStore
) -> None:
    wrong = {**seller, "credentials": {**seller["credentials"], "sender_id": "SUPnobody"}}
    async with make_adapter(sandbox_url, wrong, store) as gs:
        with pytest.raises(AuthenticationRejected):
            await collect(gs)


async def test_unreachable_receiver_is_transient(adapter: GsshopAdapter, admin: AdminCall) -> None:
    await admin("PUT", "/sellers/100777/receiver", json={"receiver_url": "http://127.0.0.1:9/nowhere"})
    with pytest.raises(TransientMarketplaceError) as caught:
        await collect(adapter)
    assert caught.value.code == "PUSH_FAILED"


@pytest.mark.parametrize(("kind", "status"), [("http_429", 429), ("http_500", 500), ("http_503", 503)])
async def test_http_faults_are_transient(adapter: GsshopAdapter, admin: AdminCall, kind: str, status: int) -> None:
    await admin("POST", "/faults", json={"path_pattern": "SupSend", "kind": kind, "count": 1})
    with pytest.raises(TransientMarketplaceError) as caught:
        await collect(adapter)
    assert caught.value.status == status


async def test_malformed_write_and_timeout(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall, product: dict[str, Any], store: InMemoryPushedOrderStore
) -> None:
    line = (await new_line(admin, product))[0]
    await admin(
        "POST", "/faults", json={"path_pattern": "aliaSupCommon", "kind": "malformed", "phase": "after", "count": 1}
    )
    async with make_adapter(sandbox_url, seller, store, timeout=httpx.Timeout(0.5)) as gs:
        await collect(gs)
        with pytest.raises(TransientMarketplaceError) as caught:
            await gs.dispatch([DispatchItem(line, "LOGEN", "31234567890", now())])
        assert caught.value.outcome_unknown
        assert (await gs.get_order_states([line]))[line].tracking_number == "31234567890"
        await admin(
            "POST", "/faults", json={"path_pattern": "SupSend", "kind": "timeout", "latency_ms": 2000, "count": 1}
        )
        with pytest.raises(TransientMarketplaceError, match="timed out"):
            await collect(gs)


async def test_factory_fields_and_driver_registers_the_receiver(
    sandbox_url: str, receiver_url: str, admin: AdminCall
) -> None:
    assert CREDENTIAL_FIELDS == ("sup_cd", "sender_id", "receiver_token")
    async with httpx.AsyncClient(base_url=sandbox_url) as client:
        driver = Driver(client, receiver_base_url=receiver_url)
        seller = await driver.create_seller()
        registered = next(s for s in await admin("GET", "/sellers") if s["seller_id"] == seller["seller_id"])
        assert registered["receiver_url"] == f"{receiver_url}/{seller['sup_cd']}/{seller['receiver_token']}"
