from __future__ import annotations

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.naver import auth
from marketbridge.sandbox.naver.routes.common import naver_state

router = APIRouter()


@router.post("/v1/oauth2/token")
async def token(request: Request) -> ORJSONResponse:
    form = await request.form()
    answer = await auth.issue(naver_state(request), {k: v for k, v in form.items() if isinstance(v, str)})
    return ORJSONResponse(answer)
