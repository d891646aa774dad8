"""Gateway test fixtures: a gateway on a fresh PostgreSQL database, the in-memory bus, and a fake
downstream service (an ASGI app that echoes what it received) behind every route-table service."""

import asyncio
import socket
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

import httpx
import pytest
from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from marketbridge.contracts.envelope import Envelope
from marketbridge.gateway.bootstrap import Gateway, build, create_owner
from marketbridge.gateway.config import GatewaySettings
from marketbridge.gateway.domain.routes import SERVICES
from marketbridge.runtime.bus.base import Subscription
from marketbridge.runtime.bus.memory import InMemoryBus
from pydantic import BaseModel, create_model

INTERNAL_TOKEN = "test-internal-token"
DOWN_SERVICE = "claims"  # configured with a URL nobody listens on
OWNER_PASSWORD = "owner-pass-1"
USER_PASSWORD = "user-pass-1"


class CatalogProduct(BaseModel):
    id: str
    name: str


def echo_app(service: str) -> FastAPI:
    """A stand-in for a service: a few typed routes for its OpenAPI document, then an echo of everything."""
    app = FastAPI(title=service)
    if service == "catalog":

        @app.get("/api/v1/products/{product_id}", tags=["products"])
        async def get_product(
            product_id: str, x_mb_tenant_id: Annotated[str | None, Header()] = None
        ) -> CatalogProduct:
            return CatalogProduct(id=product_id, name="x")

        @app.get("/internal/rebuild")
        async def internal() -> dict[str, str]:
            return {}

    if service == "listing":

        # The component name catalog uses, with another shape: the merged document must keep both.
        same_name = create_model("CatalogProduct", listing_id=(str, ...))

        @app.get("/api/v1/listings/{listing_id}", tags=["listings"], response_model=same_name)
        async def get_listing(listing_id: str) -> Any:
            return {"listing_id": listing_id}

    @app.api_route("/api/v1/{path:path}", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
                   include_in_schema=False)
    async def echo(request: Request, path: str) -> Response:
        body = await request.body()
        status = int(request.query_params.get("echo_status", "200"))
        content = {
            "service": service,
            "method": request.method,
            "path": request.url.path,
            "query": request.url.query,
            "headers": dict(request.headers),
            "body": body.decode("utf-8", "replace"),
            "body_length": len(body),
        }
        headers = {"content-disposition": 'attachment; filename="x.json"', "x-upstream-private": "1"}
        return JSONResponse(content, status_code=status, headers=headers)

    return app


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Published:
    envelopes: list[Envelope] = field(default_factory=list)

    async def wait_for(self, type: str, timeout: float = 20.0) -> Envelope:
        for _ in range(int(timeout / 0.02)):
            for envelope in self.envelopes:
                if envelope.type == type:
                    return envelope
            await asyncio.sleep(0.02)
        raise AssertionError(f"{type} was not published; got {[e.type for e in self.envelopes]}")


@pytest.fixture
def settings(pg_url: str) -> GatewaySettings:
    return GatewaySettings(
        database_url=pg_url,
        environment="test",
        internal_token=INTERNAL_TOKEN,
        service_urls={DOWN_SERVICE: f"http://127.0.0.1:{closed_port()}"},
        upstream_connect_timeout_seconds=2.0,
        password_hash_time_cost=1,
        password_hash_memory_kib=1024,
    )


@pytest.fixture
def transports() -> dict[str, httpx.AsyncBaseTransport]:
    return {s: httpx.ASGITransport(app=echo_app(s)) for s in SERVICES if s != DOWN_SERVICE}


@pytest.fixture
async def published() -> Published:
    return Published()


@pytest.fixture
async def gateway(
    settings: GatewaySettings, transports: dict[str, httpx.AsyncBaseTransport], published: Published
) -> AsyncIterator[Gateway]:
    bus = InMemoryBus()

    async def record(envelope: Envelope) -> None:
        published.envelopes.append(envelope)

    await bus.subscribe(Subscription("test.gateway_events", ["gateway.#"], record, 1))
    gw = build(settings, bus=bus, transports=transports)
    await gw.start()
    yield gw
    await gw.stop()
    await bus.close()


@pytest.fixture
async def client(gateway: Gateway) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=gateway.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as c:
        yield c


async def sign_in(client: httpx.AsyncClient, email: str, password: str) -> dict[str, str]:
    response = await client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def login(client: httpx.AsyncClient) -> Callable[[str, str], Any]:
    """`headers = await login(email, password)`: the Authorization header of a fresh token."""

    async def do(email: str, password: str) -> dict[str, str]:
        return await sign_in(client, email, password)

    return do


@dataclass
class Seller:
    """A tenant with one user per role, each signed in."""

    tenant_id: str
    name: str
    users: dict[str, str]  # role -> user id
    emails: dict[str, str]  # role -> email
    auth: dict[str, dict[str, str]]  # role -> Authorization header


SellerFactory = Callable[[str, str], Any]


@pytest.fixture
def make_seller(gateway: Gateway, client: httpx.AsyncClient) -> SellerFactory:
    async def make(name: str, domain: str) -> Seller:
        owner_email = f"owner@{domain}"
        tenant_id, owner_id = await create_owner(gateway, name, owner_email, OWNER_PASSWORD, "대표")
        owner = await sign_in(client, owner_email, OWNER_PASSWORD)
        seller = Seller(tenant_id, name, {"owner": owner_id}, {"owner": owner_email}, {"owner": owner})
        for role in ("manager", "operator", "viewer"):
            email = f"{role}@{domain}"
            body = {"email": email, "display_name": f"{role} 담당", "role": role, "password": USER_PASSWORD}
            response = await client.post("/api/v1/users", json=body, headers=owner)
            assert response.status_code == 201, response.text
            seller.users[role], seller.emails[role] = response.json()["id"], email
            seller.auth[role] = await sign_in(client, email, USER_PASSWORD)
        return seller

    return make


@pytest.fixture
async def seller(make_seller: SellerFactory) -> Seller:
    seller: Seller = await make_seller("한빛상사", "hanbit.example.kr")
    return seller


@pytest.fixture
def expect_error() -> Callable[[httpx.Response, int, str], dict[str, Any]]:
    """`expect_error(response, 403, "FORBIDDEN")`: the status and the uniform error body with that code."""
    return assert_error


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    assert body["message"] and set(body) == {"code", "message", "errors"}, body
    assert all(set(e) == {"code", "field", "rule", "message"} for e in body["errors"]), body
    return body
