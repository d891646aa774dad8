"""The GS SHOP adapter: the push flow through our receiver; every operation, error mapping and the 종합몰
rules run as the shared home-shopping scenarios (../homeshopping.py) with the mall in conftest.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from marketbridge.connectors.errors import TransientMarketplaceError
from marketbridge.connectors.gsshop import GsshopAdapter, InMemoryPushedOrderStore
from marketbridge.connectors.gsshop.factory import CREDENTIAL_FIELDS
from marketbridge.connectors.homeshopping_common.dates import KST
from marketbridge.connectors.ports import ClaimType, DispatchItem, OrderStatus
from marketbridge.sandbox.gsshop.driver import Driver

from ..homeshopping import HomeShoppingScenarios, collect, new_lines, now
from ..support import AdminCall


class TestGsshop(HomeShoppingScenarios):
    """Every shared scenario against the GS SHOP emulator, the orders arriving by push."""


async def test_push_flow_fills_the_store_and_fetch_reads_it(
    adapter: GsshopAdapter, admin: AdminCall, product: dict[str, Any], store: InMemoryPushedOrderStore
) -> None:
    ids = await new_lines(admin, product, 3)
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


async def test_claims_come_from_pushed_rows(adapter: GsshopAdapter, admin: AdminCall, product: dict[str, Any]) -> None:
    first, second = await new_lines(admin, product, 2)
    await admin("POST", "/claims", json={"order_line_id": first, "kind": "cancel"})
    await adapter.dispatch([DispatchItem(second, "HANJIN", "412345678901", now())])
    await admin("POST", "/claims", json={"order_line_id": second, "kind": "return"})
    claims = [c async for page in adapter.fetch_claims(now() - timedelta(hours=1), now()) for c in page]
    assert sorted((c.order_line_id, c.claim_type) for c in claims) == sorted(
        [(first, ClaimType.CANCEL), (second, ClaimType.RETURN)]
    )
    state = (await adapter.get_order_states([first]))[first]
    assert state.status == OrderStatus.CANCELLED and state.claim_type == ClaimType.CANCEL


async def test_unreachable_receiver_is_transient(adapter: GsshopAdapter, admin: AdminCall) -> None:
    await admin("PUT", "/sellers/100777/receiver", json={"receiver_url": "http://127.0.0.1:9/nowhere"})
    with pytest.raises(TransientMarketplaceError) as caught:
        await collect(adapter)
    assert caught.value.code == "PUSH_FAILED"


async def test_factory_fields_and_driver_registers_the_receiver(
    sandbox_url: str, receiver_url: str, admin: AdminCall
) -> None:
    assert CREDENTIAL_FIELDS == ("sup_cd", "sender_id", "receiver_token")
    async with httpx.AsyncClient(base_url=sandbox_url) as client:
        driver = Driver(client, receiver_base_url=receiver_url)
        seller = await driver.create_seller()
        registered = next(s for s in await admin("GET", "/sellers") if s["seller_id"] == seller["seller_id"])
        assert registered["receiver_url"] == f"{receiver_url}/{seller['sup_cd']}/{seller['receiver_token']}"
