"""Forwarding: authenticate, find the owning service in the route table, check the role, then pass the
request on (method, path, query, body, content type) with the identity headers and stream the answer back."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse
from marketbridge.gateway.adapters.upstream import FORWARDED_REQUEST_HEADERS, Upstreams, identity_headers
from marketbridge.gateway.domain import errors, routes
from marketbridge.gateway.domain.model import Principal
from marketbridge.gateway.entrypoints.security import CurrentPrincipal
from starlette.background import BackgroundTask

PROXY_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
FORWARDED_RESPONSE_HEADERS = (
    "content-type",
    "content-length",
    "content-encoding",
    "content-disposition",
    "cache-control",
    "etag",
    "last-modified",
    "location",
    "retry-after",
)


def proxy_router(upstreams: Upstreams, current_principal: CurrentPrincipal, internal_token: str) -> APIRouter:
    router = APIRouter()

    @router.api_route("/api/v1/{path:path}", methods=PROXY_METHODS, include_in_schema=False)
    async def forward(request: Request, principal: Annotated[Principal, Depends(current_principal)]) -> Response:
        route = routes.resolve(request.url.path)
        if route is None:
            raise errors.route_not_found()
        minimum = route.roles.get(request.method)
        if minimum is None:
            raise errors.method_not_allowed()
        if not principal.at_least(minimum):
            raise errors.forbidden()
        return await _forward(upstreams, route.service, request, principal, internal_token)

    return router


async def _forward(
    upstreams: Upstreams, service: str, request: Request, principal: Principal, internal_token: str
) -> Response:
    client = upstreams.client(service)
    headers = {k: v for k in FORWARDED_REQUEST_HEADERS if (v := request.headers.get(k)) is not None}
    headers["accept-encoding"] = request.headers.get("accept-encoding", "identity")
    headers.update(identity_headers(principal, request.headers["x-mb-correlation-id"], internal_token))
    has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
    upstream_request = client.build_request(
        request.method, _target(request), headers=headers, content=request.stream() if has_body else None
    )
    response = await upstreams.send(service, upstream_request)
    passed = {k: v for k in FORWARDED_RESPONSE_HEADERS if (v := response.headers.get(k)) is not None}
    return StreamingResponse(
        response.aiter_raw(), status_code=response.status_code, headers=passed, background=BackgroundTask(response.aclose)
    )


def _target(request: Request) -> str:
    """The path exactly as the client encoded it (some ASGI servers put the query into raw_path), and its query."""
    raw_path: bytes = request.scope.get("raw_path") or request.url.path.encode()
    path = raw_path.split(b"?", 1)[0].decode("latin-1")
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path
