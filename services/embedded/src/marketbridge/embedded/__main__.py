"""`python -m marketbridge.embedded` (`make run`): the whole product in one process on http://127.0.0.1:8000."""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

import uvicorn
from marketbridge.embedded.host import EmbeddedHost
from marketbridge.runtime.logging import configure_logging


async def serve(host: EmbeddedHost) -> None:
    app = host.build().app
    await host.start()
    print(f"MarketBridge (embedded) on http://{host.host}:{host.port}  API docs: http://{host.host}:{host.port}/docs")
    print("Demo login: demo@marketbridge.local / demo  (POST /api/v1/auth/token)")
    config = uvicorn.Config(app, host=host.host, port=host.port, lifespan="off", log_config=None, access_log=False)
    try:
        await uvicorn.Server(config).serve()
    finally:
        await host.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m marketbridge.embedded")
    parser.add_argument("--host", default=os.environ.get("MB_HTTP_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("MB_HTTP_PORT", "8000")))
    parser.add_argument("--data-dir", default=os.environ.get("MB_DATA_DIR", "data"))
    args = parser.parse_args()
    configure_logging("embedded", os.environ.get("MB_LOG_LEVEL", "INFO"), json=os.environ.get("MB_LOG_JSON", "0") == "1")
    asyncio.run(serve(EmbeddedHost(data_dir=Path(args.data_dir), host=args.host, port=args.port)))


if __name__ == "__main__":
    main()
