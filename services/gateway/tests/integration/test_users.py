import asyncio
from datetime import UTC, datetime

from marketbridge.gateway.adapters.tokens import Tokens
from marketbridge.gateway.bootstrap import create_owner
from marketbridge.gateway.domain.model import User

OWNER_PASSWORD = "owner-pass-1"


async def test_owner_adds_a_user_who_can_log_in_and_user_invited_is_published(client, seller, published, login) -> None:
    body = {"email": "New.Staff@Hanbit.example.kr", "display_name": " 신입 ", "role": "operator", "password": "staff-pw-1"}
    response = await client.post("/api/v1/users", json=body, headers=seller.auth["owner"])
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["email"], created["display_name"], created["role"], created["active"]) == (
        "new.staff@hanbit.example.kr", "신입", "operator", True)
    await login("new.staff@hanbit.example.kr", "staff-pw-1")
    events = [e for e in published.envelopes if e.type == "gateway.user_invited.v1"]
    for _ in range(100):
        events = [e for e in published.envelopes if e.type == "gateway.user_invited.v1"
                  and e.payload["user_id"] == created["id"]]
        if events:
            break
        await asyncio.sleep(0.02)
    assert events, "gateway.user_invited.v1 was not published"
    event = events[0]
    assert event.tenant_id == seller.tenant_id and event.producer == "gateway"
    assert event.payload["role"] == "operator" and event.payload["invited_by"] == seller.users["owner"]


async def test_only_an_owner_manages_users_and_a_manager_may_list(client, seller, expect_error) -> None:
    listing = await client.get("/api/v1/users", headers=seller.auth["manager"])
    assert listing.status_code == 200
    assert {u["role"] for u in listing.json()} == {"owner", "manager", "operator", "viewer"}
    for role in ("operator", "viewer"):
        expect_error(await client.get("/api/v1/users", headers=seller.auth[role]), 403, "FORBIDDEN")
    body = {"email": "x@hanbit.example.kr", "display_name": "x", "role": "viewer", "password": "pass-word-1"}
    for role in ("manager", "operator", "viewer"):
        expect_error(await client.post("/api/v1/users", json=body, headers=seller.auth[role]), 403, "OWNER_REQUIRED")
        response = await client.patch(f"/api/v1/users/{seller.users['viewer']}", json={"role": "manager"},
                                      headers=seller.auth[role])
        expect_error(response, 403, "OWNER_REQUIRED")


async def test_new_user_is_validated_with_every_violation_reported(client, seller, expect_error) -> None:
    body = {"email": "not-an-email", "display_name": "", "role": "operator", "password": "short"}
    response = await client.post("/api/v1/users", json=body, headers=seller.auth["owner"])
    errors = expect_error(response, 400, "VALIDATION_FAILED")["errors"]
    assert {e["code"] for e in errors} == {"EMAIL_INVALID", "USER_NAME_REQUIRED", "PASSWORD_TOO_SHORT",
                                           "PASSWORD_DIGIT_REQUIRED"}
    assert all(e["field"] for e in errors)
    body = {"email": "a@b.kr", "display_name": "a", "role": "admin", "password": "pass-word-1", "extra": 1}
    response = await client.post("/api/v1/users", json=body, headers=seller.auth["owner"])
    errors = expect_error(response, 400, "VALIDATION_FAILED")["errors"]
    assert {(e["code"], e["field"]) for e in errors} == {("FIELD_NOT_ALLOWED", "role"), ("FIELD_UNKNOWN", "extra")}


async def test_email_is_unique_across_tenants(client, gateway, seller, expect_error) -> None:
    await create_owner(gateway, "다른상점", "owner@other.example.kr", OWNER_PASSWORD, "대표")
    body = {"email": "Owner@Other.example.kr", "display_name": "x", "role": "viewer", "password": "pass-word-1"}
    response = await client.post("/api/v1/users", json=body, headers=seller.auth["owner"])
    expect_error(response, 409, "EMAIL_ALREADY_USED")


