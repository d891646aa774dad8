"""Settings of the connectors service and its per-marketplace workers."""

from __future__ import annotations

from marketbridge.runtime.config import ServiceSettings
from pydantic import model_validator

# A fixed Fernet key for development and tests only; production refuses it.
DEV_SECRETS_KEY = "bWFya2V0YnJpZGdlLWRldi1vbmx5LWtleS0wMDAwMDA="

DEFAULT_BASE_URLS = {
    "naver": "https://api.commerce.naver.com/external",
    "coupang": "https://api-gateway.coupang.com",
    "st11": "https://api.11st.co.kr",
    "gmarket": "https://sa2.esmplus.com",
    "auction": "https://sa2.esmplus.com",
    "lotteon": "https://openapi.lotteon.com",
    "interpark": "https://joinapi.interpark.com",
    "gsshop": "http://realapi.gsshop.com",
    "cjmall": "https://api.cjmall.com",
    "hmall": "https://openapi.hmall.com",
    "lottehs": "https://openapi.lotteimall.com",
    "publichs": "https://openapi.publichs.example",  # (modelled): 공영홈쇼핑 publishes no seller API
}
DEFAULT_RATE_LIMITS = {
    "naver": 10.0, "coupang": 8.0, "st11": 5.0, "interpark": 2.0, "gmarket": 5.0, "auction": 5.0,
    "lotteon": 150.0, "gsshop": 5.0, "cjmall": 5.0, "hmall": 5.0, "lottehs": 5.0, "publichs": 5.0,
}


class Settings(ServiceSettings):
    service_name: str = "connectors"
    database_schema: str | None = "connectors"
    secrets_key: str = DEV_SECRETS_KEY
    # marketplace code -> base URL of its seller API (the sandbox in development and tests)
    marketplace_base_urls: dict[str, str] = DEFAULT_BASE_URLS
    # calls per second per account: the marketplace's documented limit, or a cautious one where none is
    # published (11번가, 인터파크, ESM outside the order list, the 종합몰). ESM's order list also keeps its own
    # documented 1 call / 5 s inside the adapter.
    marketplace_rate_limits: dict[str, float] = DEFAULT_RATE_LIMITS
    http_timeout_seconds: float = 10.0
    worker_prefetch: int = 32
    auth_failures_before_attention: int = 3
    collection_attempts: int = 3

    @model_validator(mode="after")
    def _refuse_dev_key_in_production(self) -> Settings:
        if self.environment == "production" and self.secrets_key == DEV_SECRETS_KEY:
            raise ValueError("MB_SECRETS_KEY must be set to a secret Fernet key in production")
        return self
