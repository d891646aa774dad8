"""Settings of the connectors service and its per-marketplace workers."""

from __future__ import annotations

from marketbridge.runtime.config import ServiceSettings
from pydantic import model_validator

# A fixed Fernet key for development and tests only; production refuses it.
DEV_SECRETS_KEY = "bWFya2V0YnJpZGdlLWRldi1vbmx5LWtleS0wMDAwMDA="

DEFAULT_BASE_URLS = {"naver": "https://api.commerce.naver.com/external"}


class Settings(ServiceSettings):
    service_name: str = "connectors"
    database_schema: str | None = "connectors"
    secrets_key: str = DEV_SECRETS_KEY
    # marketplace code -> base URL of its seller API (the sandbox in development and tests)
    marketplace_base_urls: dict[str, str] = DEFAULT_BASE_URLS
    # calls per second per account (the marketplace's documented limit, or lower)
    marketplace_rate_limits: dict[str, float] = {"naver": 10.0}
    http_timeout_seconds: float = 10.0
    worker_prefetch: int = 32
    auth_failures_before_attention: int = 3
    collection_attempts: int = 3

    @model_validator(mode="after")
    def _refuse_dev_key_in_production(self) -> Settings:
        if self.environment == "production" and self.secrets_key == DEV_SECRETS_KEY:
            raise ValueError("MB_SECRETS_KEY must be set to a secret Fernet key in production")
        return self
