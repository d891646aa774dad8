from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from marketbridge.sandbox.naver.auth import client_secret_sign
from marketbridge.sandbox.naver.models import SellerApp
from marketbridge.sandbox.testing import FakeClock

Form = Callable[..., dict[str, str]]
TOKEN = "/naver/external/v1/oauth2/token"
KST_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00$")


def test_signature_matches_the_documented_test_vector() -> None:
    sign = client_secret_sign("aaaabbbbcccc", "$2a$10$abcdefghijklmnopqrstuu", 1643961623299)
    assert sign == "JDJhJDEwJGFiY2RlZmdoaWprbG1ub3BxcnN0dXVCVldZSk42T0VPdEx1OFY0cDQxa2IuTnpVaUEzbmsy"


async def test_issues_a_three_hour_bearer_token(client: httpx.AsyncClient,
                                                make_token_form: Form) -> None:
    response = await client.post(TOKEN, data=make_token_form())
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 10800 and body["access_token"]


async def test_returns_the_same_token_while_30_minutes_are_left(client: httpx.AsyncClient, clock: FakeClock,
                                                                 make_token_form: Form) -> None:
    first = (await client.post(TOKEN, data=make_token_form())).json()
    clock.advance(2 * 3600)  # 1 h left
    second = (await client.post(TOKEN, data=make_token_form())).json()
    assert second["access_token"] == first["access_token"] and second["expires_in"] == 3600
    clock.advance(40 * 60)  # 20 min left -> a new token; the old one still works until it expires
    third = (await client.post(TOKEN, data=make_token_form())).json()
    assert third["access_token"] != first["access_token"] and third["expires_in"] == 10800
    old = await client.get("/naver/external/v1/categories",
                           headers={"Authorization": f"Bearer {first['access_token']}"})
    assert old.status_code == 200


async def test_rejects_a_wrong_signature_in_the_gateway_shape(client: httpx.AsyncClient, make_token_form: Form) -> None:
    response = await client.post(TOKEN, data=make_token_form(client_secret_sign="bm9wZQ=="))
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "GW.AUTHN" and body["message"] and body["traceId"]
    assert KST_MS.match(body["timestamp"])
    assert response.headers["GNCP-GW-Trace-ID"] == body["traceId"]


async def test_rejects_a_timestamp_older_than_five_minutes(client: httpx.AsyncClient, clock: FakeClock, make_token_form: Form) -> None:
    form = make_token_form()
    clock.advance(301)
    response = await client.post(TOKEN, data=form)
    assert response.status_code == 401 and response.json()["code"] == "GW.AUTHN"


async def test_rejects_an_unknown_client_and_an_unknown_type(client: httpx.AsyncClient, make_token_form: Form) -> None:
    assert (await client.post(TOKEN, data=make_token_form(client_id="nobody"))).status_code == 401
    assert (await client.post(TOKEN, data=make_token_form(type="OTHER"))).status_code == 401


async def test_accepts_seller_type_for_the_linked_account_only(client: httpx.AsyncClient, creds: SellerApp,
                                                               make_token_form: Form) -> None:
    ok = await client.post(TOKEN, data=make_token_form(type="SELLER", account_id=creds.account_id))
    assert ok.status_code == 200
    refused = await client.post(TOKEN, data=make_token_form(type="SELLER", account_id="someone-else"))
    assert refused.status_code == 401


async def test_url_safe_signature_is_accepted(client: httpx.AsyncClient, creds: SellerApp, clock: FakeClock, make_token_form: Form) -> None:
    form = make_token_form()
    form["client_secret_sign"] = form["client_secret_sign"].replace("+", "-").replace("/", "_")
    assert (await client.post(TOKEN, data=form)).status_code == 200


async def test_every_other_route_requires_a_valid_bearer(client: httpx.AsyncClient, api: httpx.AsyncClient,
                                                         clock: FakeClock) -> None:
    missing = await client.get("/naver/external/v1/categories")
    assert missing.status_code == 401 and missing.json()["code"] == "GW.AUTHN"
    wrong = await client.get("/naver/external/v1/categories", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert (await api.get("/v1/categories")).status_code == 200
    clock.advance(3 * 3600 + 1)
    expired = await api.get("/v1/categories")
    assert expired.status_code == 401 and expired.json()["code"] == "GW.AUTHN"


async def test_admin_can_expire_tokens(client: httpx.AsyncClient, api: httpx.AsyncClient) -> None:
    assert (await client.post("/naver/admin/tokens/expire", json={})).json()["expired"] == 1
    assert (await api.get("/v1/categories")).status_code == 401
