"""The 11번가 emulator: EUC-KR bytes, openapikey checks, windows, order actions and refusals."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from marketbridge.sandbox.st11.xmlfmt import NS
from marketbridge.sandbox.testing import FakeClock

Place = Callable[..., Awaitable[list[str]]]


WINDOW = "/ordservices/complete/202609210000/202609220000"


def parse(response: httpx.Response) -> ET.Element:
    raw = response.content
    assert raw.startswith(b'<?xml version="1.0" encoding="euc-kr"')
    return ET.fromstring(raw.decode("euc-kr").split("?>", 1)[1])


def result(response: httpx.Response) -> tuple[str, str]:
    root = parse(response)
    assert root.tag == "ResultOrder"
    return root.findtext("result_code") or "", root.findtext("result_text") or ""


async def test_lists_are_euc_kr_bytes_with_the_ns2_envelope(
    api: httpx.AsyncClient, client: httpx.AsyncClient, product: dict[str, Any], place: Place
) -> None:
    ids = await place(2)
    response = await api.get(WINDOW)
    assert response.status_code == 200 and response.headers["content-type"] == "text/xml;charset=EUC-KR"
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    root = parse(response)
    assert root.tag == f"{{{NS}}}orders"
    rows = root.findall(f"{{{NS}}}order")
    assert sorted(f"{r.findtext('ordNo')}-{r.findtext('ordPrdSeq')}" for r in rows) == sorted(ids)
    assert rows[0].findtext("prdNm") == "국산 면 양말 5켤레" and rows[0].findtext("ordPrdStat") == "202"
    assert len(rows[0].findtext("ordNo") or "") == 17 and rows[0].findtext("plcodrCnfDt") == "null"


async def test_empty_list_and_window_limits_answer_result_codes(api: httpx.AsyncClient) -> None:
    empty = parse(await api.get(WINDOW))
    assert empty.findtext(f"{{{NS}}}result_code") == "0"
    too_long = parse(await api.get("/ordservices/complete/202609010000/202609090000"))
    assert too_long.findtext(f"{{{NS}}}result_code") == "-997"
    assert "7일" in (too_long.findtext(f"{{{NS}}}result_text") or "")
    bad = parse(await api.get("/ordservices/complete/20260901/202609090000"))
    assert bad.findtext(f"{{{NS}}}result_code") == "-998"


async def test_keys_are_checked_and_revocation_takes_effect(
    client: httpx.AsyncClient, api: httpx.AsyncClient, seller: dict[str, Any]
) -> None:
    assert (await client.get(f"/st11/external{WINDOW}")).status_code == 401
    wrong = await client.get(f"/st11/external{WINDOW}", headers={"openapikey": "0" * 32})
    assert wrong.status_code == 401 and parse(wrong).findtext("resultCode") == "401"
    assert (await api.get(WINDOW)).status_code == 200
    await client.post(f"/st11/admin/sellers/{seller['seller_id']}/revoke")
    assert (await api.get(WINDOW)).status_code == 401


async def test_registered_ips_are_enforced(client: httpx.AsyncClient) -> None:
    body = (await client.post("/st11/admin/sellers", json={"allowed_ips": ["10.9.9.9"]})).json()
    refused = await client.get(f"/st11/external{WINDOW}", headers={"openapikey": body["api_key"]})
    assert refused.status_code == 403 and "IP" in (parse(refused).findtext("message") or "")


async def test_confirm_then_ship_the_bundle_once(
    api: httpx.AsyncClient, client: httpx.AsyncClient, product: dict[str, Any], place: Place
) -> None:
    ids = await place(items_per_order=2)
    line = (await client.get(f"/st11/admin/lines/{ids[0]}")).json()
    ord_no, dlv_no = line["ordNo"], line["dlvNo"]
    ship = f"/ordservices/reqdelivery/202609221000/01/00034/123456789012/{dlv_no}"
    assert result(await api.get(ship))[0] == "-3305"  # 발송 needs 발주확인 first
    for seq in (1, 2):
        assert result(await api.get(f"/ordservices/reqpackaging/{ord_no}/{seq}/N/null/{dlv_no}"))[0] == "0"
    assert result(await api.get(f"/ordservices/reqpackaging/{ord_no}/1/N/null/{dlv_no}"))[0] == "-3301"
    assert result(await api.get(ship)) == ("0", "정상적으로 처리되었습니다.")
    code, text = result(await api.get(ship))
    assert code == "-3309" and "이미" in text
    ledger = (await client.get("/st11/admin/dispatches")).json()
    assert ledger["count"] == 2 and ledger["duplicates"] == [] and ledger["refused_attempts"] == 2


async def test_partial_dispatch_ships_named_lines_and_refuses_a_repeat(
    api: httpx.AsyncClient, client: httpx.AsyncClient, product: dict[str, Any], place: Place
) -> None:
    ids = await place(items_per_order=2)
    line = (await client.get(f"/st11/admin/lines/{ids[0]}")).json()
    ord_no, dlv_no = line["ordNo"], line["dlvNo"]
    for seq in (1, 2):
        await api.get(f"/ordservices/reqpackaging/{ord_no}/{seq}/N/null/{dlv_no}")
    part = f"/ordservices/reqdelivery/202609221000/01/00011/223456789012/{dlv_no}/Y/{ord_no}/1"
    assert result(await api.get(part))[0] == "0"
    assert result(await api.get(part))[0] == "-3308"
    assert (await client.get(f"/st11/admin/lines/{ids[1]}")).json()["ordPrdStat"] == "301"
    bad_courier = f"/ordservices/reqdelivery/202609221000/01/99999/323456789012/{dlv_no}/Y/{ord_no}/2"
    assert result(await api.get(bad_courier))[0] == "-3306"


async def test_seller_cancel_and_buyer_cancel_approval(
    api: httpx.AsyncClient, client: httpx.AsyncClient, product: dict[str, Any], place: Place
) -> None:
    first, second = await place(2)
    ord_no, seq = first.split("-")
    assert result(await api.get(f"/claimservice/reqrejectorder/{ord_no}/{seq}/08/%ED%92%88%EC%A0%88"))[0] == "0"
    assert result(await api.get(f"/claimservice/reqrejectorder/{ord_no}/{seq}/08/x"))[0] == "-3311"
    claim = (await client.post("/st11/admin/claims", json={"line_id": second, "type": "cancel"})).json()
    rows = parse(await api.get("/claimservice/cancelorders/202609210000/202609220000")).findall(f"{{{NS}}}order")
    assert [r.findtext("ordPrdCnSeq") for r in rows] == [claim["claim_seq"]]
    o2, s2 = second.split("-")
    assert result(await api.get(f"/claimservice/cancelreqconf/{claim['claim_seq']}/{o2}/{s2}"))[0] == "0"
    done = parse(await api.get("/claimservice/canceledorders/202609210000/202609220000")).findall(f"{{{NS}}}order")
    assert sorted(r.findtext("ordCnStatCd") or "" for r in done) == ["02", "02"]


def product_xml(options: int) -> bytes:
    rows = "".join(
        f"<ProductOption><colValue0>색상{i}</colValue0><colCount>1</colCount></ProductOption>" for i in range(options)
    )
    text = (
        '<?xml version="1.0" encoding="euc-kr"?><Product><prdNm>한글 상품명 테스트</prdNm>'
        f"<dispCtgrNo>10010101</dispCtgrNo><selPrc>12000</selPrc><colTitle>색상</colTitle>{rows}</Product>"
    )
    return text.encode("euc-kr")


async def test_products_take_euc_kr_xml_and_refuse_100_options(
    api: httpx.AsyncClient, client: httpx.AsyncClient
) -> None:
    ok = parse(await api.post("/prodservices/product", content=product_xml(99)))
    assert ok.tag == "ClientMessage" and ok.findtext("resultCode") == "200" and ok.findtext("productNo")
    stored = (await client.get("/st11/admin/products")).json()[0]
    assert stored["name"] == "한글 상품명 테스트" and len(stored["stocks"]) == 99
    refused = parse(await api.post("/prodservices/product", content=product_xml(100)))
    assert refused.findtext("resultCode") == "500" and "100개 이상" in (refused.findtext("message") or "")
    stop = parse(await api.put(f"/prodstatservice/stat/stopdisplay/{ok.findtext('productNo')}"))
    assert "[STAT : 105]" in (stop.findtext("message") or "")


async def test_faults_and_rate_limit(api: httpx.AsyncClient, client: httpx.AsyncClient) -> None:
    await client.post("/st11/admin/faults", json={"path_pattern": "complete", "kind": "http_503", "count": 1})
    assert (await api.get(WINDOW)).status_code == 503
    await client.post("/st11/admin/faults", json={"path_pattern": "complete", "kind": "malformed", "count": 1})
    with pytest.raises(ET.ParseError):
        parse(await api.get(WINDOW))
    await client.put("/st11/admin/rate-limit", json={"rate": 0.01, "burst": 2})
    statuses = [(await api.get(WINDOW)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


async def test_ten_thousand_orders_are_placed_and_listed_quickly(
    api: httpx.AsyncClient, client: httpx.AsyncClient, product: dict[str, Any]
) -> None:
    started = time.perf_counter()
    response = await client.post(
        "/st11/admin/orders", json={"prd_no": product["prdNo"], "count": 10_000, "return_ids": False}
    )
    assert response.json()["line_count"] == 10_000
    listed = parse(await api.get(WINDOW)).findall(f"{{{NS}}}order")
    assert len(listed) == 10_000 and time.perf_counter() - started < 10


async def test_call_log_keeps_a_peak_rate_per_seller(
    api: httpx.AsyncClient, client: httpx.AsyncClient, seller: dict[str, Any], clock: FakeClock
) -> None:
    for _ in range(3):
        await api.get(WINDOW)
    clock.advance(1)
    await api.get(WINDOW)
    calls = (await client.get("/st11/admin/calls", params={"seller_id": seller["seller_id"]})).json()
    assert calls["total"] == 4 and calls["peak_per_second"] == 3


async def test_qna_get_with_a_content_type_is_refused(api: httpx.AsyncClient) -> None:
    path = "/prodqnaservices/prodqnalist/20260915/20260921/00"
    assert (await api.get(path)).status_code == 200
    assert (await api.get(path, headers={"Content-Type": "text/xml"})).status_code == 415
