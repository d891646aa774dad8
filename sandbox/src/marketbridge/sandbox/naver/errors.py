"""Naver error bodies: gateway (`GW.*`), order group (numeric string codes) and product/contents groups
(which add `invalidInputs`)."""

from __future__ import annotations

import secrets
from typing import Any

from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.timefmt import fmt_kst

GW_MESSAGES = {
    "GW.AUTHN": "요청에 대한 인증이 실패했습니다.",
    "GW.RATE_LIMIT": "요청이 많아 서비스를 일시적으로 사용할 수 없습니다.",
    "GW.NOT_FOUND": "요청한 API를 찾을 수 없습니다.",
    "GW.INTERNAL_SERVER_ERROR": "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.",
    "GW.BLOCK.01": "서비스를 일시적으로 사용할 수 없습니다.",
    "GW.TIMEOUT.01": "응답 시간이 초과되었습니다.",
}

ORDER_MESSAGES = {
    "4000": "잘못된 요청 파라미터입니다.",
    "9999": "기타 오류입니다.",
    "100001": "상품 주문을 찾을 수 없습니다.",
    "101009": "처리 권한이 없는 상품 주문 번호입니다.",
    "104118": "택배사가 입력되지 않았습니다.",
    "104119": "택배사 코드를 확인해 주세요.",
    "104120": "송장 번호가 입력되지 않았습니다.",
    "104121": "배송 송장 오류입니다(이미 사용된 송장).",
    "104122": "배송 송장 오류입니다(유효하지 않은 송장).",
    "104131": "상품 주문 번호가 중복되었습니다.",
    "104139": "조회 가능한 날짜 범위를 초과했습니다.",
    "104417": "교환 상태를 확인해 주세요(재배송 처리 불가능 주문 상태).",
    "104442": "상품 주문 상태를 확인해 주세요.",
    "104443": "발주 상태를 확인해 주세요.",
    "105306": "변경을 요청한 상태가 기존과 동일합니다.",
}


def new_trace_id() -> str:
    return secrets.token_hex(12)


class NaverError(Exception):
    """Raised by handlers; rendered by the dialect's exception handler with the request's traceId."""

    def __init__(self, status: int, code: str, message: str | None = None,
                 invalid_inputs: list[dict[str, str]] | None = None) -> None:
        self.status = status
        self.code = code
        self.message = message or ORDER_MESSAGES.get(code) or GW_MESSAGES.get(code) or code
        self.invalid_inputs = invalid_inputs
        super().__init__(f"{code}: {self.message}")

    def body(self, trace_id: str, now_ms: int) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message,
                                "timestamp": fmt_kst(now_ms), "traceId": trace_id}
        if self.invalid_inputs is not None:
            body["invalidInputs"] = self.invalid_inputs
        return body


def order_error(code: str, message: str | None = None, status: int = 400) -> NaverError:
    return NaverError(status, code, message)


def product_error(message: str, invalid: list[dict[str, str]] | None = None, status: int = 400,
                  code: str = "BAD_REQUEST") -> NaverError:
    return NaverError(status, code, message, invalid if invalid is not None else [])


def gateway_response(status: int, code: str, trace_id: str, now_ms: int,
                     headers: dict[str, str] | None = None, message: str | None = None) -> ORJSONResponse:
    body = {"code": code, "message": message or GW_MESSAGES.get(code, code),
            "timestamp": fmt_kst(now_ms), "traceId": trace_id}
    return ORJSONResponse(body, status_code=status, headers=headers)
