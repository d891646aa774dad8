from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

PlaceOrders = Callable[..., Awaitable[list[str]]]
BASE = "/v1/pay-order/seller/product-orders"
DISPATCH_ITEM = {"deliveryMethod": "DELIVERY", "deliveryCompanyCode": "HANJIN", "trackingNumber": "432109876543",
                 "dispatchDate": "2024-05-11T14:00:00.000+09:00"}


async def detail(client: httpx.AsyncClient, po_id: str) -> dict[str, Any]:
    body: dict[str, Any] = (await client.get(f"/naver/admin/product-orders/{po_id}")).json()
    return body


async def claim(client: httpx.AsyncClient, po_id: str, kind: str) -> httpx.Response:
    return await client.post("/naver/admin/claims", json={"product_order_id": po_id, "type": kind})


async def dispatched(api: httpx.AsyncClient, client: httpx.AsyncClient, place_orders: PlaceOrders) -> str:
    [po_id] = await place_orders()
    await api.post(f"{BASE}/dispatch", json={"dispatchProductOrders": [{"productOrderId": po_id, **DISPATCH_ITEM}]})
    await client.post(f"/naver/admin/product-orders/{po_id}/advance", json={"to": "DELIVERED"})
    return po_id


async def test_buyer_cancel_before_confirmation_completes_at_once(client: httpx.AsyncClient,
                                                                  place_orders: PlaceOrders) -> None:
    [po_id] = await place_orders()
    await claim(client, po_id, "cancel")
    view = await detail(client, po_id)
    assert view["lastChangedType"] == "CLAIM_COMPLETED"
    assert view["detail"]["productOrder"]["productOrderStatus"] == "CANCELED"
    assert view["detail"]["cancel"]["claimStatus"] == "CANCEL_DONE"


async def test_buyer_cancel_after_confirmation_waits_for_the_seller(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                                    place_orders: PlaceOrders) -> None:
    [po_id] = await place_orders()
    await api.post(f"{BASE}/confirm", json={"productOrderIds": [po_id]})
    await claim(client, po_id, "cancel")
    view = await detail(client, po_id)
    assert view["lastChangedType"] == "CLAIM_REQUESTED"
    assert view["detail"]["productOrder"]["claimStatus"] == "CANCEL_REQUEST"
    blocked = (await api.post(f"{BASE}/confirm", json={"productOrderIds": [po_id]})).json()["data"]
    assert blocked["failProductOrderInfos"][0]["code"] == "104442"
    data = (await api.post(f"{BASE}/{po_id}/claim/cancel/approve")).json()["data"]
    assert data == {"successProductOrderIds": [po_id], "failProductOrderInfos": []}
    assert (await detail(client, po_id))["detail"]["productOrder"]["productOrderStatus"] == "CANCELED"
    again = (await api.post(f"{BASE}/{po_id}/claim/cancel/approve")).json()["data"]
    assert again["failProductOrderInfos"][0]["code"] == "104442"


async def test_dispatching_withdraws_a_pending_cancel_request(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                              place_orders: PlaceOrders) -> None:
    [po_id] = await place_orders()
    await api.post(f"{BASE}/confirm", json={"productOrderIds": [po_id]})
    await claim(client, po_id, "cancel")
    data = (await api.post(f"{BASE}/dispatch",
                           json={"dispatchProductOrders": [{"productOrderId": po_id, **DISPATCH_ITEM}]})).json()["data"]
    assert data["successProductOrderIds"] == [po_id]
    assert (await detail(client, po_id))["detail"]["productOrder"]["claimStatus"] == "CANCEL_REJECT"


async def test_seller_cancel(api: httpx.AsyncClient, client: httpx.AsyncClient, place_orders: PlaceOrders) -> None:
    [po_id] = await place_orders()
    bad = await api.post(f"{BASE}/{po_id}/claim/cancel/request", json={"cancelReason": "WHATEVER"})
    assert bad.status_code == 400 and bad.json()["code"] == "4000"
    data = (await api.post(f"{BASE}/{po_id}/claim/cancel/request", json={"cancelReason": "SOLD_OUT"})).json()["data"]
    assert data["successProductOrderIds"] == [po_id]
    view = await detail(client, po_id)
    assert view["detail"]["cancel"]["cancelReason"] == "SOLD_OUT"
    assert view["detail"]["cancel"]["requestChannel"] == "SELLER"
    again = (await api.post(f"{BASE}/{po_id}/claim/cancel/request", json={"cancelReason": "SOLD_OUT"})).json()
    assert again["data"]["failProductOrderInfos"][0]["code"] == "104442"


