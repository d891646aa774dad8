from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from marketbridge.sandbox.core.timefmt import fmt_kst
from marketbridge.sandbox.testing import FakeClock

PlaceOrders = Callable[..., Awaitable[list[str]]]
FEED = "/v1/pay-order/seller/product-orders/last-changed-statuses"
QUERY = "/v1/pay-order/seller/product-orders/query"
CONFIRM = "/v1/pay-order/seller/product-orders/confirm"
DISPATCH = "/v1/pay-order/seller/product-orders/dispatch"


def at(clock: FakeClock, offset_s: float = 0) -> str:
    return fmt_kst(int((clock() + offset_s) * 1000))


def item(po_id: str, tracking: str = "123456789012", company: str = "CJGLS", **extra: str) -> dict[str, str]:
    return {"productOrderId": po_id, "deliveryMethod": "DELIVERY", "deliveryCompanyCode": company,
            "trackingNumber": tracking, "dispatchDate": "2024-05-11T14:00:00.000+09:00", **extra}


async def test_feed_lists_new_orders_with_the_documented_fields(api: httpx.AsyncClient, clock: FakeClock,
                                                                place_orders: PlaceOrders) -> None:
    ids = await place_orders(count=3)
    response = await api.get(FEED, params={"lastChangedFrom": at(clock, -3600)})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"timestamp", "traceId", "data"}
    rows = body["data"]["lastChangeStatuses"]
    assert [r["productOrderId"] for r in rows] == sorted(ids) and body["data"]["count"] == 3
    assert "more" not in body["data"]
    first = rows[0]
    assert first["lastChangedType"] == "PAYED" and first["productOrderStatus"] == "PAYED"
    assert first["lastChangedDate"].endswith("+09:00") and len(first["productOrderId"]) == 16


async def test_window_longer_than_24_hours_is_refused_with_104139(api: httpx.AsyncClient, clock: FakeClock) -> None:
    response = await api.get(FEED, params={"lastChangedFrom": at(clock, -90000), "lastChangedTo": at(clock)})
    assert response.status_code == 400
    assert response.json()["code"] == "104139" and response.json()["traceId"]
    missing = await api.get(FEED)
    assert missing.status_code == 400 and missing.json()["code"] == "4000"


async def test_more_continuation_walks_every_row_once(api: httpx.AsyncClient, clock: FakeClock,
                                                      place_orders: PlaceOrders) -> None:
    same_ms = at(clock, -60)
    ids = set(await place_orders(count=5, paid_at=same_ms)) | set(await place_orders(count=2))
    seen: list[str] = []
    params: dict[str, Any] = {"lastChangedFrom": at(clock, -3600), "lastChangedTo": at(clock, 60), "limitCount": 2}
    pages = 0
    while True:
        data = (await api.get(FEED, params=params)).json()["data"]
        pages += 1
        seen += [r["productOrderId"] for r in data["lastChangeStatuses"]]
        if "more" not in data:
            break
        assert data["count"] == 2
        params.update(lastChangedFrom=data["more"]["moreFrom"], moreSequence=data["more"]["moreSequence"])
    assert pages == 4 and len(seen) == 7 and set(seen) == ids


async def test_more_points_at_the_first_row_left_out(api: httpx.AsyncClient, clock: FakeClock,
                                                     place_orders: PlaceOrders) -> None:
    ids = sorted(await place_orders(count=3, paid_at=at(clock, -10)))
    data = (await api.get(FEED, params={"lastChangedFrom": at(clock, -60), "limitCount": 2})).json()["data"]
    assert data["more"] == {"moreFrom": at(clock, -10), "moreSequence": ids[2]}


async def test_feed_filters_by_change_type(api: httpx.AsyncClient, clock: FakeClock,
                                           place_orders: PlaceOrders) -> None:
    ids = await place_orders(count=2)
    clock.advance(5)
    await api.post(DISPATCH, json={"dispatchProductOrders": [item(ids[0])]})
    data = (await api.get(FEED, params={"lastChangedFrom": at(clock, -60), "lastChangedType": "DISPATCHED"})).json()
    assert [r["productOrderId"] for r in data["data"]["lastChangeStatuses"]] == [ids[0]]


