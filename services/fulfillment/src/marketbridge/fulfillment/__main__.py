"""`python -m marketbridge.fulfillment serve` (API + consumers + outbox relay) or `migrate`."""

from __future__ import annotations

import asyncio
import sys

from marketbridge.fulfillment.bootstrap import Settings, build
from marketbridge.runtime.entry import run
from marketbridge.runtime.logging import configure_logging


def main(argv: list[str]) -> None:
    settings = Settings()
    configure_logging(settings.service_name, settings.log_level, settings.log_json)
    command = argv[0] if argv else "serve"
    if command == "serve":
        run(build(settings), settings.http_host, settings.http_port)
    elif command == "migrate":
        asyncio.run(build(settings).runtime.migrate())
    else:
        raise SystemExit("usage: python -m marketbridge.fulfillment [serve|migrate]")


if __name__ == "__main__":
    main(sys.argv[1:])
