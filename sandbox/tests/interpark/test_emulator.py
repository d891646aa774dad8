"""The 인터파크 emulator: EUC-KR bytes, supplier checks, 1-day windows, actions, and the dataUrl pull."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from marketbridge.sandbox.testing import FakeClock, serve_in_loop
from starlette.responses import Response

Place = Callable[..., Awaitable[list[str]]]
Orders = Callable[..., Awaitable[httpx.Response]]
DAY = {"sc.strDate": "20260921000000", "sc.endDate": "20260921235959"}


def parse(response: httpx.Response) -> ET.Element:
    assert response.content.startswith(b'<?xml version="1.0" encoding="euc-kr"?>')
    return ET.fromstring(response.content.decode("euc-kr").split("?>", 1)[1])


def code(response: httpx.Response) -> str:
    root = parse(response)
    node = root if root.tag == "RESULT" else root.find("RESULT")
    assert node is not None
    return node.findtext("CODE") or ""


async def test_new_orders_are_euc_kr_and_listing_them_confirms_them(orders_api: Orders, place: Place) -> None:
    ids = await place(2, items_per_order=2)
    response = await orders_api("orderListForSingle", **DAY)
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    root = parse(response)
    assert root.tag == "ORDER_LIST" and code(response) == "000"
    found = [
        f"{o.findtext('ORD_NO')}-{p.findtext('ORD_SEQ')}" for o in root.iter("ORDER") for p in o.iterfind("PRODUCT/PRD")
    ]
    assert sorted(found) == sorted(ids) and len(list(root.iter("ORDER"))) == 2
    first = root.find("ORDER")
    assert first is not None and first.findtext("PRODUCT/PRD/PRD_NM") == "유기농 현미 4kg"
    assert len(first.findtext("PAY_DTS") or "") == 14
    assert list(parse(await orders_api("orderListForSingle", **DAY)).iter("ORDER")) == []
    assert len(list(parse(await orders_api("orderListDelvForSingle", **DAY)).iter("ORDER"))) == 2


async def test_supplier_ids_and_windows_are_checked(
    client: httpx.AsyncClient, orders_api: Orders, supplier: dict[str, Any]
) -> None:
    assert code(await orders_api("orderListForSingle", **{**DAY, "sc.supplyEntrNo": "0"})) == "100"
    assert code(await orders_api("orderListForSingle", **{**DAY, "sc.endDate": "20260922000000"})) == "201"
    assert code(await orders_api("orderListForSingle", **{**DAY, "sc.endDate": "2026-09-21"})) == "202"
    assert code(await orders_api("noSuchMethod")) == "990"
    await client.post(f"/interpark/admin/suppliers/{supplier['entr_id']}/revoke")
    assert code(await orders_api("orderListForSingle", **DAY)) == "100"


async def test_dispatch_once_then_refused(orders_api: Orders, client: httpx.AsyncClient, place: Place) -> None:
    first, second = await place(2)
    o1, s1 = first.split("-")
    ship = {
        "sc.ordclmNo": o1,
        "sc.ordSeq": s1,
        "sc.delvDt": "20260922",
        "sc.delvEntrNo": "169177",
        "sc.invoNo": "612345678901",
    }
    assert code(await orders_api("delvCompForComm", **{**ship, "sc.delvEntrNo": "1"})) == "304"
    assert code(await orders_api("delvCompForComm", **ship)) == "000"
    again = await orders_api("delvCompForComm", **ship)
    assert code(again) == "301" and "이미 발송" in (parse(again).findtext("MESSAGE") or "")
    await client.post("/interpark/admin/claims", json={"line_id": second, "type": "cancel"})
    o2, s2 = second.split("-")
    assert code(await orders_api("delvCompForComm", **{**ship, "sc.ordclmNo": o2, "sc.ordSeq": s2})) == "303"
    ledger = (await client.get("/interpark/admin/dispatches")).json()
    assert ledger["count"] == 1 and ledger["refused_attempts"] == 3 and ledger["duplicates"] == []
    shipped = parse(await orders_api("delvCompListForSingle", **DAY))
    assert shipped.findtext("ORDER/PRODUCT/PRD/INVO_NO") == "612345678901"


async def test_cancel_requests_are_listed_and_accepted(
    orders_api: Orders, client: httpx.AsyncClient, place: Place
) -> None:
    [line] = await place()
    claim = (await client.post("/interpark/admin/claims", json={"line_id": line, "type": "cancel"})).json()
    rows = parse(await orders_api("cnclNClmReqListForSingle", **DAY))
    assert rows.findtext("ORDER/CLMREQ_SEQ") == claim["clmreq_seq"] and rows.findtext("ORDER/CLMREQ_TP") == "1"
    ord_no, seq = line.split("-")
    accept = {"sc.ordclmNo": ord_no, "sc.ordSeq": seq, "sc.clmReqSeq": claim["clmreq_seq"]}
    assert code(await orders_api("cnclReqAcceptForComm", **accept)) == "000"
    assert code(await orders_api("cnclReqAcceptForComm", **accept)) == "306"


def feed_app(document: bytes) -> FastAPI:
    app = FastAPI()

    @app.get("/feed.xml")
    async def feed() -> Response:
        return Response(document, media_type="text/xml;charset=euc-kr")

    return app


async def test_products_are_pulled_from_the_sellers_data_url(
    client: httpx.AsyncClient, supplier: dict[str, Any]
) -> None:
    document = (
        '<?xml version="1.0" encoding="euc-kr"?><result><item><prdNm>제주 감귤 5kg</prdNm>'
        "<omDispNo>002001</omDispNo><saleUnitcost>21000</saleUnitcost><saleLmtQty>30</saleLmtQty>"
        "<optList><opt><optNm>크기</optNm><optVal>중과</optVal><optQty>10</optQty></opt></optList>"
        "</item></result>"
    ).encode("euc-kr")
    keys = {"citeKey": supplier["cite_key"], "secretKey": supplier["secret_key"]}
    async with serve_in_loop(feed_app(document)) as url:
        response = await client.post(
            "/interpark/external/openapi/product/ProductAPIService.do",
            data={"_method": "InsertProductAPIData", **keys, "dataUrl": f"{url}/feed.xml"},
        )
        missing = await client.post(
            "/interpark/external/openapi/product/ProductAPIService.do",
            data={"_method": "InsertProductAPIData", **keys, "dataUrl": f"{url}/none.xml"},
        )
    assert code(response) == "000" and parse(response).findtext("PRD_NO")
    assert code(missing) == "400"
    stored = (await client.get("/interpark/admin/products")).json()
    assert stored["products"][0]["name"] == "제주 감귤 5kg" and stored["products"][0]["options"][0]["value"] == "중과"
    assert len(stored["fetched_urls"]) == 2
    wrong = await client.post(
        "/interpark/external/openapi/product/ProductAPIService.do",
        data={"_method": "GetBasicCategoryForAPI", "citeKey": "x", "secretKey": "y"},
    )
    assert code(wrong) == "110"


async def test_faults_rate_limit_and_bulk_orders(
    orders_api: Orders, client: httpx.AsyncClient, place: Place, clock: FakeClock, supplier: dict[str, Any]
) -> None:
    await client.post(
        "/interpark/admin/faults", json={"path_pattern": "orderListForSingle", "kind": "http_500", "count": 1}
    )
    assert (await orders_api("orderListForSingle", **DAY)).status_code == 500
    await client.post("/interpark/admin/faults", json={"path_pattern": "orderList", "kind": "malformed", "count": 1})
    with pytest.raises(ET.ParseError):
        parse(await orders_api("orderListForSingle", **DAY))
    clock.advance(5)
    await client.put("/interpark/admin/rate-limit", json={"rate": 0.01, "burst": 2})
    statuses = [(await orders_api("orderListDelvForSingle", **DAY)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    await client.put("/interpark/admin/rate-limit", json={"enabled": False})
    started = time.perf_counter()
    assert len(await place(10_000, return_ids=True)) == 10_000
    listed = parse(await orders_api("orderListForSingle", **DAY))
    assert len(list(listed.iter("ORDER"))) == 10_000 and time.perf_counter() - started < 10
    calls = (await client.get("/interpark/admin/calls", params={"entr_id": supplier["entr_id"]})).json()
    assert calls["peak_per_second"] >= 3 and calls["total"] == 6
