"""Naver OAuth2 client-credentials token: bcrypt signature, 5-minute timestamp window, token reuse."""

from __future__ import annotations

import asyncio
import base64
import hmac
from collections.abc import Mapping
from typing import Any

import bcrypt
from marketbridge.sandbox.naver.errors import NaverError
from marketbridge.sandbox.naver.state import NaverState

TIMESTAMP_WINDOW_MS = 5 * 60 * 1000


def client_secret_sign(client_id: str, client_secret: str, timestamp_ms: int | str) -> str:
    """base64(bcrypt(client_id + "_" + timestamp, salt=client_secret)), standard alphabet."""
    hashed = bcrypt.hashpw(f"{client_id}_{timestamp_ms}".encode(), client_secret.encode())
    return base64.b64encode(hashed).decode()


def _authn(message: str) -> NaverError:
    return NaverError(401, "GW.AUTHN", message)


async def issue(state: NaverState, form: Mapping[str, Any]) -> dict[str, Any]:
    client_id = str(form.get("client_id") or "")
    app = state.apps.get(client_id)
    if app is None:
        raise _authn("등록되지 않은 client_id입니다.")
    if form.get("grant_type") != "client_credentials":
        raise _authn("grant_type은 client_credentials여야 합니다.")
    raw_timestamp = str(form.get("timestamp") or "")
    if not raw_timestamp.isdigit():
        raise _authn("timestamp가 올바르지 않습니다.")
    if abs(state.now_ms() - int(raw_timestamp)) > TIMESTAMP_WINDOW_MS:
        raise _authn("timestamp가 유효 시간(5분)을 벗어났습니다.")
    given = str(form.get("client_secret_sign") or "").replace("-", "+").replace("_", "/")
    expected = await asyncio.to_thread(client_secret_sign, client_id, app.client_secret, raw_timestamp)
    if not given or not hmac.compare_digest(given.rstrip("="), expected.rstrip("=")):
        raise _authn("client_secret_sign이 올바르지 않습니다.")
    token_type = form.get("type")
    account_id = app.account_id
    if token_type == "SELLER":
        requested = str(form.get("account_id") or "")
        if requested != app.account_id:
            raise _authn("account_id에 대한 권한이 없습니다.")
    elif token_type != "SELF":
        raise _authn("type은 SELF 또는 SELLER여야 합니다.")
    issued = state.issue_token(app, str(token_type), account_id)
    return {"access_token": issued.token, "expires_in": (issued.expires_ms - state.now_ms()) // 1000,
            "token_type": "Bearer"}
