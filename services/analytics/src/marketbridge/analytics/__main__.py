"""`python -m marketbridge.analytics serve`."""

from __future__ import annotations

import sys

from marketbridge.analytics.bootstrap import Settings, build
from marketbridge.runtime.entry import run
from marketbridge.runtime.logging import configure_logging


def main(argv: list[str]) -> None:
    if argv[:1] not in ([], ["serve"]):
        raise SystemExit("usage: python -m marketbridge.analytics serve")
    settings = Settings()
    configure_logging(settings.service_name, settings.log_level, settings.log_json)
    run(build(settings), settings.http_host, settings.http_port)


if __name__ == "__main__":
    main(sys.argv[1:])
