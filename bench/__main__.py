"""`python -m bench` (make bench): run every benchmark, print the figures, write bench/results/latest.json."""

from __future__ import annotations

from bench import ingest
from bench.results import Results


def main() -> None:
    results = Results()
    ingest.main(results)
    results.write()


if __name__ == "__main__":
    main()
