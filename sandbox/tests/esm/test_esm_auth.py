"""JWT verification as ESM does it: kid = master id, aud, sub, ssi sellers of that master, per-API rights."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

EXT = "/esm/external"
Call = Callable[..., Awaitable[httpx.Response]]
Window = Callable[..., dict[str, str]]
Token = Callable[..., str]
ORDERS = "/shipping/v1/Order/RequestOrders"
NO_RIGHT = "The user does not have right access to the api"


def body(window: Window, site_type: int = 2) -> dict[str, Any]:
    return {"siteType": site_type, "orderStatus": 1, "requestDateType": 2, "pageIndex": 1, "pageSize": 10, **window()}


async def test_a_valid_token_is_accepted(api: Call, window: Window) -> None:
    response = await api("POST", ORDERS, json=body(window))
    assert response.status_code == 200
    assert response.json() == {"ResultCode": 0, "Message": "Success", "Data": {"TotalCount": 0, "RequestOrders": []}}


async def test_wrong_secret_is_refused_with_the_documented_401_shape(api: Call, window: Window) -> None:
    response = await api("POST", ORDERS, json=body(window), secret="not-the-secret-not-the-secret-not-the-secret")
    assert response.status_code == 401
    assert response.json()["status"]["status_code"] == 401


@pytest.mark.parametrize(
    "overrides", [{"aud": "example.com"}, {"sub": "buy"}, {"ssi": "G:someone-else"}, {"ssi": "X:gseller"}]
)
async def test_claims_are_checked(
    client: httpx.AsyncClient, master: dict[str, Any], window: Window, make_token: Token, overrides: dict[str, str]
) -> None:
    ssi = overrides.pop("ssi", "G:gseller")
    token = make_token(master["master_id"], master["secret_key"], ssi, **overrides)
    response = await client.post(f"{EXT}{ORDERS}", json=body(window), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


async def test_unknown_kid_and_missing_header_are_refused(
    client: httpx.AsyncClient, window: Window, master: dict[str, Any], make_token: Token
) -> None:
    token = make_token("nobody", master["secret_key"], "G:gseller")
    assert (
        await client.post(f"{EXT}{ORDERS}", json=body(window), headers={"Authorization": f"Bearer {token}"})
    ).status_code == 401
    assert (await client.post(f"{EXT}{ORDERS}", json=body(window))).status_code == 401


async def test_a_call_for_a_site_the_token_does_not_name_is_refused(api: Call, window: Window) -> None:
    response = await api("POST", ORDERS, json=body(window, site_type=1), ssi="G:gseller")
    assert response.status_code == 401 and response.json()["status"]["message"] == NO_RIGHT


async def test_missing_api_permission_answers_401_with_the_documented_body(
    api: Call, client: httpx.AsyncClient, window: Window
) -> None:
    await client.put("/esm/admin/sellers/mbmaster/permissions", json={"permissions": ["item"]})
    response = await api("POST", ORDERS, json=body(window))
    assert response.status_code == 401
    assert response.json() == {"status": {"message": NO_RIGHT, "status_code": 401}}


async def test_revoked_credentials_are_refused(api: Call, client: httpx.AsyncClient, window: Window) -> None:
    await client.post("/esm/admin/sellers/mbmaster/revoke")
    assert (await api("POST", ORDERS, json=body(window))).status_code == 401
