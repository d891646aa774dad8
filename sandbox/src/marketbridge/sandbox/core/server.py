"""Serve an ASGI app with uvicorn inside the running event loop (tests, embedded runs).

    async with serve_in_loop(create_app(state)) as base_url:
        ...  # base_url == "http://127.0.0.1:<free port>"
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn


@asynccontextmanager
async def serve_in_loop(app: Any, host: str = "127.0.0.1", port: int = 0,
                        log_level: str = "warning") -> AsyncIterator[str]:
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted sockets only for that proto
    # (without it, Nagle + delayed ACK add ~40 ms to every answer)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    # keep-alive well beyond any client's idle time: a server closing a pooled connection just as the client
    # reuses it shows up as a spurious ReadError
    config = uvicorn.Config(app, log_level=log_level, lifespan="off", access_log=False,
                            timeout_graceful_shutdown=1, timeout_keep_alive=120)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            if task.done():
                await task
                raise RuntimeError("sandbox server stopped before it started")
            await asyncio.sleep(0.005)
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        try:
            await asyncio.wait_for(task, timeout=10)
        except TimeoutError:
            server.force_exit = True
            task.cancel()
        sock.close()
