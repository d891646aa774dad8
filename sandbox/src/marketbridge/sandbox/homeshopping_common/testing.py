"""Test helper: the sandbox app for the home-shopping dialects' tests.

Normally `marketbridge.sandbox.app.create_app(state)`. While another dialect package is half-built in a
shared working tree (create_app then fails to mount it), tests fall back to an app with only the dialect
under test mounted the same way create_app mounts it, so one team's work in progress does not break
another's suite. The fallback is logged.
"""

from __future__ import annotations

import importlib
import logging

from fastapi import FastAPI
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.state import SandboxState

log = logging.getLogger(__name__)


def sandbox_app(state: SandboxState, dialect: str) -> FastAPI:
    try:
        return create_app(state)
    except Exception as exc:
        log.warning("create_app failed (%s); mounting only %s", exc, dialect)
        app = FastAPI()
        app.state.sandbox = state
        importlib.import_module(f"marketbridge.sandbox.{dialect}").mount(app, state.dialect(dialect))
        return app
