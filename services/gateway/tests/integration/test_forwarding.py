import asyncio
from urllib.parse import unquote

import httpx
from marketbridge.gateway.bootstrap import build
from marketbridge.gateway.domain.model import ROLE_RANK

# prefix -> (service, least role for writes), as the spec states it
TABLE = {
    "/api/v1/products": ("catalog", "manager"),
    "/api/v1/categories": ("catalog", "manager"),
    "/api/v1/listings": ("listing", "manager"),
    "/api/v1/marketplace-accounts": ("connectors", "manager"),
    "/api/v1/marketplaces": ("connectors", "manager"),
    "/api/v1/sync-logs": ("connectors", "manager"),
    "/api/v1/collections": ("order-collector", "operator"),
    "/api/v1/orders": ("fulfillment", "operator"),
    "/api/v1/claims": ("claims", "operator"),
    "/api/v1/inquiries": ("inquiries", "operator"),
    "/api/v1/statistics": ("analytics", "manager"),
}
DOWN = "claims"


async def test_role_enforcement_for_every_route_and_method(client, seller) -> None:
    wrong = []
    for prefix, (service, write_role) in TABLE.items():
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            least = "viewer" if method == "GET" else write_role
            for role, auth in seller.auth.items():
                response = await client.request(method, f"{prefix}/x-1/echo", headers=auth, json={} if method != "GET" else None)
                allowed = ROLE_RANK[role] >= ROLE_RANK[least]
                if not allowed:
                    ok = response.status_code == 403 and response.json()["code"] == "FORBIDDEN"
                elif service == DOWN:
                    ok = response.status_code == 503
                else:
                    ok = response.status_code == 200 and response.json()["service"] == service
                if not ok:
                    wrong.append((method, prefix, role, response.status_code))
    assert wrong == []


async def test_viewer_reads_but_cannot_write_and_operator_cannot_write_products(client, seller, expect_error) -> None:
    viewer, operator = seller.auth["viewer"], seller.auth["operator"]
    assert (await client.get("/api/v1/orders", headers=viewer)).status_code == 200
    expect_error(await client.post("/api/v1/orders/o-1/acknowledge", headers=viewer), 403, "FORBIDDEN")
    assert (await client.post("/api/v1/orders/o-1/acknowledge", headers=operator)).status_code == 200
    expect_error(await client.post("/api/v1/products", json={"name": "x"}, headers=operator), 403, "FORBIDDEN")
    expect_error(await client.options("/api/v1/products", headers=operator), 405, "METHOD_NOT_ALLOWED")


async def test_client_sent_identity_headers_never_reach_a_service(client, gateway, seller) -> None:
    forged = {
        "X-MB-Tenant-Id": "other-tenant",
        "X-MB-User-Id": "someone-else",
        "X-MB-User-Role": "owner",
        "X-MB-Tenant-Name": "evil",
        "X-MB-Internal-Token": "guess",
        "X-MB-Correlation-Id": "forged-correlation",
        "x-mb-anything": "1",
        "Cookie": "session=1",
        **seller.auth["viewer"],
    }
    response = await client.get("/api/v1/products", headers=forged)
    assert response.status_code == 200
    got = response.json()["headers"]
    mb = {k: v for k, v in got.items() if k.startswith("x-mb-")}
    assert set(mb) == {"x-mb-tenant-id", "x-mb-user-id", "x-mb-user-role", "x-mb-tenant-name",
                       "x-mb-correlation-id", "x-mb-internal-token"}
    assert mb["x-mb-tenant-id"] == seller.tenant_id
    assert mb["x-mb-user-id"] == seller.users["viewer"]
    assert mb["x-mb-user-role"] == "viewer"
    assert mb["x-mb-internal-token"] == gateway.settings.internal_token
    assert mb["x-mb-correlation-id"] != "forged-correlation"
    assert unquote(mb["x-mb-tenant-name"]) == "한빛상사" and mb["x-mb-tenant-name"].isascii()
    assert "authorization" not in got and "cookie" not in got


async def test_correlation_and_trace_context_travel_to_the_service(client, seller) -> None:
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    headers = {**seller.auth["viewer"], "X-Correlation-Id": "req-123", "traceparent": f"00-{trace_id}-00f067aa0ba902b7-01"}
    response = await client.get("/api/v1/orders", headers=headers)
    got = response.json()["headers"]
    assert got["x-mb-correlation-id"] == "req-123"
    assert response.headers["x-correlation-id"] == "req-123"
    assert got["traceparent"].split("-")[1] == trace_id
    generated = await client.get("/api/v1/orders", headers={**seller.auth["viewer"], "X-Correlation-Id": "bad id\t!"})
    cid = generated.json()["headers"]["x-mb-correlation-id"]
    assert cid != "bad id\t!" and len(cid) == 36 and generated.headers["x-correlation-id"] == cid


