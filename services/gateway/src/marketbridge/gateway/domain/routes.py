"""The public route table: which service owns a path prefix, and the least role each method needs.

This is the one place that knows it; the gateway holds no other business rule of the services.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from marketbridge.gateway.domain.model import Role

READ_METHODS = ("GET", "HEAD")
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Route:
    prefix: str
    service: str
    roles: Mapping[str, Role]  # HTTP method → least role; a method not listed is not allowed

    def matches(self, path: str) -> bool:
        return path == self.prefix or path.startswith(self.prefix + "/")


def _roles(*, write: Role, read: Role = "viewer") -> dict[str, Role]:
    return {**dict.fromkeys(READ_METHODS, read), **dict.fromkeys(WRITE_METHODS, write)}


ROUTES: tuple[Route, ...] = (
    Route("/api/v1/products", "catalog", _roles(write="manager")),
    Route("/api/v1/categories", "catalog", _roles(write="manager")),
    Route("/api/v1/listings", "listing", _roles(write="manager")),
    Route("/api/v1/marketplace-accounts", "connectors", _roles(write="manager")),
    Route("/api/v1/marketplaces", "connectors", _roles(write="manager")),
    Route("/api/v1/sync-logs", "connectors", _roles(write="manager")),
    Route("/api/v1/collections", "order-collector", _roles(write="operator")),
    Route("/api/v1/orders", "fulfillment", _roles(write="operator")),
    Route("/api/v1/claims", "claims", _roles(write="operator")),
    Route("/api/v1/inquiries", "inquiries", _roles(write="operator")),
    Route("/api/v1/statistics", "analytics", _roles(write="manager")),
)

SERVICES: tuple[str, ...] = tuple(dict.fromkeys(r.service for r in ROUTES))


def resolve(path: str, routes: tuple[Route, ...] = ROUTES) -> Route | None:
    """The route owning `path`; None for an unknown prefix or a path with dot segments."""
    if any(segment in (".", "..") for segment in path.split("/")):
        return None
    return next((r for r in routes if r.matches(path)), None)


def owner_of(path: str, routes: tuple[Route, ...] = ROUTES) -> str | None:
    route = resolve(path, routes)
    return route.service if route else None