async def test_query_answers_order_product_order_and_delivery(api: httpx.AsyncClient,
                                                              place_orders: PlaceOrders) -> None:
    ids = await place_orders(count=2, receiver={"name": "김민준", "phone": "010-1234-5678"})
    data = (await api.post(QUERY, json={"productOrderIds": [*ids, "2024000000000000"]})).json()["data"]
    assert len(data) == 2
    first = data[0]
    assert set(first) >= {"order", "productOrder"}
    assert first["productOrder"]["shippingAddress"]["name"] == "김민준"
    assert first["productOrder"]["productName"] == "면 티셔츠" and first["productOrder"]["quantity"] == 1
    assert first["productOrder"]["placeOrderStatus"] == "NOT_YET"
    assert first["order"]["orderId"] and first["order"]["paymentDate"].endswith("+09:00")


async def test_query_refuses_more_than_300_ids(api: httpx.AsyncClient) -> None:
    response = await api.post(QUERY, json={"productOrderIds": [str(i) for i in range(301)]})
    assert response.status_code == 400 and response.json()["code"] == "4000"
    bad_json = await api.post(QUERY, content=b"{not json", headers={"Content-Type": "application/json"})
    assert bad_json.status_code == 400


async def test_conditional_search_pages_with_has_next(api: httpx.AsyncClient, clock: FakeClock,
                                                      place_orders: PlaceOrders) -> None:
    ids = await place_orders(count=5)
    params: dict[str, Any] = {"from": at(clock, -60), "pageSize": 2, "page": 1}
    found: list[str] = []
    while True:
        data = (await api.get("/v1/pay-order/seller/product-orders", params=params)).json()["data"]
        found += [c["productOrderId"] for c in data["contents"]]
        assert data["contents"][0]["content"]["productOrder"]["productOrderStatus"] == "PAYED"
        if not data["pagination"]["hasNext"]:
            break
        params["page"] += 1
    assert found == sorted(ids) and params["page"] == 3
    filtered = await api.get("/v1/pay-order/seller/product-orders",
                             params={"from": at(clock, -60), "productOrderStatuses": "DELIVERING"})
    assert filtered.json()["data"]["contents"] == []


async def test_confirm_is_partial_success(api: httpx.AsyncClient, place_orders: PlaceOrders) -> None:
    ids = await place_orders(count=2)
    response = await api.post(CONFIRM, json={"productOrderIds": [*ids, "2024000000000001"]})
    data = response.json()["data"]
    assert [s["productOrderId"] for s in data["successProductOrderInfos"]] == ids
    assert data["successProductOrderInfos"][0]["isReceiverAddressChanged"] is False
    assert data["failProductOrderInfos"] == [
        {"productOrderId": "2024000000000001", "code": "100001", "message": "상품 주문을 찾을 수 없습니다."}]
    again = (await api.post(CONFIRM, json={"productOrderIds": ids[:1]})).json()["data"]
    assert len(again["successProductOrderInfos"]) == 1
    too_many = await api.post(CONFIRM, json={"productOrderIds": [str(i) for i in range(31)]})
    assert too_many.status_code == 400


async def test_dispatch_reports_naver_codes_per_item(api: httpx.AsyncClient, place_orders: PlaceOrders) -> None:
    ids = await place_orders(count=7)
    response = await api.post(DISPATCH, json={"dispatchProductOrders": [
        item(ids[0]),
        item(ids[1], company=""),
        item(ids[2], company="NOPE"),
        item(ids[3], tracking=""),
        item(ids[4], tracking="12-AB"),
        item("2024000000000002"),
        {"productOrderId": ids[5], "deliveryMethod": "DIRECT_DELIVERY", "dispatchDate": "2024-05-11T14:00:00+09:00"},
    ]})
    data = response.json()["data"]
    assert data["successProductOrderIds"] == [ids[0], ids[5]]
    codes = {f["productOrderId"]: f["code"] for f in data["failProductOrderInfos"]}
    assert codes == {ids[1]: "104118", ids[2]: "104119", ids[3]: "104120", ids[4]: "104122",
                     "2024000000000002": "100001"}


