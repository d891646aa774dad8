"""What operations watch of the catalog: Excel import rows stored or refused, and jobs ended, by kind
(register/update). Counted after the commit, so a batch rolled back (e.g. a lost lease) counts nothing."""

from __future__ import annotations

from prometheus_client import Counter

IMPORT_ROWS = Counter("mb_catalog_import_rows_total", "Excel import rows processed", ["kind", "outcome"])
IMPORT_JOBS = Counter("mb_catalog_import_jobs_total", "Excel import jobs ended", ["kind", "status"])


def count_rows(kind: str, stored: int, refused: int) -> None:
    IMPORT_ROWS.labels(kind, "stored").inc(stored)
    IMPORT_ROWS.labels(kind, "refused").inc(refused)


def count_job(kind: str, status: str) -> None:
    IMPORT_JOBS.labels(kind, status).inc()
