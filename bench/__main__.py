"""`python -m bench` (make bench): run every benchmark, print the figures, write bench/results/latest.json.

`python -m bench ingest connectors_bench` runs only those."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys

from marketbridge.runtime.logging import configure_logging

from bench.results import Results

BENCHMARKS = ("ingest", "connectors_bench", "catalog_bench")


def main(names: list[str]) -> None:
    # in-process adapters log every call at debug level: printing those would be measured with the parsing
    configure_logging("bench", os.environ.get("MB_LOG_LEVEL", "WARNING"), json=False)
    results = Results()
    for name in names or BENCHMARKS:
        if importlib.util.find_spec(f"bench.{name}") is None:
            raise SystemExit(f"no benchmark bench/{name}.py")
        importlib.import_module(f"bench.{name}").main(results)
    results.write()


if __name__ == "__main__":
    main(sys.argv[1:])