async def test_second_dispatch_of_a_product_order_fails_with_104442(api: httpx.AsyncClient,
                                                                    client: httpx.AsyncClient,
                                                                    place_orders: PlaceOrders) -> None:
    [po_id] = await place_orders()
    first = (await api.post(DISPATCH, json={"dispatchProductOrders": [item(po_id)]})).json()["data"]
    assert first["successProductOrderIds"] == [po_id]
    second = (await api.post(DISPATCH, json={"dispatchProductOrders": [item(po_id, "999988887777")]})).json()["data"]
    assert second["successProductOrderIds"] == []
    assert second["failProductOrderInfos"][0]["code"] == "104442"
    ledger = (await client.get("/naver/admin/dispatches")).json()
    assert ledger["count"] == 1 and ledger["duplicates"] == [] and ledger["refused_attempts"] == 1
    assert ledger["dispatches"][0]["deliveryCompanyCode"] == "CJGLS"
    detail = (await client.get(f"/naver/admin/product-orders/{po_id}")).json()["detail"]
    assert detail["productOrder"]["productOrderStatus"] == "DELIVERING"
    assert detail["delivery"]["trackingNumber"] == "123456789012"


async def test_a_tracking_number_is_shared_only_within_one_order(api: httpx.AsyncClient,
                                                                  place_orders: PlaceOrders) -> None:
    same_order = await place_orders(items_per_order=2)
    other = await place_orders()
    data = (await api.post(DISPATCH, json={"dispatchProductOrders": [
        item(same_order[0], "555566667777"), item(same_order[1], "555566667777"), item(other[0], "555566667777"),
    ]})).json()["data"]
    assert data["successProductOrderIds"] == same_order
    assert data["failProductOrderInfos"][0] == {"productOrderId": other[0], "code": "104121",
                                                "message": "배송 송장 오류입니다(이미 사용된 송장)."}


async def test_duplicate_ids_in_one_request_fail_with_104131(api: httpx.AsyncClient,
                                                             place_orders: PlaceOrders) -> None:
    [po_id] = await place_orders()
    data = (await api.post(CONFIRM, json={"productOrderIds": [po_id, po_id]})).json()["data"]
    assert len(data["successProductOrderInfos"]) == 1 and data["failProductOrderInfos"][0]["code"] == "104131"


async def test_product_orders_of_another_seller_are_not_visible(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                                state: Any) -> None:
    other = state.naver.register_app(account_id="ncp_other")
    product = (await client.post("/naver/admin/products", json={"account_id": other.account_id})).json()
    ids = (await client.post("/naver/admin/orders", json={"product_no": product["originProductNo"]})).json()
    po_id = ids["product_order_ids"][0]
    assert (await api.post(QUERY, json={"productOrderIds": [po_id]})).json()["data"] == []
    data = (await api.post(CONFIRM, json={"productOrderIds": [po_id]})).json()["data"]
    assert data["failProductOrderInfos"][0]["code"] == "101009"


async def test_delay_dispatch_moves_the_due_date(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                 clock: FakeClock, place_orders: PlaceOrders) -> None:
    [po_id] = await place_orders()
    body = {"dispatchDueDate": at(clock, 7 * 86400), "delayedDispatchReason": "PRODUCT_PREPARE",
            "dispatchDelayedDetailedReason": "입고 지연"}
    data = (await api.post(f"/v1/pay-order/seller/product-orders/{po_id}/delay", json=body)).json()["data"]
    assert data["successProductOrderIds"] == [po_id]
    detail = (await client.get(f"/naver/admin/product-orders/{po_id}")).json()["detail"]["productOrder"]
    assert detail["delayedDispatchReason"] == "PRODUCT_PREPARE" and detail["shippingDueDate"] == body["dispatchDueDate"]


async def test_address_change_shows_in_feed_and_confirm(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                        clock: FakeClock, place_orders: PlaceOrders) -> None:
    [po_id] = await place_orders()
    clock.advance(10)
    await client.post(f"/naver/admin/product-orders/{po_id}/address", json={"base_address": "서울특별시 중구 세종대로 110"})
    rows = (await api.get(FEED, params={"lastChangedFrom": at(clock, -1)})).json()["data"]["lastChangeStatuses"]
    assert rows[0]["lastChangedType"] == "DELIVERY_ADDRESS_CHANGED" and rows[0]["receiverAddressChanged"] is True
    data = (await api.post(CONFIRM, json={"productOrderIds": [po_id]})).json()["data"]
    assert data["successProductOrderInfos"][0]["isReceiverAddressChanged"] is True


async def test_product_order_ids_of_an_order(api: httpx.AsyncClient, place_orders: PlaceOrders) -> None:
    ids = await place_orders(items_per_order=3)
    order_id = (await api.post(QUERY, json={"productOrderIds": ids[:1]})).json()["data"][0]["order"]["orderId"]
    data = (await api.get(f"/v1/pay-order/seller/orders/{order_id}/product-order-ids")).json()["data"]
    assert data == ids
