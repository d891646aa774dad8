from datetime import UTC, datetime, timedelta

import jwt
from marketbridge.gateway.adapters.tokens import Tokens
from marketbridge.gateway.domain.model import User

PASSWORD = "owner-pass-1"


async def test_login_answers_a_bearer_token_for_the_user(client, gateway, seller) -> None:
    response = await client.post("/api/v1/auth/token", data={"username": "OWNER@hanbit.example.kr", "password": PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == gateway.settings.jwt_ttl_seconds
    claims = jwt.decode(body["access_token"], gateway.settings.jwt_secret, algorithms=["HS256"])
    assert (claims["sub"], claims["tid"], claims["role"]) == (seller.users["owner"], seller.tenant_id, "owner")
    assert {"exp", "iat", "jti"} <= set(claims)


async def test_wrong_password_or_unknown_email_is_invalid_credentials(client, seller, expect_error) -> None:
    for username, password in [("owner@hanbit.example.kr", "wrong-pass-1"), ("nobody@hanbit.example.kr", PASSWORD)]:
        response = await client.post("/api/v1/auth/token", data={"username": username, "password": password})
        body = expect_error(response, 401, "INVALID_CREDENTIALS")
        assert "비밀번호" in body["message"]
        assert response.headers["www-authenticate"] == "Bearer"


async def test_login_needs_the_form_fields(client, expect_error) -> None:
    response = await client.post("/api/v1/auth/token", data={"username": "a@b.kr"})
    body = expect_error(response, 400, "VALIDATION_FAILED")
    assert body["errors"][0]["code"] == "FIELD_REQUIRED" and body["errors"][0]["field"] == "password"


async def test_inactive_user_cannot_log_in_and_its_token_stops_working(client, seller, expect_error) -> None:
    viewer_token = seller.auth["viewer"]
    assert (await client.get("/api/v1/me", headers=viewer_token)).status_code == 200
    response = await client.patch(f"/api/v1/users/{seller.users['viewer']}", json={"active": False},
                                  headers=seller.auth["owner"])
    assert response.status_code == 200 and response.json()["active"] is False
    expect_error(await client.get("/api/v1/me", headers=viewer_token), 403, "USER_INACTIVE")
    expect_error(await client.get("/api/v1/orders", headers=viewer_token), 403, "USER_INACTIVE")
    login = await client.post("/api/v1/auth/token", data={"username": seller.emails["viewer"], "password": "user-pass-1"})
    expect_error(login, 403, "USER_INACTIVE")


async def test_role_comes_from_the_database_not_from_the_token(client, seller, expect_error) -> None:
    manager = seller.auth["manager"]
    assert (await client.post("/api/v1/products", json={}, headers=manager)).status_code == 200
    response = await client.patch(f"/api/v1/users/{seller.users['manager']}", json={"role": "viewer"},
                                  headers=seller.auth["owner"])
    assert response.status_code == 200
    expect_error(await client.post("/api/v1/products", json={}, headers=manager), 403, "FORBIDDEN")
    me = await client.get("/api/v1/me", headers=manager)
    assert me.json()["role"] == "viewer"


async def test_missing_expired_and_tampered_tokens_are_refused(client, gateway, seller, expect_error) -> None:
    expect_error(await client.get("/api/v1/me"), 401, "AUTHENTICATION_REQUIRED")
    expect_error(await client.get("/api/v1/products"), 401, "AUTHENTICATION_REQUIRED")
    user = User(seller.users["viewer"], seller.tenant_id, "v@x.kr", "v", "viewer", True, datetime.now(UTC))
    tokens = Tokens(gateway.settings.jwt_secret, 60)
    expired = tokens.issue(user, datetime.now(UTC) - timedelta(minutes=5)).access_token
    body = expect_error(await client.get("/api/v1/me", headers={"Authorization": f"Bearer {expired}"}), 401,
                        "TOKEN_EXPIRED")
    assert "다시 로그인" in body["message"]
    claims = jwt.decode(seller.auth["viewer"]["Authorization"].split()[1], options={"verify_signature": False})
    forged = jwt.encode({**claims, "role": "owner"}, "guessed-secret-guessed-secret-000", algorithm="HS256")
    response = await client.post("/api/v1/products", json={}, headers={"Authorization": f"Bearer {forged}"})
    expect_error(response, 401, "TOKEN_INVALID")
    other_tenant = tokens.issue(
        User(seller.users["viewer"], "another-tenant", "v@x.kr", "v", "owner", True, datetime.now(UTC)),
        datetime.now(UTC),
    ).access_token
    expect_error(await client.get("/api/v1/me", headers={"Authorization": f"Bearer {other_tenant}"}), 401,
                 "TOKEN_INVALID")


async def test_me_describes_the_caller_and_its_tenant(client, seller) -> None:
    response = await client.get("/api/v1/me", headers=seller.auth["operator"])
    assert response.status_code == 200
    assert response.json() == {
        "id": seller.users["operator"],
        "email": "operator@hanbit.example.kr",
        "role": "operator",
        "tenant": {"id": seller.tenant_id, "name": "한빛상사"},
    }
