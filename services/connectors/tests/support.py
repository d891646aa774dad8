"""Helpers the marketplace folders share (plain functions; the fixtures are in conftest.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from marketbridge.connectors.errors import TransientMarketplaceError

AdminCall = Callable[..., Awaitable[Any]]
"""`await admin("POST", "/orders", json={...})` -> the decoded answer of the emulator's admin API."""


def admin_caller(client: httpx.AsyncClient) -> AdminCall:
    async def call(method: str, path: str, **kwargs: Any) -> Any:
        response = await client.request(method, path, **kwargs)
        assert response.status_code < 300, response.text
        return response.json() if response.content else None

    return call


async def transient_after_fault(
    admin: AdminCall, path_pattern: str, kind: str, call: Callable[[], Awaitable[Any]]
) -> TransientMarketplaceError:
    """Inject one `kind` fault on the calls matching `path_pattern`; `call` must raise a transient error."""
    await admin("POST", "/faults", json={"path_pattern": path_pattern, "kind": kind, "count": 1})
    with pytest.raises(TransientMarketplaceError) as caught:
        await call()
    return caught.value
