"""The complete product master over HTTP on PostgreSQL: every field stored and shown, own product codes
(CAT-CODE-2), delete/restore, stock adjustments, edit history from the event stream, search filters, the
category tree and the form reference."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from marketbridge.catalog.adapters.tables import products
from marketbridge.catalog.handlers.projection import product_from_row
from marketbridge.contracts import catalog
from sqlalchemy import select


async def test_registers_every_field_and_sanitises_the_detail_html(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    body = api.mug(
        seller_product_code="MUG-01",
        model_name="데일리 머그",
        model_no="DM-350",
        manufactured_on="20240101",
        origin={"type": "processed", "raw_materials": [{"name": "도자기", "origin": "국산", "content_percent": 100}]},
        certifications=[{"group": "living", "type": "안전확인", "body": "KTR", "number": "HU07123-17001"}],
        keywords="머그컵 커피잔",
        detail_html='<p onclick="steal()">좋은 컵<script>alert(1)</script><img src="javascript:x()"></p>',
        sales_region="seoul",
        adult_only=False,
        add_ons=[{"name": "받침", "items": [{"name": "코스터", "price": 1000, "stock": 3}]}],
    )
    product = await api.register(client, body)
    got = (await client.get(f"/api/v1/products/{product['product_id']}", headers=api.headers(role="viewer"))).json()
    assert got["seller_product_code"] == "MUG-01" and got["model_no"] == "DM-350"
    assert got["category_path"] == "생활/주방 > 주방용품 > 식기 > 컵/머그"
    assert got["origin"]["raw_materials"][0]["name"] == "도자기" and got["keywords"] == ["머그컵", "커피잔"]
    assert got["detail_html"] == "<p>좋은 컵<img></p>"  # nh3: no script, no handler, no javascript: URL
    assert got["add_ons"][0]["items"][0]["stock"] == 3 and got["sales_region"] == "seoul"
    assert got["notice"]["group"] == "kitchen" and got["total_stock"] == 10


async def test_the_read_model_row_gives_back_the_state_the_events_give(service: Any, api: Any) -> None:
    """The Excel export reads products from the read model instead of folding every stream: both must agree."""
    svc, _bus, client = service
    shirt = await api.register(client, api.tshirt(seller_product_code="T-1", keywords="티셔츠 반팔"))
    mug = await api.register(
        client,
        api.mug(
            manufactured_on="20240101",
            origin={
                "type": "processed",
                "raw_materials": [{"name": "도자기", "origin": "국산", "content_percent": 100}],
            },
            certifications=[{"group": "living", "type": "안전확인", "body": "KTR", "number": "HU07123-17001"}],
            add_ons=[{"name": "받침", "items": [{"name": "코스터", "price": 1000, "stock": 3}]}],
        ),
    )
    assert (await client.delete(f"/api/v1/products/{mug['product_id']}", headers=api.headers())).status_code == 200
    repo = svc.handlers.repo
    async with svc.runtime.db.read() as conn:
        for product_id in (shirt["product_id"], mug["product_id"]):
            from_events, _version = await repo.load(conn, product_id)
            row = (await conn.execute(select(products).where(products.c.product_id == product_id))).mappings().one()
            assert product_from_row(row) == from_events


async def test_cat_code_2_duplicate_check_and_uniqueness_per_seller(service: Any, api: Any) -> None:
    svc, _bus, client = service
    check = "/api/v1/products/seller-code-check"
    assert (await client.get(check, params={"code": "A-1"}, headers=api.headers())).json()["available"] is True
    first = await api.register(client, api.mug(seller_product_code="A-1"))
    assert (await client.get(check, params={"code": "A-1"}, headers=api.headers())).json()["available"] is False
    mine = {"code": "A-1", "product_id": first["product_id"]}
    assert (await client.get(check, params=mine, headers=api.headers())).json()["available"] is True
    before = (await api.counts(svc))[:2]  # events, products (the relay drains the outbox meanwhile)
    r = await client.post("/api/v1/products", json=api.mug(seller_product_code="A-1"), headers=api.headers())
    assert r.status_code == 409 and r.json()["errors"][0]["rule"] == "CAT-CODE-2"
    assert r.json()["errors"][0]["field"] == "seller_product_code"
    assert (await api.counts(svc))[:2] == before  # nothing half-saved
    await api.register(client, api.mug(seller_product_code="A-1"), tenant=api.other)  # per seller


async def test_delete_hides_and_restore_brings_back_publishing_both(service: Any, api: Any) -> None:
    _svc, bus, client = service
    seen = await api.capture(bus, catalog.ProductDeleted.TYPE, catalog.ProductRestored.TYPE)
    pid = (await api.register(client, api.mug()))["product_id"]
    r = await client.delete(f"/api/v1/products/{pid}", params={"reason": "단종"}, headers=api.headers())
    assert r.status_code == 200 and r.json()["deleted"] is True
    assert (await client.get("/api/v1/products", headers=api.headers())).json()["total"] == 0
    assert (await client.get(f"/api/v1/products/{pid}", headers=api.headers())).status_code == 404
    deleted = (await client.get("/api/v1/products/deleted", headers=api.headers())).json()
    assert [p["product_id"] for p in deleted["items"]] == [pid]
    patch = await client.patch(f"/api/v1/products/{pid}", json={"price": 1}, headers=api.headers())
    assert patch.status_code == 409 and patch.json()["errors"][0]["code"] == "PRODUCT_DELETED"
    r = await client.post(f"/api/v1/products/{pid}/restore", headers=api.headers())
    assert r.status_code == 200 and r.json()["deleted"] is False
    assert (await client.get("/api/v1/products", headers=api.headers())).json()["total"] == 1
    envs = await api.arrived(seen, 2)
    assert [e.type for e in envs] == [catalog.ProductDeleted.TYPE, catalog.ProductRestored.TYPE]
    assert envs[0].payload["reason"] == "단종"


async def test_stock_adjustment_is_published_and_shown_in_the_history(service: Any, api: Any) -> None:
    _svc, bus, client = service
    seen = await api.capture(bus, catalog.StockAdjusted.TYPE)
    pid = (await api.register(client, api.tshirt(name="면 티셔츠")))["product_id"]
    body = {"target": "option", "key": "파랑/M", "delta": 9, "reason": "입고"}
    r = await client.post(f"/api/v1/products/{pid}/stock-adjustments", json=body, headers=api.headers(user="kim"))
    assert r.status_code == 200, r.text
    assert r.json()["options"]["rows"][3]["stock"] == 10 and r.json()["total_stock"] == 19
    env = (await api.arrived(seen))[0]
    assert {k: env.payload[k] for k in ("key", "delta", "old_quantity", "new_quantity", "reason", "actor_id")} == {
        "key": "파랑/M", "delta": 9, "old_quantity": 1, "new_quantity": 10, "reason": "입고", "actor_id": "kim",
    }  # fmt: skip
    too_much = {"target": "option", "key": "파랑/M", "delta": -11, "reason": "파손"}
    r = await client.post(f"/api/v1/products/{pid}/stock-adjustments", json=too_much, headers=api.headers())
    assert r.status_code == 400 and r.json()["errors"][0]["rule"] == "STK-2"
    history = (await client.get(f"/api/v1/products/{pid}/history", headers=api.headers(role="viewer"))).json()
    latest = history["items"][0]
    assert (latest["action"], latest["actor_id"], latest["reason"]) == ("stock_adjusted", "kim", "입고")
    assert latest["changes"] == [{"field": "option:파랑/M", "label": "재고수량 (파랑/M)", "old": 1, "new": 10}]


async def test_history_shows_who_changed_which_field_from_what_to_what(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    pid = (await api.register(client, api.mug()))["product_id"]
    patch = {"price": 6000, "keywords": "머그 컵", "model_name": "M1"}
    assert (
        await client.patch(f"/api/v1/products/{pid}", json=patch, headers=api.headers(user="lee"))
    ).status_code == 200
    status = {"status": "unsellable"}
    assert (
        await client.post(f"/api/v1/products/{pid}/status", json=status, headers=api.headers(user="park"))
    ).status_code == 200
    history = (await client.get(f"/api/v1/products/{pid}/history", headers=api.headers(role="viewer"))).json()
    assert history["total"] == 3
    status_entry, revised, registered = history["items"]
    assert (registered["action_label"], registered["actor_id"]) == ("상품등록", "u1")
    assert revised["actor_id"] == "lee" and revised["occurred_at"]
    assert [(c["label"], c["old"], c["new"]) for c in revised["changes"]] == [
        ("대표가격", 5000, 6000),
        ("모델명", None, "M1"),
        ("상품 키워드", [], ["머그", "컵"]),
    ]
    assert status_entry["changes"] == [{"field": "status", "label": "상품상태", "old": "판매가능", "new": "판매불가"}]
    other = await client.get(f"/api/v1/products/{pid}/history", headers=api.headers(api.other))
    assert other.status_code == 404


async def test_search_by_codes_category_stock_state_dates_with_sorting(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    h = api.headers(role="viewer")
    await api.register(client, api.mug(name="머그 A", price=3000, seller_product_code="S-A", model_name="ALPHA"))
    b = await api.register(client, api.mug(name="머그 B", price=9000))
    await api.register(client, api.tshirt(name="면 티셔츠"))
    await client.post(
        f"/api/v1/products/{b['product_id']}/stock-adjustments",
        json={"target": "product", "delta": -10, "reason": "품절"},
        headers=api.headers(),
    )

    async def names(**params: Any) -> list[str]:
        r = await client.get("/api/v1/products", params=params, headers=h)
        assert r.status_code == 200, r.text
        return [p["name"] for p in r.json()["items"]]

    assert await names(seller_product_code="S-A") == ["머그 A"]
    assert await names(model="alp") == ["머그 A"]
    assert await names(category_id="08", sort="price", order="asc") == ["머그 A", "머그 B"]  # 생활/주방 and below
    assert await names(category_id="0101") == ["면 티셔츠"]
    assert await names(stock_state="sold_out") == ["머그 B"]
    assert sorted(await names(stock_state="in_stock")) == ["머그 A", "면 티셔츠"]
    today = date.today()
    assert len(await names(date_from=str(today - timedelta(days=1)), date_to=str(today + timedelta(days=1)))) == 3
    assert await names(date_to=str(today - timedelta(days=2))) == []
    assert await names(sort="name", order="asc", limit=1, offset=1) == ["머그 B"]


async def test_category_tree_browse_search_and_detail(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    h = api.headers(role="viewer")
    top = (await client.get("/api/v1/categories", headers=h)).json()["items"]
    assert len(top) >= 10 and {"패션의류", "식품", "디지털/가전"} <= {c["name"] for c in top}
    sports = next(c for c in top if c["name"] == "스포츠/레저/취미")
    level2 = (await client.get("/api/v1/categories", params={"parent_id": sports["id"]}, headers=h)).json()["items"]
    assert level2[0]["level"] == 2 and level2[0]["path"].startswith("스포츠/레저/취미 > ")
    found = (await client.get("/api/v1/categories/search", params={"q": "자전거 헬멧"}, headers=h)).json()["items"]
    assert [c["path"] for c in found] == ["스포츠/레저/취미 > 스포츠용품 > 자전거용품 > 자전거헬멧"]
    leaf = (await client.get(f"/api/v1/categories/{found[0]['id']}", headers=h)).json()
    assert leaf["leaf"] is True and leaf["level"] == 4 and leaf["children"] == []
    assert (await client.get("/api/v1/categories/nope", headers=h)).status_code == 404


async def test_form_reference_lists_choices_notice_groups_and_guidance(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    h = api.headers(role="viewer")
    ref = (await client.get("/api/v1/products/reference", headers=h)).json()
    assert ref["sales_region"]["nationwide"] == "전국" and ref["origin_type"]["not_subject"] == "원산지표시대상아님"
    assert {"CAT-CERT-7", "CAT-MFR-2", "OPT-9", "STK-3", "CAT-NOTICE-4", "CAT-SAVE-3"} <= set(ref["guidance"])
    group = (await client.get("/api/v1/products/notice-groups/sports", headers=h)).json()
    assert group["name"] == "스포츠용품" and group["fields"][-1]["label"] == "예상배송일"


async def test_opt_5_option_rows_preview_applies_the_bulk_setting(service: Any, api: Any) -> None:
    _svc, _bus, client = service
    body = {
        "names": [
            {"name": "모델명", "values": "a,b,c"},
            {"name": "색상", "values": "핑크,블루"},
            {"name": "배송", "values": "미조립,조립"},
        ],
        "bulk": {"add_price": 1000, "sale_flag": "unsellable"},
        "row_stock": 2,
    }
    rows = (await client.post("/api/v1/products/option-rows", json=body, headers=api.headers())).json()["rows"]
    assert len(rows) == 12 and rows[1]["values"] == ["a", "핑크", "조립"]  # OPT-2: 3×2×2
    assert {(r["add_price"], r["sale_flag"], r["stock"]) for r in rows} == {(1000, "unsellable", 2)}


async def test_large_totals_are_capped_and_flagged(service: Any, api: Any, monkeypatch: Any) -> None:
    from marketbridge.catalog.views import products as product_views

    _svc, _bus, client = service
    monkeypatch.setattr(product_views, "COUNT_CAP", 2)
    for i in range(3):
        await api.register(client, api.mug(name=f"머그 {i}"))
    page = (await client.get("/api/v1/products", params={"limit": 1}, headers=api.headers())).json()
    assert (page["total"], page["total_capped"], len(page["items"])) == (2, True, 1)
    one = (await client.get("/api/v1/products", params={"name": "머그 1"}, headers=api.headers())).json()
    assert (one["total"], one["total_capped"]) == (1, False)
    exact = (
        await client.get("/api/v1/products", params={"limit": 1, "exact_total": "true"}, headers=api.headers())
    ).json()
    assert (exact["total"], exact["total_capped"], len(exact["items"])) == (3, False, 1)  # asked for: counted to the end
