import pytest
from marketbridge.gateway.domain.routes import ROUTES, resolve

# The route table as the spec states it: prefix -> (service, least role for writes).
EXPECTED = {
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


def test_route_table_matches_the_spec() -> None:
    assert {r.prefix: r.service for r in ROUTES} == {p: s for p, (s, _) in EXPECTED.items()}
    for route in ROUTES:
        write = EXPECTED[route.prefix][1]
        assert route.roles == {"GET": "viewer", "HEAD": "viewer", "POST": write, "PUT": write, "PATCH": write,
                               "DELETE": write}


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/api/v1/products", "catalog"),
        ("/api/v1/products/p-1/options", "catalog"),
        ("/api/v1/marketplaces", "connectors"),
        ("/api/v1/marketplace-accounts/a-1", "connectors"),
        ("/api/v1/orders/o-1/invoice", "fulfillment"),
    ],
)
def test_resolves_a_path_to_the_service_owning_its_prefix(path: str, service: str) -> None:
    route = resolve(path)
    assert route is not None and route.service == service


@pytest.mark.parametrize(
    "path", ["/api/v1/productsx", "/api/v1/unknown", "/api/v1", "/api/v2/products", "/api/v1/products/../users"]
)
def test_unknown_prefixes_and_dot_segments_resolve_to_nothing(path: str) -> None:
    assert resolve(path) is None
