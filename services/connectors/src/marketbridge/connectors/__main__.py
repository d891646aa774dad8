"""`python -m marketbridge.connectors serve` (accounts API + relay), `worker --marketplace naver`, `migrate`."""

from __future__ import annotations

import argparse
import asyncio

from marketbridge.connectors.bootstrap import build, build_worker
from marketbridge.connectors.config import Settings
from marketbridge.runtime.entry import run
from marketbridge.runtime.logging import configure_logging


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m marketbridge.connectors")
    parser.add_argument("command", choices=["serve", "worker", "migrate"], nargs="?", default="serve")
    parser.add_argument("--marketplace", help="the marketplace this worker serves (worker only)")
    args = parser.parse_args()
    settings = Settings()
    configure_logging(settings.service_name, settings.log_level, settings.log_json)
    if args.command == "migrate":
        asyncio.run(build(settings).runtime.migrate())
    elif args.command == "worker":
        if not args.marketplace:
            parser.error("worker needs --marketplace")
        run(build_worker(args.marketplace, settings), settings.http_host, settings.http_port)
    else:
        run(build(settings), settings.http_host, settings.http_port)


if __name__ == "__main__":
    main()
