"""Gateway settings: the runtime's `MB_` settings plus JWT, upstream services and timeouts."""

from __future__ import annotations

from marketbridge.runtime.config import ServiceSettings
from pydantic import Field, model_validator

DEV_JWT_SECRET = "dev-jwt-secret-not-for-production-0123456789"


class GatewaySettings(ServiceSettings):
    service_name: str = "gateway"
    database_schema: str | None = "gateway"
    # MB_JWT_SECRET: HS256 signing key; the dev default is refused when MB_ENVIRONMENT=production.
    jwt_secret: str = DEV_JWT_SECRET
    jwt_ttl_seconds: int = Field(default=3600, gt=0)
    # MB_SERVICE_URLS='{"catalog": "http://127.0.0.1:8101", ...}' (service name → base URL).
    service_urls: dict[str, str] = Field(default_factory=dict)
    # Argon2id cost (argon2-cffi defaults); lower only for tests or very small machines.
    password_hash_time_cost: int = Field(default=3, ge=1)
    password_hash_memory_kib: int = Field(default=65536, ge=1024)
    upstream_connect_timeout_seconds: float = Field(default=3.0, gt=0)
    upstream_timeout_seconds: float = Field(default=30.0, gt=0)
    openapi_timeout_seconds: float = Field(default=5.0, gt=0)
    openapi_cache_seconds: float = Field(default=300.0, ge=0)

    @model_validator(mode="after")
    def _refuse_dev_jwt_secret_in_production(self) -> GatewaySettings:
        if self.environment == "production" and (
            self.jwt_secret == DEV_JWT_SECRET or len(self.jwt_secret.encode()) < 32
        ):
            raise ValueError("MB_JWT_SECRET must be set to a secret of at least 32 bytes in production")
        return self
