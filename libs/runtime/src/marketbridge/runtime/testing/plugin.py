"""pytest plugin (loaded by the root pyproject): fixtures for real PostgreSQL and RabbitMQ.

- `pg_database_url`: a fresh PostgreSQL database for the whole session (dropped at the end).
- `pg_url`: a fresh database per test (for tests that need an empty one).
- `amqp_url`, `namespace`: RabbitMQ and a unique exchange/queue prefix per test; everything under the
  session's prefix is deleted when the session ends.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from marketbridge.runtime.testing import servers

SESSION_PREFIX = f"mbt{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="session")
def session_prefix() -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{SESSION_PREFIX}{worker}"


@pytest.fixture(scope="session")
def amqp_url(session_prefix: str) -> Iterator[str]:
    servers.run(servers.check_rabbitmq())
    yield servers.AMQP_URL
    servers.run(servers.delete_namespace(session_prefix))


@pytest.fixture
def namespace(amqp_url: str, session_prefix: str) -> str:
    return f"{session_prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str]:
    name = servers.run(servers.create_database())
    yield servers.asyncpg_url(name)
    servers.run(servers.drop_database(name))


@pytest.fixture
def pg_url() -> Iterator[str]:
    name = servers.run(servers.create_database())
    yield servers.asyncpg_url(name)
    servers.run(servers.drop_database(name))
