"""Alembic environment of the gateway: one history, run by the runtime (`run_env`)."""

from marketbridge.gateway.adapters.tables import metadata
from marketbridge.runtime.migrations import run_env

run_env(metadata)
