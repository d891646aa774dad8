from typing import Any

from marketbridge.gateway.adapters.openapi import merge


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


OWN: dict[str, Any] = {
    "openapi": "3.1.0",
    "paths": {"/api/v1/me": {"get": {"responses": {}}}},
    "components": {"schemas": {"ErrorBody": {"type": "object"}}, "securitySchemes": {"OAuth2PasswordBearer": {}}},
}


def service_doc(paths: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "paths": paths, "components": {"schemas": schemas}, "tags": [{"name": "x"}]}


def test_keeps_only_the_paths_the_route_table_gives_each_service() -> None:
    catalog = service_doc(
        {"/api/v1/products": {"get": {}}, "/internal/rebuild": {"post": {}}, "/api/v1/orders": {"get": {}}}, {}
    )
    doc = merge(OWN, {"catalog": catalog}, [])
    assert set(doc["paths"]) == {"/api/v1/me", "/api/v1/products"}
    assert OWN["paths"].keys() == {"/api/v1/me"}  # the gateway's own document is not mutated


def test_public_operations_use_bearer_auth_instead_of_internal_headers() -> None:
    operation = {
        "parameters": [
            {"name": "x-mb-tenant-id", "in": "header"},
            {"name": "X-MB-Internal-Token", "in": "header"},
            {"name": "page", "in": "query"},
        ]
    }
    doc = merge(OWN, {"catalog": service_doc({"/api/v1/products": {"get": operation}}, {})}, [])
    public = doc["paths"]["/api/v1/products"]["get"]
    assert public["parameters"] == [{"name": "page", "in": "query"}]
    assert public["security"] == [{"OAuth2PasswordBearer": []}]


def test_identical_components_are_shared_and_conflicting_ones_renamed_with_their_refs() -> None:
    catalog = service_doc(
        {"/api/v1/products": {"get": {"responses": {"200": {"schema": ref("Product")}}}}},
        {"Product": {"properties": {"name": {}}}, "ErrorBody": {"type": "object"}},
    )
    listing = service_doc(
        {"/api/v1/listings": {"get": {"responses": {"200": {"schema": ref("Listing")}}}}},
        {
            "Product": {"properties": {"listing_id": {}}},
            "Listing": {"properties": {"product": ref("Product")}},
            "ErrorBody": {"type": "object"},
        },
    )
    doc = merge(OWN, {"catalog": catalog, "listing": listing}, [])
    schemas = doc["components"]["schemas"]
    assert schemas["Product"] == {"properties": {"name": {}}}
    assert schemas["listing_Product"] == {"properties": {"listing_id": {}}}
    assert schemas["Listing"] == {"properties": {"product": ref("listing_Product")}}
    assert "catalog_ErrorBody" not in schemas and "listing_ErrorBody" not in schemas
    assert doc["paths"]["/api/v1/products"]["get"]["responses"]["200"]["schema"] == ref("Product")


def test_names_the_services_whose_documents_are_missing() -> None:
    assert merge(OWN, {}, ["claims"])["x-marketbridge-unavailable-services"] == ["claims"]
    assert "x-marketbridge-unavailable-services" not in merge(OWN, {}, [])
