"""The 롯데ON emulator: key + fixed headers, day windows, 연동완료 / 배송상태 통보 (second dispatch refused),
claims and their (modelled) decisions, products (one price per product), Q&A, inquiries, faults, driver."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from marketbridge.sandbox.lotteon.driver import Driver

Call = Callable[..., Awaitable[httpx.Response]]
Orders = Callable[..., Awaitable[list[str]]]
ADMIN = "/lotteon/admin"
SEARCH = "/delivery/v1/SellerDeliveryOrdersSearch"
INFORM = "/delivery/v1/SellerDeliveryProgressStateInform"
DAY = {"srchStrtDt": "20240511000000", "srchEndDt": "20240511235959"}


def key(line: str, proc_seq: int = 1) -> dict[str, Any]:
    od_no, _, od_seq = line.partition("-")
    return {"odNo": od_no, "odSeq": int(od_seq), "procSeq": proc_seq}


def ship(line: str, invoice: str = "123456789012", company: str = "0002") -> dict[str, Any]:
    return {
        "deliveryProgressStateList": [
            {
                **key(line),
                "odPrgsStepCd": "13",
                "dvTrcStatDttm": "20240511140000",
                "dvCoCd": company,
                "invcNo": invoice,
                "invcNbr": 1,
            }
        ]
    }


async def test_key_and_fixed_headers_are_required(api: Call, seller: dict[str, Any]) -> None:
    assert (await api(SEARCH, DAY)).json()["returnCode"] == "0000"
    no_headers = await api(SEARCH, DAY, headers={"Authorization": f"Bearer {seller['api_key']}"})
    assert no_headers.status_code == 400 and no_headers.json()["returnCode"] == "4000"
    wrong_key = await api(
        SEARCH, DAY, headers={"Authorization": "Bearer nope", "Accept-Language": "ko", "X-Timezone": "GMT+09:00"}
    )
    assert wrong_key.status_code == 401 and wrong_key.json()["returnCode"] == "4010"


async def test_orders_are_listed_and_windows_are_days(api: Call, orders: Orders) -> None:
    lines = await orders(count=3)
    rows = (await api(SEARCH, {**DAY, "odTypCd": "10"})).json()["data"]["deliveryOrderList"]
    assert [f"{r['odNo']}-{r['odSeq']}" for r in rows] == lines
    assert rows[0]["odPrgsStepCd"] == "11" and len(rows[0]["odNo"]) == 16 and len(rows[0]["owhoDttm"]) == 14
    too_long = (await api(SEARCH, {"srchStrtDt": "20240509000000", "srchEndDt": "20240511000000"})).json()
    assert too_long["returnCode"] == "1002"


async def test_ack_dispatch_and_second_dispatch_is_refused(
    api: Call, client: httpx.AsyncClient, orders: Orders
) -> None:
    line = (await orders())[0]
    ack = (
        await api(
            "/delivery/v1/SellerIfCompleteInform",
            {"ifCompleteList": [{**key(line), "dvRtrvDvsCd": "DV", "ifCplYN": "Y"}]},
        )
    ).json()
    assert ack["data"]["rsltCd"] == "0000"
    first = (await api(INFORM, ship(line))).json()["data"]
    assert first["rsltCd"] == "0000"
    again = (await api(INFORM, ship(line, invoice="999988887777"))).json()["data"]
    assert again["rsltList"][0]["rsltCd"] == "2003"
    ledger = (await client.get(f"{ADMIN}/dispatches")).json()
    assert ledger["count"] == 1 and ledger["refused_attempts"] == 1
    state = (await api("/delivery/v1/SellerDeliveryProgressStateSearch", {"odNo": key(line)["odNo"]})).json()
    assert state["data"]["deliveryProgressStateList"][0]["odPrgsStepCd"] == "13"


async def test_partial_success_in_one_inform(api: Call, orders: Orders) -> None:
    lines = await orders(count=2)
    body = {
        "deliveryProgressStateList": [
            ship(lines[0])["deliveryProgressStateList"][0],
            ship(lines[1], company="9999")["deliveryProgressStateList"][0],
        ]
    }
    data = (await api(INFORM, body)).json()["data"]
    assert data["rsltCd"] == "9000" and [r["rsltCd"] for r in data["rsltList"]] == ["0000", "2005"]


async def test_claims_lists_and_decisions(api: Call, client: httpx.AsyncClient, orders: Orders) -> None:
    lines = await orders(count=2)
    cancel = (await client.post(f"{ADMIN}/claims", json={"line_id": lines[0], "kind": "cancel"})).json()
    week = {"srchStrtDttm": "20240505000000", "srchEndDttm": "20240511235959"}
    listed = (await api("/claim/v1/cancellationOpenApi/getCancellationRequestAndComplateList", week)).json()["data"]
    assert listed[0]["clmNo"] == cancel["clm_no"] and listed[0]["itemList"][0]["odPrgsStepCd"] == "02"
    refused = (await api(INFORM, ship(lines[0]))).json()["data"]
    assert refused["rsltList"][0]["rsltCd"] == "2006"
    approved = (
        await api(
            "/claim/v1/cancellationOpenApi/cancellationApproval",
            {"clmNo": cancel["clm_no"], "odNo": key(lines[0])["odNo"]},
        )
    ).json()["data"]
    assert approved["rsltCd"] == "0000"
    await api(INFORM, ship(lines[1]))
    ret = (await client.post(f"{ADMIN}/claims", json={"line_id": lines[1], "kind": "return"})).json()
    assert ret["procSeq"] == 2
    pickups = (await api(SEARCH, {**DAY, "odTypCd": "40"})).json()["data"]["deliveryOrderList"]
    assert pickups[0]["dvRtrvDvsCd"] == "RTRV" and pickups[0]["odPrgsStepCd"] == "23"
    confirm = {"deliveryProgressStateList": [{**key(lines[1], 2), "odPrgsStepCd": "26", "dvTrcStatDttm": "20240511"}]}
    assert (await api(INFORM, confirm)).json()["data"]["rsltCd"] == "0000"
    done = (await api("/claim/v1/returningOpenApi/returnRequestSearch", week)).json()["data"]
    assert done[0]["itemList"][0]["odPrgsStepCd"] == "27"


async def test_products_keep_one_price_for_every_item(api: Call, seller: dict[str, Any]) -> None:
    spec = {
        "trGrpCd": "SR",
        "trNo": seller["tr_no"],
        "spdNm": "셔츠",
        "scatNo": "LE1",
        "imgLst": [{"imgUrl": "x"}],
        "itmLst": [{"eitmNo": "A", "slPrc": 10000, "stkQty": 5}, {"eitmNo": "B", "slPrc": 12000, "stkQty": 5}],
    }
    refused = (await api("/product/v1/product/registration/request", {"spdLst": [spec]})).json()["data"]
    assert refused[0]["resultCode"] == "3003"
    spec["itmLst"][1]["slPrc"] = 10000
    created = (await api("/product/v1/product/registration/request", {"spdLst": [spec]})).json()["data"][0]
    assert created["resultCode"] == "0000"
    spd_no = created["spdNo"]
    price = {
        "itmPrcLst": [
            {"trGrpCd": "SR", "trNo": seller["tr_no"], "spdNo": spd_no, "sitmNo": f"{spd_no}_1", "slPrc": 9000}
        ]
    }
    assert (await api("/product/v1/item/price/change", price)).json()["data"][0]["resultCode"] == "3003"
    ended = {"spdLst": [{"trGrpCd": "SR", "trNo": seller["tr_no"], "spdNo": spd_no, "slStatCd": "END"}]}
    assert (await api("/product/v1/product/status/change", ended)).json()["data"][0]["resultCode"] == "0000"
    detail = (await api("/product/v1/product/detail", {"spdNo": spd_no})).json()["data"]
    assert detail["slStatCd"] == "END" and [i["slPrc"] for i in detail["itmLst"]] == [10000, 10000]


async def test_qna_and_inquiries(
    api: Call, client: httpx.AsyncClient, seller: dict[str, Any], product: dict[str, Any], orders: Orders
) -> None:
    line = (await orders())[0]
    qna = (await client.post(f"{ADMIN}/questions", json={"kind": "qna", "spd_no": product["spdNo"]})).json()["ids"]
    inq = (await client.post(f"{ADMIN}/questions", json={"kind": "inquiry", "line_id": line})).json()["ids"]
    listed = (
        await api(
            "/product/v1/product/qna/list",
            {"trGrpCd": "SR", "trNo": seller["tr_no"], "regStrDttm": "20240510000000", "regEndDttm": "20240511235959"},
        )
    ).json()["data"]
    assert listed["totCnt"] == 1 and listed["qnaList"][0]["pdQnaNo"] == qna[0]
    reply = (await api("/product/v1/product/qna/reply", {"pdQnaNo": qna[0], "ansCnts": "정사이즈입니다."})).json()
    assert reply["data"]["rsltCd"] == "0000"
    inquiries = await api("/customer/v1/getSellerInquiryList", {"scStrtDt": "20240510", "scEndDt": "20240511"})
    assert inquiries.json()["data"]["slrInqList"][0]["slrInqNo"] == inq[0]
    answered = (await api("/customer/v1/updateSellerInquiry", {"slrInqNo": inq[0], "ansCnts": "발송했습니다."})).json()
    assert answered["data"]["rsltCd"] == "0000"
    assert (await client.get(f"{ADMIN}/questions/{inq[0]}")).json()["ansCnts"] == "발송했습니다."


async def test_faults_rate_limit_and_bulk_orders(
    api: Call, client: httpx.AsyncClient, product: dict[str, Any], seller: dict[str, Any]
) -> None:
    started = time.perf_counter()
    await client.post(f"{ADMIN}/orders", json={"spd_no": product["spdNo"], "count": 10_000, "return_ids": False})
    assert time.perf_counter() - started < 5
    rows = (await api(SEARCH, DAY)).json()["data"]["deliveryOrderList"]
    assert len(rows) == 10_000
    await client.post(f"{ADMIN}/faults", json={"path_pattern": "OrdersSearch", "kind": "http_503", "count": 1})
    assert (await api(SEARCH, DAY)).status_code == 503
    await client.put(f"{ADMIN}/rate-limit", json={"rate": 0.01, "burst": 1})
    await api(SEARCH, DAY)
    limited = await api(SEARCH, DAY)
    assert limited.status_code == 429 and limited.json()["returnCode"] == "4290"
    calls = (await client.get(f"{ADMIN}/calls")).json()
    assert calls["peak_per_second_by_seller"][seller["tr_no"]] == 4


async def test_driver(client: httpx.AsyncClient) -> None:
    driver = Driver(client)
    seller = await driver.create_seller()
    product = (await client.post(f"{ADMIN}/products", json={"tr_no": seller["tr_no"]})).json()
    line = await driver.create_order(seller, product["spdNo"])
    await driver.create_orders_bulk(seller, product["spdNo"], 3)
    assert await driver.create_claim(seller, line, "cancel")
    inquiry = await driver.create_inquiry(seller, product["spdNo"], None)
    assert await driver.inquiry_answer(seller, inquiry) is None
    assert await driver.dispatches(seller) == []
    await driver.inject_fault("x", "http_500")
    await driver.clear_faults()
    await driver.revoke_credentials(seller)
    assert await driver.peak_rate(seller) == 0.0