async def test_return_hold_release_approve(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                           place_orders: PlaceOrders) -> None:
    po_id = await dispatched(api, client, place_orders)
    assert (await claim(client, po_id, "return")).status_code == 201
    hold = {"holdbackClassType": "RETURN_DELIVERYFEE", "holdbackReturnDetailReason": "반품 배송비 청구"}
    assert (await api.post(f"{BASE}/{po_id}/claim/return/holdback", json=hold)).json()["data"][
        "successProductOrderIds"] == [po_id]
    blocked = (await api.post(f"{BASE}/{po_id}/claim/return/approve")).json()["data"]
    assert blocked["failProductOrderInfos"][0]["code"] == "104442"
    await api.post(f"{BASE}/{po_id}/claim/return/holdback/release")
    done = (await api.post(f"{BASE}/{po_id}/claim/return/approve")).json()["data"]
    assert done["successProductOrderIds"] == [po_id]
    view = await detail(client, po_id)
    assert view["detail"]["productOrder"]["productOrderStatus"] == "RETURNED"
    assert view["detail"]["return"]["claimStatus"] == "RETURN_DONE"


async def test_return_reject_restores_the_order(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                place_orders: PlaceOrders) -> None:
    po_id = await dispatched(api, client, place_orders)
    await claim(client, po_id, "return")
    missing = await api.post(f"{BASE}/{po_id}/claim/return/reject", json={})
    assert missing.status_code == 400
    await api.post(f"{BASE}/{po_id}/claim/return/reject", json={"rejectReturnReason": "사용 흔적이 있습니다"})
    view = await detail(client, po_id)
    assert view["lastChangedType"] == "CLAIM_REJECTED"
    assert view["detail"]["productOrder"]["productOrderStatus"] == "DELIVERED"


async def test_exchange_collect_redispatch_and_complete(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                        place_orders: PlaceOrders) -> None:
    po_id = await dispatched(api, client, place_orders)
    await claim(client, po_id, "exchange")
    redeliver = {"reDeliveryMethod": "DELIVERY", "reDeliveryCompany": "CJGLS", "reDeliveryTrackingNumber": "765432109876"}
    early = (await api.post(f"{BASE}/{po_id}/claim/exchange/dispatch", json=redeliver)).json()["data"]
    assert early["failProductOrderInfos"][0]["code"] == "104417"
    await api.post(f"{BASE}/{po_id}/claim/exchange/collect/approve")
    assert (await detail(client, po_id))["lastChangedType"] == "COLLECT_DONE"
    data = (await api.post(f"{BASE}/{po_id}/claim/exchange/dispatch", json=redeliver)).json()["data"]
    assert data["successProductOrderIds"] == [po_id]
    view = await detail(client, po_id)
    assert view["lastChangedType"] == "CLAIM_REDELIVERING"
    assert view["detail"]["exchange"]["reDeliveryCompany"] == "CJGLS"
    await client.post(f"/naver/admin/product-orders/{po_id}/advance", json={"to": "EXCHANGE_DONE"})
    assert (await detail(client, po_id))["detail"]["productOrder"]["productOrderStatus"] == "EXCHANGED"


async def test_exchange_reject_and_holdback(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                           place_orders: PlaceOrders) -> None:
    po_id = await dispatched(api, client, place_orders)
    await claim(client, po_id, "exchange")
    hold = {"holdbackClassType": "EXCHANGE_DELIVERYFEE", "holdbackExchangeDetailReason": "교환 배송비"}
    assert (await api.post(f"{BASE}/{po_id}/claim/exchange/holdback", json=hold)).json()["data"][
        "successProductOrderIds"] == [po_id]
    again = (await api.post(f"{BASE}/{po_id}/claim/exchange/holdback", json=hold)).json()["data"]
    assert again["failProductOrderInfos"][0]["code"] == "105306"
    await api.post(f"{BASE}/{po_id}/claim/exchange/holdback/release")
    await api.post(f"{BASE}/{po_id}/claim/exchange/reject", json={"rejectExchangeReason": "재고 없음"})
    assert (await detail(client, po_id))["detail"]["productOrder"]["claimStatus"] == "EXCHANGE_REJECT"


async def test_purchase_decision_appears_in_the_feed(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                     place_orders: PlaceOrders) -> None:
    po_id = await dispatched(api, client, place_orders)
    await client.post(f"/naver/admin/product-orders/{po_id}/advance", json={"to": "PURCHASE_DECIDED"})
    view = await detail(client, po_id)
    assert view["lastChangedType"] == "PURCHASE_DECIDED"
    assert view["detail"]["productOrder"]["decisionDate"]
