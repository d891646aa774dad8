from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest
from marketbridge.sandbox.testing import FakeClock

PlaceOrders = Callable[..., Awaitable[list[str]]]
DISPATCH = "/v1/pay-order/seller/product-orders/dispatch"


async def fault(client: httpx.AsyncClient, **body: object) -> dict[str, object]:
    response = await client.post("/naver/admin/faults", json=body)
    assert response.status_code == 201, response.text
    rule: dict[str, object] = response.json()
    return rule


@pytest.mark.parametrize(("kind", "status", "code"), [("http_500", 500, "GW.INTERNAL_SERVER_ERROR"),
                                                      ("http_503", 503, "GW.BLOCK.01"),
                                                      ("http_429", 429, "GW.RATE_LIMIT")])
async def test_http_faults_answer_in_the_gateway_shape(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                       kind: str, status: int, code: str) -> None:
    await fault(client, path_pattern="/v1/categories$", kind=kind, count=1)
    failed = await api.get("/v1/categories")
    assert failed.status_code == status and failed.json()["code"] == code
    if kind == "http_429":
        assert failed.headers["GNCP-GW-RateLimit-Remaining"] == "0"
    assert (await api.get("/v1/categories")).status_code == 200  # count=1: used up


async def test_malformed_fault_returns_truncated_json(api: httpx.AsyncClient, client: httpx.AsyncClient) -> None:
    await fault(client, path_pattern="categories", kind="malformed")
    response = await api.get("/v1/categories")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    with pytest.raises(ValueError):
        response.json()
    assert (await client.delete("/naver/admin/faults")).status_code == 204
    assert (await api.get("/v1/categories")).status_code == 200


async def test_timeout_and_latency_faults(api: httpx.AsyncClient, client: httpx.AsyncClient) -> None:
    await fault(client, path_pattern="categories", kind="timeout", latency_ms=50, count=1)
    response = await api.get("/v1/categories")
    assert response.status_code == 504 and response.json()["code"] == "GW.TIMEOUT.01"
    await fault(client, path_pattern="categories", kind="latency", latency_ms=30, count=1)
    assert (await api.get("/v1/categories")).status_code == 200


async def test_fault_after_the_handler_applies_the_effect(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                          place_orders: PlaceOrders) -> None:
    [po_id] = await place_orders()
    await fault(client, path_pattern="product-orders/dispatch", kind="http_500", phase="after", count=1)
    item = {"productOrderId": po_id, "deliveryMethod": "DELIVERY", "deliveryCompanyCode": "EPOST",
            "trackingNumber": "6012345678901", "dispatchDate": "2024-05-11T14:00:00.000+09:00"}
    lost = await api.post(DISPATCH, json={"dispatchProductOrders": [item]})
    assert lost.status_code == 500
    retry = (await api.post(DISPATCH, json={"dispatchProductOrders": [item]})).json()["data"]
    assert retry["failProductOrderInfos"][0]["code"] == "104442"
    assert (await client.get("/naver/admin/dispatches")).json()["count"] == 1


async def test_probability_zero_never_fires(api: httpx.AsyncClient, client: httpx.AsyncClient) -> None:
    rule = await fault(client, path_pattern=".", kind="http_500", probability=0.0)
    for _ in range(5):
        assert (await api.get("/v1/categories")).status_code == 200
    faults = (await client.get("/naver/admin/faults")).json()
    assert faults[0]["injected"] == 0
    assert (await client.delete(f"/naver/admin/faults/{rule['id']}")).status_code == 204


async def test_rate_limit_answers_429_with_gateway_headers(api: httpx.AsyncClient, client: httpx.AsyncClient) -> None:
    await client.put("/naver/admin/rate-limit", json={"rate": 1, "burst": 3})
    statuses = [(await api.get("/v1/categories")).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    limited = await api.get("/v1/categories")
    assert limited.json()["code"] == "GW.RATE_LIMIT"
    assert limited.headers["GNCP-GW-RateLimit-Replenish-Rate"] == "1"
    assert limited.headers["GNCP-GW-RateLimit-Burst-Capacity"] == "3"
    assert limited.headers["GNCP-GW-RateLimit-Remaining"] == "0"
    other_group = await api.get("/v1/pay-order/seller/product-orders/last-changed-statuses",
                                params={"lastChangedFrom": "2024-05-11T00:00:00.000+09:00"})
    assert other_group.status_code == 200


async def test_call_log_counts_routes_and_peak_rate(api: httpx.AsyncClient, client: httpx.AsyncClient,
                                                    clock: FakeClock) -> None:
    await client.delete("/naver/admin/calls")
    for _ in range(3):
        await api.get("/v1/categories")
    clock.advance(1)
    await api.get("/v1/categories/50000000")
    await api.get("/v1/nothing-here")
    log = (await client.get("/naver/admin/calls", params={"recent": 2})).json()
    assert log["total"] == 5 and log["peak_per_second"] == 3
    assert log["by_path"]["GET /v1/categories"] == {"count": 3, "statuses": {"200": 3}}
    assert log["by_path"]["GET /v1/categories/{category_id}"]["count"] == 1
    assert log["by_path"]["GET /v1/nothing-here"]["statuses"] == {"404": 1}
    assert len(log["recent"]) == 2 and log["recent"][-1]["client_id"] == "sandbox-test-client"


async def test_responses_carry_trace_and_response_time_headers(api: httpx.AsyncClient) -> None:
    response = await api.get("/v1/categories")
    assert response.headers["GNCP-GW-Trace-ID"] and "GNCP-GW-HttpClient-ResponseTime" in response.headers
