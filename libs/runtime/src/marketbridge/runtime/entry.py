"""Process entrypoints: every deployable is `python -m marketbridge.<svc> serve`, which starts the
service, serves its HTTP app (API, /healthz, /readyz, /metrics) and stops gracefully on SIGTERM."""

from __future__ import annotations

import asyncio
from typing import Protocol

import uvicorn
from fastapi import FastAPI


class Service(Protocol):
    """What the embedded host and the process entrypoint need of every service."""

    name: str
    app: FastAPI

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


async def serve(service: Service, host: str, port: int) -> None:
    await service.start()
    # keep-alive longer than the gateway's pooled connections stay idle (no reuse-after-close ReadErrors)
    config = uvicorn.Config(
        service.app, host=host, port=port, lifespan="off", log_config=None, access_log=False, timeout_keep_alive=120
    )
    server = uvicorn.Server(config)
    try:
        await server.serve()  # returns on SIGINT/SIGTERM
    finally:
        await service.stop()


def run(service: Service, host: str, port: int) -> None:
    asyncio.run(serve(service, host, port))
