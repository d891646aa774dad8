import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from marketbridge.gateway.adapters.tokens import Tokens
from marketbridge.gateway.config import DEV_JWT_SECRET, GatewaySettings
from marketbridge.gateway.domain.model import User
from marketbridge.runtime.errors import DomainError
from pydantic import ValidationError

SECRET = "unit-test-secret-unit-test-secret-0123"
USER = User("user-1", "tenant-1", "a@b.kr", "이름", "manager", True, datetime.now(UTC))


def test_issues_hs256_tokens_with_the_standard_claims() -> None:
    now = datetime.now(UTC)
    issued = Tokens(SECRET, 600).issue(USER, now)
    assert jwt.get_unverified_header(issued.access_token)["alg"] == "HS256"
    claims = jwt.decode(issued.access_token, SECRET, algorithms=["HS256"])
    assert set(claims) == {"sub", "tid", "role", "exp", "iat", "jti"}
    assert (claims["sub"], claims["tid"], claims["role"]) == ("user-1", "tenant-1", "manager")
    assert claims["exp"] - claims["iat"] == 600 == issued.expires_in


def test_refuses_expired_tokens() -> None:
    issued = Tokens(SECRET, 60).issue(USER, datetime.now(UTC) - timedelta(hours=1))
    with pytest.raises(DomainError) as caught:
        Tokens(SECRET, 60).decode(issued.access_token)
    assert (caught.value.code, caught.value.status) == ("TOKEN_EXPIRED", 401)


def test_refuses_tampered_tokens_other_keys_and_alg_none() -> None:
    tokens = Tokens(SECRET, 60)
    good = tokens.issue(USER, datetime.now(UTC)).access_token
    header, _payload, signature = good.split(".")
    claims = jwt.decode(good, SECRET, algorithms=["HS256"])
    forged_payload = jwt.utils.base64url_encode(json.dumps({**claims, "role": "owner"}).encode()).decode()
    candidates = [
        f"{header}.{forged_payload}.{signature}",
        jwt.encode(claims, "another-secret-another-secret-0123", algorithm="HS256"),
        jwt.encode(claims, None, algorithm="none"),
        jwt.encode({k: v for k, v in claims.items() if k != "jti"}, SECRET, algorithm="HS256"),
        "not-a-token",
    ]
    for token in candidates:
        with pytest.raises(DomainError) as caught:
            tokens.decode(token)
        assert caught.value.code == "TOKEN_INVALID", token


def test_production_refuses_the_dev_jwt_secret() -> None:
    with pytest.raises(ValidationError, match="MB_JWT_SECRET"):
        GatewaySettings(environment="production", internal_token="prod-internal-token", jwt_secret=DEV_JWT_SECRET)
    settings = GatewaySettings(environment="production", internal_token="prod-token", jwt_secret="s" * 40)
    assert settings.jwt_secret == "s" * 40


def test_reads_service_urls_and_secret_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MB_SERVICE_URLS", '{"catalog": "http://127.0.0.1:8101"}')
    monkeypatch.setenv("MB_JWT_SECRET", "from-env-secret-from-env-secret-0000")
    monkeypatch.setenv("MB_UPSTREAM_TIMEOUT_SECONDS", "7.5")
    settings = GatewaySettings()
    assert settings.service_urls == {"catalog": "http://127.0.0.1:8101"}
    assert settings.jwt_secret == "from-env-secret-from-env-secret-0000"
    assert settings.upstream_timeout_seconds == 7.5
    assert settings.service_name == "gateway"
