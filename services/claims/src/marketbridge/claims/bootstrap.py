"""Composition root of the claims service.

Skeleton until its issue is taken: it starts, serves /healthz, /readyz and /metrics, and consumes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import FastAPI
from marketbridge.runtime.config import ServiceSettings
from marketbridge.runtime.http import create_service_app


class Settings(ServiceSettings):
    service_name: str = "claims"


@dataclass
class ClaimsService:
    settings: Settings
    name: str = "claims"
    app: FastAPI = field(init=False)

    def __post_init__(self) -> None:
        self.app = create_service_app(service=self.name)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None


def build(settings: Settings | None = None) -> ClaimsService:
    return ClaimsService(settings or Settings())
