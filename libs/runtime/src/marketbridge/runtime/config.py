"""Typed settings: every variable has the one prefix `MB_` (e.g. `MB_DATABASE_URL`)."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_INTERNAL_TOKEN = "dev-internal-token"


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MB_", extra="ignore")

    service_name: str = "marketbridge"
    environment: Literal["dev", "test", "production"] = "dev"
    database_url: str = "sqlite+aiosqlite:///./data/marketbridge.db"
    # PostgreSQL schema owned by this service (ignored on SQLite, where each service has its own file).
    database_schema: str | None = None
    bus: Literal["memory", "rabbitmq"] = "memory"
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    # Prefix of every exchange and queue, so that test runs and tenants of a broker never collide.
    namespace: str = "mb"
    prefetch: int = 64
    log_level: str = "INFO"
    log_json: bool = True
    internal_token: str = DEV_INTERNAL_TOKEN
    otel_exporter: Literal["none", "console", "otlp"] = "none"
    otel_endpoint: str | None = None
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    relay_batch_size: int = 500
    relay_idle_seconds: float = 0.05
    retry_delays_ms: tuple[int, ...] = (1000, 5000, 30000)
    max_attempts: int = 4

    @model_validator(mode="after")
    def _refuse_dev_secrets_in_production(self) -> ServiceSettings:
        if self.environment == "production" and self.internal_token == DEV_INTERNAL_TOKEN:
            raise ValueError("MB_INTERNAL_TOKEN must be set to a secret value in production")
        return self
