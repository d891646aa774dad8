"""Coupang error bodies. The public record shows `{code, message}` with `code` either the HTTP status
(number) or a string such as "ERROR"; the exact body of each error is (modelled) on that."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.responses import ORJSONResponse


class CoupangError(Exception):
    """Raised by handlers; rendered as `{"code", "message", "data": null}` with the given HTTP status."""

    def __init__(self, status: int, message: str, code: int | str | None = None) -> None:
        self.status = status
        self.code: int | str = status if code is None else code
        self.message = message
        super().__init__(f"{self.code}: {message}")

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "data": None}


def bad_request(message: str) -> CoupangError:
    return CoupangError(400, message, "ERROR")


def error_response(
    status: int, message: str, code: int | str | None = None, headers: dict[str, str] | None = None
) -> ORJSONResponse:
    return ORJSONResponse(CoupangError(status, message, code).body(), status_code=status, headers=headers)
