"""Serving product XML for 인터파크 to pull: the adapter puts a document here and hands 인터파크 its URL
(`dataUrl`); 인터파크 fetches it while the call is in progress, then the adapter withdraws it.

`ProductFeed` is the port. Two ways to serve it:

- `MountedProductFeed` + `feed_router(store)`: the connectors service mounts the router (e.g. at
  `/interpark/feed`) on its public HTTP app and sets `MB_INTERPARK_FEED_BASE_URL` to the public URL of
  that mount; documents live in the process-wide `shared_store()`.
- `LocalProductFeed`: a tiny HTTP server started on first use inside the running event loop
  (`MB_INTERPARK_FEED_HOST` / `MB_INTERPARK_FEED_PORT`, default 127.0.0.1 and a free port;
  `MB_INTERPARK_FEED_PUBLIC_URL` when the marketplace must reach it through another address). Tests,
  the embedded mode and the sandbox use it.

Tokens are random (unguessable) and documents expire after `ttl` seconds even if never withdrawn.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from fastapi import APIRouter

MEDIA_TYPE = "text/xml;charset=euc-kr"


class ProductFeed(Protocol):
    async def publish(self, document: bytes) -> str:
        """Store one document; answer the URL the marketplace can fetch it from."""

    async def withdraw(self, url: str) -> None: ...

    async def aclose(self) -> None: ...


class FeedStore:
    def __init__(self, ttl: float = 600.0) -> None:
        self.ttl = ttl
        self._docs: dict[str, tuple[bytes, float]] = {}

    def put(self, document: bytes) -> str:
        now = time.monotonic()
        for token in [t for t, (_, expires) in self._docs.items() if expires < now]:
            del self._docs[token]
        token = secrets.token_urlsafe(24)
        self._docs[token] = (document, now + self.ttl)
        return token

    def get(self, token: str) -> bytes | None:
        found = self._docs.get(token)
        if found is None or found[1] < time.monotonic():
            return None
        return found[0]

    def drop(self, token: str) -> None:
        self._docs.pop(token, None)


def token_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".xml")


_SHARED = FeedStore()


def shared_store() -> FeedStore:
    return _SHARED


class MountedProductFeed:
    """Documents served by `feed_router(store)` mounted on the connectors service at `base_url`."""

    def __init__(self, base_url: str, store: FeedStore | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.store = store or shared_store()

    async def publish(self, document: bytes) -> str:
        return f"{self.base_url}/{self.store.put(document)}.xml"

    async def withdraw(self, url: str) -> None:
        self.store.drop(token_of(url))

    async def aclose(self) -> None:
        return None


def feed_router(store: FeedStore | None = None) -> APIRouter:
    """`GET /{token}.xml` -> the document (EUC-KR XML) or 404; mount it under the feed base URL."""
    from fastapi import APIRouter
    from starlette.responses import Response

    documents = store or shared_store()
    router = APIRouter()

    @router.get("/{name}")
    async def product_document(name: str) -> Response:
        body = documents.get(token_of(name))
        if body is None:
            return Response(status_code=404)
        return Response(body, media_type=MEDIA_TYPE, headers={"Cache-Control": "no-store"})

    return router


class LocalProductFeed:
    """A minimal HTTP/1.1 server (GET only, one request per connection) in the running loop."""

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, public_url: str | None = None, store: FeedStore | None = None
    ) -> None:
        self.host, self.port, self.public_url = host, port, public_url
        self.store = store or FeedStore()
        self._server: asyncio.Server | None = None
        self._lock = asyncio.Lock()

    async def start(self) -> str:
        async with self._lock:
            if self._server is None:
                self._server = await asyncio.start_server(self._serve, self.host, self.port)
                self.port = self._server.sockets[0].getsockname()[1]
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/") + "/interpark/feed"

    async def publish(self, document: bytes) -> str:
        return f"{await self.start()}/{self.store.put(document)}.xml"

    async def withdraw(self, url: str) -> None:
        self.store.drop(token_of(url))

    async def aclose(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = await asyncio.wait_for(reader.readline(), 10)
            while (await asyncio.wait_for(reader.readline(), 10)) not in (b"\r\n", b"\n", b""):
                pass
            parts = request_line.decode("latin-1").split()
            body = self.store.get(token_of(parts[1].split("?")[0])) if len(parts) >= 2 and parts[0] == "GET" else None
            head = (
                f"HTTP/1.1 200 OK\r\nContent-Type: {MEDIA_TYPE}\r\n"
                if body is not None
                else "HTTP/1.1 404 Not Found\r\n"
            )
            payload = body or b""
            writer.write(f"{head}Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode() + payload)
            await writer.drain()
        except (TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()


_PROCESS_FEED: LocalProductFeed | None = None


def default_feed() -> tuple[ProductFeed, bool]:
    """The feed an adapter uses when none is given, and whether the adapter owns (closes) it.

    `MB_INTERPARK_FEED_BASE_URL` set: the mounted feed (shared store). A fixed `MB_INTERPARK_FEED_PORT`:
    one local server for the whole process (adapters share it). Otherwise each adapter starts its own
    local server on a free port and closes it with the adapter.
    """
    global _PROCESS_FEED
    base = os.environ.get("MB_INTERPARK_FEED_BASE_URL")
    if base:
        return MountedProductFeed(base), False
    host = os.environ.get("MB_INTERPARK_FEED_HOST", "127.0.0.1")
    port = int(os.environ.get("MB_INTERPARK_FEED_PORT", "0"))
    public = os.environ.get("MB_INTERPARK_FEED_PUBLIC_URL") or None
    if port == 0:
        return LocalProductFeed(host, 0, public), True
    if _PROCESS_FEED is None:
        _PROCESS_FEED = LocalProductFeed(host, port, public)
    return _PROCESS_FEED, False
