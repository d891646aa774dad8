"""The receiver GS SHOP pushes orders to (a FastAPI router the connectors service mounts).

Each supplier registers `https://<our host><mount>/{sup_cd}/{receiver_token}` with GS. GS POSTs JSON
`{sender: "GS SHOP", receiver: <supCd>, documentId: "ORDINF", processType, sdDt, resultCnt, resultCd,
resultList: [...]}`; we answer `{resultCd: "S"|"E", resultMsg}` (echoing documentId and the count).

Sender validation, since GS signs nothing (modelled): the path token must equal the account's registered
`receiver_token` (constant-time compare), the body's `receiver` must be that account's `supCd`, `sender` must be
"GS SHOP" and `documentId` "ORDINF"; optionally the caller's IP must be in `allowed_ips` (GS's outbound IPs,
given by the MD). Every refusal answers `resultCd E` with 403/400 and stores nothing.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
import structlog
from fastapi import APIRouter, Request
from marketbridge.connectors.gsshop.store import PushedOrderStore
from starlette.responses import Response

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class ReceiverAccount:
    sup_cd: str
    receiver_token: str
    account_id: str | None = None  # for logs only; rows are stored per supCd


AccountResolver = Callable[[str], Awaitable[ReceiverAccount | None]]  # sup_cd -> the account registered for it


def _answer(code: str, message: str, status: int, **extra: Any) -> Response:
    body = {"resultCd": code, "resultMsg": message, **extra}
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def create_receiver_router(
    store: PushedOrderStore, resolve: AccountResolver, *, allowed_ips: Collection[str] | None = None
) -> APIRouter:
    router = APIRouter()

    @router.post("/{sup_cd}/{token}")
    async def receive(sup_cd: str, token: str, request: Request) -> Response:
        client = request.client.host if request.client else ""
        if allowed_ips is not None and client not in allowed_ips:
            log.warning("gsshop_push_refused", reason="ip", client=client)
            return _answer("E", "허용되지 않은 발신지입니다.", 403)
        account = await resolve(sup_cd)
        if account is None or not hmac.compare_digest(account.receiver_token.encode(), token.encode()):
            log.warning("gsshop_push_refused", reason="token", sup_cd=sup_cd)
            return _answer("E", "수신처 인증에 실패했습니다.", 403)
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return _answer("E", "JSON 형식이 아닙니다.", 400)
        if not isinstance(body, dict) or body.get("sender") != "GS SHOP" or str(body.get("receiver")) != account.sup_cd:
            return _answer("E", "발신자(sender) 또는 수신자(receiver)가 올바르지 않습니다.", 403)
        rows = body.get("resultList")
        if body.get("documentId") != "ORDINF" or not isinstance(rows, list) or not str(body.get("sdDt", "")).isdigit():
            return _answer("E", "documentId, sdDt 또는 resultList가 올바르지 않습니다.", 400)
        stored = await store.save(
            account.sup_cd, str(body["sdDt"]), [r for r in rows if isinstance(r, dict)], datetime.now(UTC)
        )
        log.info(
            "gsshop_push_received",
            sup_cd=account.sup_cd,
            account_id=account.account_id,
            sd_dt=body["sdDt"],
            rows=stored,
        )
        return _answer("S", "정상 수신되었습니다.", 200, documentId="ORDINF", resultCnt=stored)

    return router