async def test_forwards_method_path_query_body_and_content_type(client, seller) -> None:
    body = '{"invoice_no": "1234-5678", "memo": "빠른배송"}'
    response = await client.post(
        "/api/v1/orders/o%2F1/invoice?carrier=CJ&note=%ED%95%9C&echo_status=201",
        content=body.encode(),
        headers={**seller.auth["operator"], "Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 201
    echoed = response.json()
    assert echoed["service"] == "fulfillment" and echoed["method"] == "POST"
    assert echoed["path"] == "/api/v1/orders/o/1/invoice"
    assert echoed["query"] == "carrier=CJ&note=%ED%95%9C&echo_status=201"
    assert echoed["body"] == body
    assert echoed["headers"]["content-type"] == "application/json; charset=utf-8"
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-disposition"] == 'attachment; filename="x.json"'
    assert "x-upstream-private" not in response.headers


async def test_streams_large_bodies_and_passes_error_statuses_through(client, seller) -> None:
    payload = bytes(range(256)) * 8192  # 2 MiB
    response = await client.put("/api/v1/products/p-1/image", content=payload,
                                headers={**seller.auth["manager"], "Content-Type": "application/octet-stream"})
    assert response.status_code == 200 and response.json()["body_length"] == len(payload)
    failed = await client.delete("/api/v1/products/p-1?echo_status=409", headers=seller.auth["manager"])
    assert failed.status_code == 409 and failed.json()["method"] == "DELETE"
    head = await client.head("/api/v1/products", headers=seller.auth["viewer"])
    assert head.status_code == 200


async def test_unknown_prefixes_answer_route_not_found(client, seller, expect_error) -> None:
    for path in ("/api/v1/unknown", "/api/v1/productsx", "/api/v1/products/%2E%2E/users", "/nothing-here"):
        expect_error(await client.get(path, headers=seller.auth["owner"]), 404, "ROUTE_NOT_FOUND")


async def test_a_service_that_is_down_answers_503(client, seller, expect_error) -> None:
    response = await client.get("/api/v1/claims", headers=seller.auth["viewer"])
    body = expect_error(response, 503, "SERVICE_UNAVAILABLE")
    assert "잠시 후 다시 시도" in body["message"]


class SlowTransport(httpx.AsyncBaseTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)


async def test_a_service_that_is_too_slow_answers_504(settings, transports, login, expect_error) -> None:
    gateway = build(settings, transports={**transports, "analytics": SlowTransport()})
    await gateway.start()
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway.app), base_url="http://gw") as client:
            from marketbridge.gateway.bootstrap import create_owner

            await create_owner(gateway, "느린상점", "slow@slow.example.kr", "owner-pass-1", "대표")
            response = await client.post("/api/v1/auth/token", data={"username": "slow@slow.example.kr",
                                                                      "password": "owner-pass-1"})
            auth = {"Authorization": f"Bearer {response.json()['access_token']}"}
            expect_error(await client.get("/api/v1/statistics/sales", headers=auth), 504, "SERVICE_TIMEOUT")
    finally:
        await gateway.stop()


async def test_real_http_upstream_with_a_timeout(settings, seller, gateway, expect_error) -> None:
    """Distributed wiring: a service reached by URL over real HTTP, with the configured read timeout."""
    import uvicorn
    from fastapi import FastAPI

    slow = FastAPI()

    @slow.get("/api/v1/inquiries/slow")
    async def slow_answer() -> dict[str, str]:
        await asyncio.sleep(2)
        return {}

    @slow.get("/api/v1/inquiries")
    async def fast_answer() -> dict[str, str]:
        return {"service": "real-http"}

    server = uvicorn.Server(uvicorn.Config(slow, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    real = settings.model_copy(update={"service_urls": {"inquiries": f"http://127.0.0.1:{port}"},
                                       "upstream_timeout_seconds": 0.3})
    # A second gateway on the same database, reaching the service over HTTP only.
    remote = build(real)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=remote.app), base_url="http://gw") as client:
            auth = seller.auth["viewer"]
            fast = await client.get("/api/v1/inquiries", headers=auth)
            assert fast.status_code == 200 and fast.json() == {"service": "real-http"}
            expect_error(await client.get("/api/v1/inquiries/slow", headers=auth), 504, "SERVICE_TIMEOUT")
    finally:
        await remote.upstreams.aclose()
        await remote.runtime.db.dispose()
        server.should_exit = True
        await task
