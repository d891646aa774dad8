"""The 인터파크 Driver used by the shared contract suite and the benchmarks."""

from __future__ import annotations

import httpx
import pytest
from marketbridge.sandbox.interpark.driver import Driver


async def test_driver_covers_the_contract_scenario(client: httpx.AsyncClient) -> None:
    driver = Driver(client)
    seller = await driver.create_seller()
    assert {"entr_id", "supply_entr_no", "supply_ctrt_seq", "cite_key", "secret_key", "seller_id"} == set(seller)
    product = (await client.post("/interpark/admin/products", json={"entr_id": seller["entr_id"]})).json()
    line = await driver.create_order(seller, str(product["prdNo"]))
    await driver.create_orders_bulk(seller, str(product["prdNo"]), 50)
    assert await driver.create_claim(seller, line, "cancel")
    with pytest.raises(LookupError):
        await driver.create_inquiry(seller, str(product["prdNo"]), None)
    query = {
        "_method": "orderListDelvForSingle",
        "sc.entrId": seller["entr_id"],
        "sc.supplyEntrNo": seller["supply_entr_no"],
        "sc.supplyCtrtSeq": seller["supply_ctrt_seq"],
        "sc.strDate": "20260921000000",
        "sc.endDate": "20260921235959",
    }
    url = "/interpark/external/order/OrderClmAPI.do"
    await driver.inject_fault("orderListDelv", "http_500", count=1)
    assert (await client.get(url, params=query)).status_code == 500
    await driver.clear_faults()
    assert b"<CODE>000</CODE>" in (await client.get(url, params=query)).content
    assert await driver.dispatches(seller) == [] and await driver.peak_rate(seller) >= 1
    await driver.revoke_credentials(seller)
    assert b"<CODE>100</CODE>" in (await client.get(url, params=query)).content