async def test_last_active_owner_can_be_neither_demoted_nor_deactivated(client, seller, expect_error) -> None:
    owner, me = seller.auth["owner"], seller.users["owner"]
    for change in ({"role": "manager"}, {"active": False}, {"role": "viewer", "active": False}):
        body = expect_error(await client.patch(f"/api/v1/users/{me}", json=change, headers=owner), 409,
                            "LAST_OWNER_REQUIRED")
        assert body["errors"][0]["rule"] == "USR-2"
    promoted = await client.patch(f"/api/v1/users/{seller.users['manager']}", json={"role": "owner"}, headers=owner)
    assert promoted.status_code == 200 and promoted.json()["role"] == "owner"
    demoted = await client.patch(f"/api/v1/users/{me}", json={"role": "manager", "display_name": "전 대표"}, headers=owner)
    assert demoted.status_code == 200
    assert (demoted.json()["role"], demoted.json()["display_name"]) == ("manager", "전 대표")
    new_owner = seller.auth["manager"]  # now an owner: the database decides, not the token
    response = await client.patch(f"/api/v1/users/{seller.users['manager']}", json={"active": False}, headers=new_owner)
    expect_error(response, 409, "LAST_OWNER_REQUIRED")


async def test_concurrent_demotions_keep_one_active_owner(client, seller) -> None:
    owner = seller.auth["owner"]
    await client.patch(f"/api/v1/users/{seller.users['manager']}", json={"role": "owner"}, headers=owner)
    second = seller.auth["manager"]
    results = await asyncio.gather(
        client.patch(f"/api/v1/users/{seller.users['owner']}", json={"role": "viewer"}, headers=second),
        client.patch(f"/api/v1/users/{seller.users['manager']}", json={"role": "viewer"}, headers=owner),
    )
    assert sorted(r.status_code for r in results) in ([200, 403], [200, 409])
    lists = [await client.get("/api/v1/users", headers=auth) for auth in (owner, second)]
    users = next(r.json() for r in lists if r.status_code == 200)
    assert sum(u["role"] == "owner" and u["active"] for u in users) == 1


async def test_users_of_another_tenant_are_invisible_and_untouchable(client, seller, make_seller, expect_error) -> None:
    other = await make_seller("바다상회", "bada.example.kr")
    listed = (await client.get("/api/v1/users", headers=seller.auth["owner"])).json()
    assert {u["id"] for u in listed} == set(seller.users.values())
    for target in other.users.values():
        response = await client.patch(f"/api/v1/users/{target}", json={"active": False}, headers=seller.auth["owner"])
        expect_error(response, 404, "USER_NOT_FOUND")
    their_users = (await client.get("/api/v1/users", headers=other.auth["owner"])).json()
    assert all(u["active"] for u in their_users) and {u["id"] for u in their_users} == set(other.users.values())


async def test_password_change_usr_3(client, seller, login, expect_error) -> None:
    auth, email = seller.auth["operator"], seller.emails["operator"]
    wrong = {"current_password": "nope-pass-1", "new_password": "abc", "new_password_confirm": "abd"}
    errors = expect_error(await client.post("/api/v1/me/password", json=wrong, headers=auth), 400,
                          "VALIDATION_FAILED")["errors"]
    assert {e["code"] for e in errors} >= {"CURRENT_PASSWORD_MISMATCH", "PASSWORD_TOO_SHORT", "PASSWORD_CONFIRM_MISMATCH"}
    assert all(e["rule"] == "USR-3" for e in errors)
    good = {"current_password": "user-pass-1", "new_password": "fresh-pass-2", "new_password_confirm": "fresh-pass-2"}
    response = await client.post("/api/v1/me/password", json=good, headers=auth)
    assert response.status_code == 200, response.text
    fresh = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert (await client.get("/api/v1/me", headers=fresh)).status_code == 200
    await login(email, "fresh-pass-2")
    old = await client.post("/api/v1/auth/token", data={"username": email, "password": "user-pass-1"})
    expect_error(old, 401, "INVALID_CREDENTIALS")


async def test_tokens_issued_before_a_password_change_stop_working(client, gateway, seller, expect_error) -> None:
    user = User(seller.users["viewer"], seller.tenant_id, seller.emails["viewer"], "v", "viewer", True,
                datetime.now(UTC))
    earlier = Tokens(gateway.settings.jwt_secret, 3600).issue(user, datetime.now(UTC))
    stolen = {"Authorization": f"Bearer {earlier.access_token}"}
    assert (await client.get("/api/v1/me", headers=stolen)).status_code == 200
    await asyncio.sleep(1.0 - datetime.now(UTC).microsecond / 1e6 + 0.01)  # tokens carry whole seconds
    change = {"current_password": "user-pass-1", "new_password": "fresh-pass-2", "new_password_confirm": "fresh-pass-2"}
    assert (await client.post("/api/v1/me/password", json=change, headers=seller.auth["viewer"])).status_code == 200
    expect_error(await client.get("/api/v1/me", headers=stolen), 401, "TOKEN_INVALID")
