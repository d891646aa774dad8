"""The 11번가 Driver used by the shared contract suite and the benchmarks."""

from __future__ import annotations

import httpx
from marketbridge.sandbox.st11.driver import Driver


async def test_driver_covers_the_contract_scenario(client: httpx.AsyncClient) -> None:
    driver = Driver(client)
    seller = await driver.create_seller()
    assert set(seller) == {"api_key", "seller_id"}
    api = httpx.AsyncClient(
        transport=client._transport, base_url="http://sandbox/st11/external", headers={"openapikey": seller["api_key"]}
    )
    product = (await client.post("/st11/admin/products", json={"seller_id": seller["seller_id"]})).json()
    line = await driver.create_order(seller, str(product["prdNo"]), quantity=2)
    await driver.create_orders_bulk(seller, str(product["prdNo"]), 50)
    assert (await client.get(f"/st11/admin/lines/{line}")).json()["ordPrdStat"] == "202"
    assert await driver.create_claim(seller, line, "cancel")
    inquiry = await driver.create_inquiry(seller, None, line)
    assert inquiry.endswith(f"-{product['prdNo']}") and await driver.inquiry_answer(seller, inquiry) is None
    assert await driver.dispatches(seller) == []
    await driver.inject_fault("category", "http_503", count=1)
    assert (await api.get("/cateservice/category")).status_code == 503
    await driver.clear_faults()
    assert (await api.get("/cateservice/category")).status_code == 200
    assert await driver.peak_rate(seller) >= 1
    await driver.revoke_credentials(seller)
    assert (await api.get("/cateservice/category")).status_code == 401
