from marketbridge.gateway.bootstrap import create_owner


async def test_create_owner_registers_the_tenant_and_publishes_its_events(gateway, published, login) -> None:
    tenant_id, user_id = await create_owner(gateway, "  새벽상점 ", "Owner@Dawn.example.kr", "owner-pass-1", "대표")
    registered = await published.wait_for("gateway.tenant_registered.v1")
    assert registered.tenant_id == tenant_id
    assert registered.payload["name"] == "새벽상점" and registered.payload["owner_user_id"] == user_id
    invited = await published.wait_for("gateway.user_invited.v1")
    assert invited.payload["user_id"] == user_id and invited.payload["role"] == "owner"
    assert registered.correlation_id == invited.correlation_id
    await login("owner@dawn.example.kr", "owner-pass-1")


async def test_every_role_reads_the_company_profile(client, seller) -> None:
    for role in ("owner", "manager", "operator", "viewer"):
        response = await client.get("/api/v1/tenant", headers=seller.auth[role])
        assert response.status_code == 200
        assert response.json()["id"] == seller.tenant_id and response.json()["name"] == "한빛상사"


async def test_usr_1_owner_updates_the_profile_and_the_change_is_published(client, seller, published) -> None:
    change = {"name": "한빛상사 주식회사", "contact_phone": "010-1234-5678", "address": "서울시 중구"}
    response = await client.patch("/api/v1/tenant", json=change, headers=seller.auth["owner"])
    assert response.status_code == 200, response.text
    assert {k: response.json()[k] for k in change} == change
    event = await published.wait_for("gateway.tenant_profile_updated.v1")
    assert event.tenant_id == seller.tenant_id and event.payload["name"] == "한빛상사 주식회사"
    cleared = await client.patch("/api/v1/tenant", json={"address": None}, headers=seller.auth["owner"])
    assert cleared.json()["address"] is None and cleared.json()["contact_phone"] == "010-1234-5678"
    me = await client.get("/api/v1/me", headers=seller.auth["viewer"])
    assert me.json()["tenant"]["name"] == "한빛상사 주식회사"


async def test_usr_1_profile_is_validated_and_only_owners_change_it(client, seller, expect_error) -> None:
    bad = await client.patch("/api/v1/tenant", json={"name": " ", "contact_phone": "12"}, headers=seller.auth["owner"])
    errors = expect_error(bad, 400, "VALIDATION_FAILED")["errors"]
    assert {(e["code"], e["rule"]) for e in errors} == {("TENANT_NAME_REQUIRED", "USR-1"), ("TENANT_PHONE_INVALID", "USR-1")}
    for role in ("manager", "operator", "viewer"):
        response = await client.patch("/api/v1/tenant", json={"name": "x"}, headers=seller.auth[role])
        expect_error(response, 403, "OWNER_REQUIRED")


async def test_a_tenant_never_sees_or_changes_another_tenants_profile(client, seller, make_seller) -> None:
    other = await make_seller("바다상회", "bada.example.kr")
    await client.patch("/api/v1/tenant", json={"name": "바뀐이름"}, headers=other.auth["owner"])
    mine = (await client.get("/api/v1/tenant", headers=seller.auth["owner"])).json()
    theirs = (await client.get("/api/v1/tenant", headers=other.auth["owner"])).json()
    assert (mine["id"], mine["name"]) == (seller.tenant_id, "한빛상사")
    assert (theirs["id"], theirs["name"]) == (other.tenant_id, "바뀐이름")
