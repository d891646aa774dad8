"""`python -m marketbridge.order_collector serve` (API + consumers + outbox relay + scheduler), `migrate`, or
`trigger [--tenant-id ID]` (one-shot scheduled collection, run by a Kubernetes CronJob)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from marketbridge.order_collector.bootstrap import Settings, build
from marketbridge.order_collector.entrypoints.scheduler import trigger
from marketbridge.runtime.entry import run
from marketbridge.runtime.logging import configure_logging


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m marketbridge.order_collector")
    parser.add_argument("command", nargs="?", default="serve", choices=["serve", "migrate", "trigger"])
    parser.add_argument("--tenant-id", default=None, help="trigger: only this tenant's accounts")
    args = parser.parse_args(argv)
    settings = Settings()
    configure_logging(settings.service_name, settings.log_level, settings.log_json)
    if args.command == "serve":
        run(build(settings), settings.http_host, settings.http_port)
    elif args.command == "migrate":
        asyncio.run(build(settings).runtime.migrate())
    else:
        settings.scheduler_enabled = False
        asyncio.run(trigger(build(settings), args.tenant_id))


if __name__ == "__main__":
    main(sys.argv[1:])
