"""The catalog service on real PostgreSQL: registration with product codes, revisions and status changes
publishing integration events through the outbox, validation, tenant isolation, roles and OPT-8."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from marketbridge.catalog import views
from marketbridge.contracts import catalog, listing
from marketbridge.contracts.catalog import ProductSnapshot
from marketbridge.runtime.bus.base import OutgoingMessage
from marketbridge.runtime.messages import envelope

TENANT, OTHER = "tenant-a", "tenant-b"


async def test_register_with_options_fills_the_read_model_and_publishes_product_registered(
    service: Any, api: Any
) -> None:
    _svc, bus, client = service
    seen = await api.capture(bus, catalog.ProductRegistered.TYPE)
    product = await api.register(client, api.tshirt())
    assert len(product["product_code"]) == 15 and product["product_code"].endswith("0000001")
    assert product["manufacturer"] == "데모상점" and product["brand"] == "데모상점"  # CAT-MFR-1
    warnings = {w["rule"] for w in product["warnings"]}
    assert {"CAT-NAME-3", "OPT-3"} <= warnings  # 무료배송 in the name, +6,000 over 50% of 10,000
    assert product["option_type"] == "combination" and product["version"] == 1

    got = (await client.get(f"/api/v1/products/{product['product_id']}", headers=api.headers(role="viewer"))).json()
    assert got["product_code"] == product["product_code"] and got["options"]["rows"][2]["sign"] == "-"

    env = (await api.arrived(seen))[0]
    assert env.tenant_id == TENANT and env.producer == "catalog"
    snap = ProductSnapshot.model_validate(env.payload["product"])
    assert snap.product_id == product["product_id"] and snap.option_names == ["색상", "사이즈"]
    assert [(o.option_key, o.add_price, o.sellable) for o in snap.options] == [
        ("빨강/S", 0, True),
        ("빨강/M", 1000, True),
        ("파랑/S", -500, True),
        ("파랑/M", 6000, False),
    ]
    assert snap.stock == 10


async def test_rows_are_generated_when_omitted(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    body = api.tshirt(name="면 티셔츠")
    body["options"] = {"type": "combination", "names": [{"name": "색상", "values": "빨강,파랑,노랑"}], "row_stock": 7}
    product = await api.register(client, body)
    rows = product["options"]["rows"]
    assert [r["values"] for r in rows] == [["빨강"], ["파랑"], ["노랑"]]
    assert all(r["add_price"] == 0 and r["stock"] == 7 for r in rows) and product["warnings"] == []


async def test_revise_price_publishes_product_revised_and_status_change_product_status_changed(
    service: Any,
    api: Any,
) -> None:
    _svc, bus, client = service
    revised = await api.capture(bus, catalog.ProductRevised.TYPE)
    changed = await api.capture(bus, catalog.ProductStatusChanged.TYPE, "unused.key")
    product = await api.register(client, api.mug())
    pid = product["product_id"]

    r = await client.patch(f"/api/v1/products/{pid}", json={"price": 6000}, headers=api.headers())
    assert r.status_code == 200, r.text
    assert r.json()["price"] == 6000 and r.json()["version"] == 2
    env = (await api.arrived(revised))[0]
    assert env.payload["changed_fields"] == ["price"] and env.payload["product"]["price"] == 6000

    r = await client.post(f"/api/v1/products/{pid}/status", json={"status": "unsellable"}, headers=api.headers())
    assert r.status_code == 200 and r.json()["status"] == "unsellable"
    env = (await api.arrived(changed))[0]
    assert {k: env.payload[k] for k in ("product_id", "status", "actor_id")} == {
        "product_id": pid,
        "status": "unsellable",
        "actor_id": "u1",
    }
    assert env.payload["product"]["status"] == "unsellable"  # listings can update their copy at once

    listed = (await client.get("/api/v1/products", params={"status": "unsellable"}, headers=api.headers())).json()
    assert listed["total"] == 1 and listed["items"][0]["product_id"] == pid


@pytest.mark.parametrize(
    ("change", "rule", "code"),
    [
        ({"name": "티셔츠<특가>"}, "CAT-NAME-1", "PRODUCT_NAME_INVALID_CHARACTERS"),
        ({"zero_row": True}, "OPT-3", "OPTION_ZERO_ADD_PRICE_REQUIRED"),
        ({"duplicate_value": True}, "OPT-2", "OPTION_VALUE_DUPLICATE"),
    ],
)
async def test_validation_errors_give_400_with_rule_ids_and_store_nothing(
    service: Any, api: Any, change: dict[str, Any], rule: str, code: str
) -> None:
    svc, _bus, client = service
    body = api.tshirt(name=change.get("name", "면 티셔츠"))
    if change.get("zero_row"):
        body["options"]["rows"][0]["add_price"] = 100
    if change.get("duplicate_value"):
        body["options"]["names"][0]["values"] = "빨강,빨강"
        del body["options"]["rows"]
    r = await client.post("/api/v1/products", json=body, headers=api.headers())
    assert r.status_code == 400, r.text
    errors = r.json()["errors"]
    assert r.json()["code"] == "VALIDATION_FAILED"
    assert any(e["rule"] == rule and e["code"] == code and e["message"] for e in errors), errors
    assert await api.counts(svc) == (0, 0, 0)
    assert (await client.get("/api/v1/products", headers=api.headers())).json()["total"] == 0


async def test_product_codes_stay_unique_under_concurrent_registrations(service: Any, api: Any) -> None:
    svc, _bus, client = service
    bodies = [api.mug(name=f"상품 {i}", price=1000, stock=1) for i in range(20)]
    products = await asyncio.gather(*(api.register(client, b) for b in bodies))
    codes = sorted(p["product_code"] for p in products)
    assert len(set(codes)) == 20
    assert [int(c[8:]) for c in codes] == list(range(1, 21))  # CAT-CODE-1: serials 1..20 of the day
    assert len({c[:8] for c in codes}) == 1
    other = await api.register(client, bodies[0], tenant=OTHER)
    assert other["product_code"].endswith("0000001")  # counters are per tenant
    found = (await client.get("/api/v1/products", params={"product_code": codes[4]}, headers=api.headers())).json()
    assert found["total"] == 1 and found["items"][0]["product_code"] == codes[4]
    page = (await client.get("/api/v1/products", params={"limit": 5, "offset": 5}, headers=api.headers())).json()
    assert page["total"] == 20 and len(page["items"]) == 5
    assert (await api.counts(svc))[1] == 21


async def test_search_by_name_substring(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    for name in ("나이키 운동화", "아디다스 운동화", "머그컵 1+1"):
        await api.register(client, api.mug(name=name, price=1000, stock=1))
    found = (await client.get("/api/v1/products", params={"name": "운동화"}, headers=api.headers())).json()
    assert found["total"] == 2
    assert (await client.get("/api/v1/products", params={"name": "1+1"}, headers=api.headers())).json()["total"] == 1
    assert (await client.get("/api/v1/products", params={"name": "%"}, headers=api.headers())).json()["total"] == 0


async def test_tenant_isolation_and_roles(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    pid = (await api.register(client, api.mug()))["product_id"]
    assert (await client.get(f"/api/v1/products/{pid}", headers=api.headers(OTHER))).status_code == 404
    assert (await client.get("/api/v1/products", headers=api.headers(OTHER))).json()["total"] == 0
    patch = await client.patch(f"/api/v1/products/{pid}", json={"price": 1}, headers=api.headers(OTHER))
    assert patch.status_code == 404 and patch.json()["errors"][0]["code"] == "PRODUCT_NOT_FOUND"
    status = await client.post(
        f"/api/v1/products/{pid}/status", json={"status": "unsellable"}, headers=api.headers(OTHER)
    )
    assert status.status_code == 404
    viewer = api.headers(role="viewer")
    body = api.mug(name="컵", stock=1)
    assert (await client.post("/api/v1/products", json=body, headers=viewer)).status_code == 403
    assert (await client.patch(f"/api/v1/products/{pid}", json={"price": 1}, headers=viewer)).status_code == 403
    mine = (await client.get(f"/api/v1/products/{pid}", headers=viewer)).json()
    assert mine["price"] == 5000 and mine["version"] == 1


async def test_opt_8_options_locked_once_a_listing_is_published(service: Any, api: Any) -> None:
    svc, bus, client = service
    body = api.tshirt(name="면 티셔츠")
    product = await api.register(client, body)
    pid = product["product_id"]
    snap = ProductSnapshot.model_validate(product | {"options": [], "stock": 0})

    async def publish(msg: Any, marketplace: str | None = None) -> None:
        env = envelope(msg, tenant_id=TENANT, correlation_id="c", producer="listing", marketplace=marketplace)
        await bus.publish([OutgoingMessage.of(env)])

    # result first, request second: the projection does not depend on the order of the two queues
    await publish(
        listing.ListingPublished(listing_id="l1", account_id="a1", marketplace="naver", market_product_id="9")
    )
    new_options = api.tshirt()["options"]
    new_options["rows"][1]["add_price"] = 2000
    before = await client.patch(f"/api/v1/products/{pid}", json={"options": new_options}, headers=api.headers())
    assert before.status_code == 200, before.text  # no product known for the listing yet: not on sale
    request = listing.ListingPublishRequested(
        listing_id="l1", account_id="a1", marketplace="naver", product=snap, sale_price=10000, attempt_key="l1:1"
    )
    await publish(request, marketplace="naver")

    new_options["rows"][1]["add_price"] = 3000

    async def on_sale() -> bool:  # the consumer has projected the request (the result came first)
        async with svc.runtime.db.read() as conn:
            return await views.has_active_listings(conn, TENANT, pid)

    await api.eventually(on_sale)

    async def locked() -> Any:
        r = await client.patch(f"/api/v1/products/{pid}", json={"options": new_options}, headers=api.headers())
        return r if r.status_code == 409 else None

    r = await api.eventually(locked)
    assert r.json()["errors"][0]["rule"] == "OPT-8"
    # sale flags and stock stay editable while on sale
    new_options["rows"][1]["add_price"] = 2000
    new_options["rows"][1]["stock"] = 0
    ok = await client.patch(f"/api/v1/products/{pid}", json={"options": new_options}, headers=api.headers())
    assert ok.status_code == 200, ok.text
    assert ok.json()["options"]["rows"][1]["stock"] == 0
