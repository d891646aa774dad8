"""The Hmall emulator: header auth, dataset XML, order list window, progress (P1/P2/P3) with the
second-dispatch refusal, products needing the notice, faults, call log, admin API."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from typing import Any

import httpx

from .conftest import Call

ORDERS = "/front/sc/scb/scbd/selectOshpDtlList.do"
PROGRESS = "/front/sc/scb/scbd/updateOshpPrgrByVen.do"


def parse(response: httpx.Response) -> tuple[str, list[dict[str, str]]]:
    root = ET.fromstring(response.content)
    code = next(p.text or "" for p in root.iter("Parameter") if p.get("id") == "ErrorCode")
    rows = [{c.tag: c.text or "" for c in row} for row in root.iter("row")]
    return code, rows


async def orders(client: httpx.AsyncClient, product: dict[str, Any], count: int = 1) -> list[str]:
    response = await client.post("/hmall/admin/orders", json={"product_id": product["product_id"], "count": count})
    ids: list[str] = response.json()["order_line_ids"]
    return ids


def key(line_id: str) -> dict[str, object]:
    o, s, d, ds = line_id.split(":")
    return {"OrdNo": o, "OrdPtcSeq": s, "DlvstNo": d, "DlvstPtcSeq": ds}


async def test_wrong_key_is_refused_with_401(api: Call) -> None:
    response = await api(
        ORDERS, key="0" * 32, dsInput=[{"venCd": "123456", "fromDate": "20261118", "toDate": "20261118"}]
    )
    assert response.status_code == 401
    assert parse(response)[0] == "-100"


async def test_order_list_shows_new_rows_masked(api: Call, client: httpx.AsyncClient, product: dict[str, Any]) -> None:
    ids = await orders(client, product, 3)
    response = await api(ORDERS, dsInput=[{"venCd": "123456", "fromDate": "20261118", "toDate": "20261118"}])
    assert response.headers["content-type"].startswith("text/xml")
    code, rows = parse(response)
    assert code == "0" and len(rows) == 3
    assert {r["lastDlvstPrgrGbcd"] for r in rows} == {"25"}
    assert rows[0]["rcvrHp"].endswith("****")
    assert f"{rows[0]['ordNo']}:{rows[0]['ordPtcSeq']}:{rows[0]['dlvstNo']}:{rows[0]['dlvstPtcSeq']}" in ids


async def test_window_over_seven_days_and_foreign_vencd_are_refused(api: Call) -> None:
    code, _ = parse(await api(ORDERS, dsInput=[{"venCd": "123456", "fromDate": "20261101", "toDate": "20261118"}]))
    assert code == "-310"
    code, _ = parse(await api(ORDERS, dsInput=[{"venCd": "999999", "fromDate": "20261118", "toDate": "20261118"}]))
    assert code == "-200"


async def test_confirm_ship_and_second_dispatch_refused(
    api: Call, client: httpx.AsyncClient, product: dict[str, Any]
) -> None:
    line = (await orders(client, product))[0]
    code, rows = parse(await api(PROGRESS, dsInput=[{**key(line), "ProcGb": "P1"}]))
    assert code == "0" and rows[0]["resultCd"] == "0000"
    ship = {**key(line), "ProcGb": "P2", "DsrvDlvcoCd": "12", "InvcNo": "612345678901"}
    assert parse(await api(PROGRESS, dsInput=[ship]))[1][0]["resultCd"] == "0000"
    again = parse(await api(PROGRESS, dsInput=[{**ship, "InvcNo": "612345678902"}]))[1][0]
    assert again["resultCd"] == "E205"
    ledger = (await client.get("/hmall/admin/dispatches")).json()
    assert ledger["count"] == 1 and ledger["refused_attempts"] == 1 and ledger["duplicates"] == []
    _, listed = parse(
        await api(ORDERS, dsInput=[{"venCd": "123456", "fromDate": "20261118", "toDate": "20261118", "prgrGb": "P2"}])
    )
    assert listed[0]["invcNo"] == "612345678901" and listed[0]["lastDlvstPrgrGbcd"] == "45"


async def test_unknown_courier_and_cancelled_line(
    api: Call, client: httpx.AsyncClient, product: dict[str, Any]
) -> None:
    first, second = await orders(client, product, 2)
    bad = parse(await api(PROGRESS, dsInput=[{**key(first), "ProcGb": "P2", "DsrvDlvcoCd": "99", "InvcNo": "1"}]))
    assert bad[1][0]["resultCd"] == "E301"
    await client.post("/hmall/admin/claims", json={"order_line_id": second, "kind": "cancel"})
    cancelled = parse(
        await api(PROGRESS, dsInput=[{**key(second), "ProcGb": "P2", "DsrvDlvcoCd": "12", "InvcNo": "612345678901"}])
    )
    assert cancelled[1][0]["resultCd"] == "E206"


async def test_product_needs_the_notice_cat_notice_4(api: Call, client: httpx.AsyncClient) -> None:
    item = {"venItemCd": "POT-1", "slitmNm": "냄비", "sellPrc": 30000, "stockQty": 5, "sectId": "1001"}
    assert parse(await api("/front/pd/pdb/multiItem.do", dsItem=[item]))[0] == "-410"
    code, rows = parse(
        await api(
            "/front/pd/pdb/multiItem.do",
            dsItem=[item],
            dsInfNotf=[{"infNotfItemNm": "품목", "infNotfCntn": "주방용품"}],
        )
    )
    assert code == "0" and rows[0]["slitmCd"]
    code, _ = parse(
        await api(
            "/front/pd/pdb/multiItem.do",
            dsItem=[item],
            dsUitm=[{"uitmNm": "대", "addPrc": 1000}],
            dsInfNotf=[{"infNotfItemNm": "품목", "infNotfCntn": "주방용품"}],
        )
    )
    assert code == "-420"


async def test_faults_call_log_and_peak_per_seller(api: Call, client: httpx.AsyncClient) -> None:
    await client.post("/hmall/admin/faults", json={"path_pattern": "selectOshp", "kind": "http_503", "count": 1})
    params = {"venCd": "123456", "fromDate": "20261118", "toDate": "20261118"}
    assert (await api(ORDERS, dsInput=[params])).status_code == 503
    assert (await api(ORDERS, dsInput=[params])).status_code == 200
    await client.post("/hmall/admin/faults", json={"path_pattern": "selectOshp", "kind": "malformed", "count": 1})
    malformed = await api(ORDERS, dsInput=[params])
    assert malformed.status_code == 200 and not malformed.text.endswith("</Root>")
    calls = (await client.get("/hmall/admin/calls", params={"seller_id": "123456"})).json()
    assert calls["seller_peak_per_second"] >= 2 and calls["total"] == 3


async def test_rate_limit_answers_429(api: Call, client: httpx.AsyncClient) -> None:
    await client.put("/hmall/admin/rate-limit", json={"rate": 0.01, "burst": 1, "enabled": True})
    params = {"venCd": "123456", "fromDate": "20261118", "toDate": "20261118"}
    assert (await api(ORDERS, dsInput=[params])).status_code == 200
    limited = await api(ORDERS, dsInput=[params])
    assert limited.status_code == 429 and parse(limited)[0] == "-429"


async def test_revoked_credentials_fail(api: Call, client: httpx.AsyncClient) -> None:
    await client.post("/hmall/admin/sellers/123456/revoke")
    params = {"venCd": "123456", "fromDate": "20261118", "toDate": "20261118"}
    assert (await api(ORDERS, dsInput=[params])).status_code == 401


async def test_ten_thousand_orders_quickly(client: httpx.AsyncClient, product: dict[str, Any]) -> None:
    started = time.perf_counter()
    response = await client.post(
        "/hmall/admin/orders", json={"product_id": product["product_id"], "count": 10_000, "return_ids": False}
    )
    assert response.json()["line_count"] == 10_000
    assert time.perf_counter() - started < 5
