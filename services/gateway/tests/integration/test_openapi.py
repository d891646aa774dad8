import httpx
from marketbridge.gateway.bootstrap import build


class Flaky(httpx.AsyncBaseTransport):
    """Down until `up` is set; counts what reached the service."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner, self.up, self.calls = inner, False, 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not self.up:
            raise httpx.ConnectError("connection refused", request=request)
        self.calls += 1
        return await self.inner.handle_async_request(request)


async def test_openapi_merges_the_gateway_and_every_service(client) -> None:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    paths = doc["paths"]
    assert {"/api/v1/auth/token", "/api/v1/me", "/api/v1/me/password", "/api/v1/users", "/api/v1/users/{user_id}",
            "/api/v1/tenant"} <= set(paths)
    assert {"/api/v1/products/{product_id}", "/api/v1/listings/{listing_id}"} <= set(paths)
    assert "/internal/rebuild" not in paths and "/api/v1/{path}" not in paths and "/healthz" not in paths
    product = paths["/api/v1/products/{product_id}"]["get"]
    assert [p["name"] for p in product["parameters"]] == ["product_id"]
    assert product["security"] == [{"OAuth2PasswordBearer": []}]
    schemas = doc["components"]["schemas"]
    assert set(schemas["CatalogProduct"]["properties"]) == {"id", "name"}
    assert set(schemas["listing_CatalogProduct"]["properties"]) == {"listing_id"}
    listing_schema = paths["/api/v1/listings/{listing_id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert listing_schema["schema"] == {"$ref": "#/components/schemas/listing_CatalogProduct"}
    assert doc["components"]["securitySchemes"]["OAuth2PasswordBearer"]["flows"]["password"]["tokenUrl"] == (
        "/api/v1/auth/token")
    assert doc["x-marketbridge-unavailable-services"] == ["claims"]


async def test_docs_page_reads_the_merged_document(client) -> None:
    response = await client.get("/docs")
    assert response.status_code == 200 and "/openapi.json" in response.text


async def test_a_service_document_is_cached_and_fetched_again_while_unavailable(settings, transports) -> None:
    catalog = Flaky(transports["catalog"])
    gateway = build(settings, transports={**transports, "catalog": catalog})
    await gateway.start()
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway.app), base_url="http://gw") as client:
            first = (await client.get("/openapi.json")).json()
            assert "/api/v1/products/{product_id}" not in first["paths"]
            assert "catalog" in first["x-marketbridge-unavailable-services"]
            catalog.up = True
            second = (await client.get("/openapi.json")).json()
            assert "/api/v1/products/{product_id}" in second["paths"]
            assert "catalog" not in second["x-marketbridge-unavailable-services"]
            third = (await client.get("/openapi.json")).json()
            assert third == second and catalog.calls == 1  # cached
    finally:
        await gateway.stop()
