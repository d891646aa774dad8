"""The part of CONNECTORS.md's Driver that is the same for every emulator: calling its admin API and
injecting / clearing faults (core.admin serves those routes alike everywhere). Each dialect's Driver
subclasses it with its admin mount and the rest of the contract (sellers, orders, claims, ledgers)."""

from __future__ import annotations

from typing import Any

import httpx


class AdminDriver:
    admin: str  # where the admin API is mounted, e.g. "/st11/admin"
    # None: a failed call raises httpx.HTTPStatusError; else this type, with "<label> admin <method> <path>: …"
    failure: type[Exception] | None = None
    label: str = ""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.client.request(method, f"{self.admin}{path}", **kwargs)
        if self.failure is None:
            response.raise_for_status()
        elif response.status_code >= 300:
            raise self.failure(f"{self.label} admin {method} {path}: {response.status_code} {response.text}")
        return response.json() if response.content else None

    async def inject_fault(
        self, path_pattern: str, kind: str, probability: float = 1.0, count: int | None = None, phase: str = "before"
    ) -> None:
        await self._call(
            "POST",
            "/faults",
            json={
                "path_pattern": path_pattern,
                "kind": kind,
                "probability": probability,
                "count": count,
                "phase": phase,
            },
        )

    async def clear_faults(self) -> None:
        await self._call("DELETE", "/faults")
