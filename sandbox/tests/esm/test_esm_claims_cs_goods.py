"""Claims (SiteType 3 quirk, 7-day windows), CS board with tokens, 긴급알리미, goods and the driver."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from marketbridge.sandbox.esm.driver import Driver

ADMIN = "/esm/admin"
Call = Callable[..., Awaitable[httpx.Response]]
Orders = Callable[..., Awaitable[list[int]]]
DAYS = {"Type": 2, "StartDate": "2024-05-09", "EndDate": "2024-05-11"}
SHIP = "/shipping/v1/Delivery/ShippingInfo"


async def claim(client: httpx.AsyncClient, order_no: int, kind: str) -> None:
    response = await client.post(f"{ADMIN}/claims", json={"order_no": order_no, "kind": kind})
    assert response.status_code == 201, response.text


async def test_gmarket_cancels_are_listed_with_site_type_3_only(
    api: Call, client: httpx.AsyncClient, orders: Orders
) -> None:
    order_no = (await orders())[0]
    await claim(client, order_no, "cancel")
    with_2 = (await api("POST", "/claim/v1/sa/Cancels", json={"SiteType": 2, "CancelStatus": 0, **DAYS})).json()
    assert with_2["ResultCode"] == 0 and with_2["Data"] == []
    with_3 = (await api("POST", "/claim/v1/sa/Cancels", json={"SiteType": 3, "CancelStatus": 0, **DAYS})).json()
    assert [r["OrderNo"] for r in with_3["Data"]] == [order_no] and with_3["Data"][0]["CancelStatus"] == 1
    approved = (await api("PUT", f"/claim/v1/sa/Cancel/{order_no}", json={"SiteType": 2})).json()
    assert approved["ResultCode"] == 0


async def test_claim_windows_of_seven_days_are_refused(api: Call) -> None:
    body = {"SiteType": 3, "CancelStatus": 0, "Type": 2, "StartDate": "2024-05-01", "EndDate": "2024-05-08"}
    assert (await api("POST", "/claim/v1/sa/Cancels", json=body)).json()["ResultCode"] == 3000
    body["EndDate"] = "2024-05-07"
    assert (await api("POST", "/claim/v1/sa/Cancels", json=body)).json()["ResultCode"] == 0


async def test_auction_empty_claim_list_answers_1000_no_data(api: Call) -> None:
    answer = (await api("POST", "/claim/v1/sa/Returns", json={"SiteType": 1, "ReturnStatus": 1, **DAYS})).json()
    assert answer["ResultCode"] == 1000 and "BizRuleCode" in answer


async def test_return_hold_release_and_approval(api: Call, client: httpx.AsyncClient, orders: Orders) -> None:
    order_no = (await orders())[0]
    await api(
        "POST",
        SHIP,
        json={
            "OrderNo": order_no,
            "ShippingDate": "2024-05-11T10:00:00",
            "DeliveryCompanyCode": 10013,
            "InvoiceNo": "123456789012",
        },
    )
    await claim(client, order_no, "return")
    hold = (await api("POST", f"/claim/v1/sa/return/{order_no}/hold", json={"SiteType": 2, "HoldReason": 1})).json()
    assert hold["ResultCode"] == 0
    listed = (await api("POST", "/claim/v1/sa/Returns", json={"SiteType": 2, "ReturnStatus": 1, **DAYS})).json()
    assert listed["Data"][0]["IsHold"] is True
    assert (await api("DELETE", f"/claim/v1/sa/return/{order_no}/hold", json={"SiteType": 2})).json()["ResultCode"] == 0
    assert (await api("PUT", f"/claim/v1/sa/return/{order_no}", json={"SiteType": 2})).json()["ResultCode"] == 0
    done = (await api("POST", "/claim/v1/sa/Returns", json={"SiteType": 2, "ReturnStatus": 4, **DAYS})).json()
    assert [r["OrderNo"] for r in done["Data"]] == [order_no]


async def test_sold_out_cancels_a_new_order_once(api: Call, orders: Orders) -> None:
    order_no = (await orders())[0]
    path = f"/claim/v1/sa/Cancel/{order_no}/SoldOut"
    assert (await api("POST", path, json={"SiteType": 2})).json()["ResultCode"] == 0
    assert (await api("POST", path, json={"SiteType": 2})).json()["ResultCode"] == 8668


async def test_board_answer_needs_the_message_token(
    api: Call, client: httpx.AsyncClient, goods: dict[str, Any]
) -> None:
    ids = (await client.post(f"{ADMIN}/messages", json={"goods_no": goods["goodsNo"], "count": 2})).json()["ids"]
    body = {"qnaType": 3, "status": 2, "type": 1, "startDate": "2024-05-10", "endDate": "2024-05-11"}
    rows = (await api("POST", "/item/v1/communications/customer/bulletin-board", json=body)).json()["Data"]
    assert [r["MessageNo"] for r in rows] == ids and all(r["token"] for r in rows)
    answer = {"MessageNo": ids[0], "token": "wrong", "answerStatus": 2, "title": "답변", "comments": "내일 발송됩니다."}
    path = "/item/v1/communications/customer/bulletin-board/qna"
    assert (await api("POST", path, json=answer)).json()["ResultCode"] == 3000
    answer["token"] = rows[0]["token"]
    assert (await api("POST", path, json=answer)).json()["ResultCode"] == 0
    assert (await client.get(f"{ADMIN}/messages/{ids[0]}")).json()["AnswerComments"] == "내일 발송됩니다."


async def test_emergency_notices_are_listed(api: Call, client: httpx.AsyncClient, master: dict[str, Any]) -> None:
    await client.post(f"{ADMIN}/notices", json={"site": "G", "count": 2})
    body = {"status": 1, "type": 1, "startDate": "2024-05-10", "endDate": "2024-05-11"}
    rows = (await api("POST", "/assist/v1/Selling/GetEmergencyInformList", json=body)).json()["Data"]
    assert len(rows) == 2 and rows[0]["SiteType"] == 2 and rows[0]["Status"] == "미처리"


async def test_goods_register_sell_status_and_search(api: Call) -> None:
    item = {
        "itemBasicInfo": {
            "goodsName": {"kor": "양말"},
            "category": {"site": [{"siteType": 2, "catCode": "200000201"}]},
        },
        "itemAddtionalInfo": {
            "price": {"Gmkt": 5000},
            "stock": {"Gmkt": 10},
            "images": {"basicImgURL": "https://image.example/a.jpg"},
        },
    }
    created = (await api("POST", "/item/v1/goods", json=item)).json()
    assert created["resultCode"] == 0 and created["siteDetail"]["gmkt"]["SiteGoodsComment"] == "성공"
    goods_no = created["goodsNo"]
    changed = await api(
        "PUT",
        f"/item/v1/goods/{goods_no}/sell-status",
        json={"isSell": {"gmkt": False}, "itemBasicInfo": {"price": {"gmkt": 5500}}},
    )
    assert changed.json()["resultCode"] == 0
    found = (await api("POST", "/item/v1/goods/search", json={"query": {"siteId": ["gmkt"]}})).json()
    assert found["data"]["goods"][0]["sellStatus"]["gmkt"] == 21 and found["data"]["goods"][0]["price"]["gmkt"] == 5500
    bad = (await api("POST", "/item/v1/goods", json={**item, "itemAddtionalInfo": {"price": {"Gmkt": 5}}})).json()
    assert bad["resultCode"] != 0 and bad["message"]
    tree = (await api("GET", "/item/v1/categories/site-cats/0", params={"siteType": 1})).json()
    assert tree["subCats"][0]["subCats"][0]["isLeaf"] is True


async def test_driver_places_orders_on_the_chosen_site(client: httpx.AsyncClient) -> None:
    driver = Driver(client, site="auction")
    seller = await driver.create_seller()
    goods = (await client.post(f"{ADMIN}/goods", json={"master_id": seller["master_id"]})).json()
    order_no = await driver.create_order(seller, str(goods["goodsNo"]))
    assert (await client.get(f"{ADMIN}/orders/{order_no}")).json()["site"] == "A"
    await driver.create_orders_bulk(seller, str(goods["goodsNo"]), 5)
    claim_id = await driver.create_claim(seller, order_no, "cancel")
    assert claim_id == f"{order_no}-cancel"
    inquiry = await driver.create_inquiry(seller, str(goods["goodsNo"]), None)
    assert await driver.inquiry_answer(seller, inquiry) is None
    assert await driver.dispatches(seller) == []
    await driver.inject_fault("RequestOrders", "http_503", count=1)
    await driver.clear_faults()
    await driver.revoke_credentials(seller)
    assert await driver.peak_rate(seller) == 0.0
