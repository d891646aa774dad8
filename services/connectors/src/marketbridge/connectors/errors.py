"""Errors every marketplace adapter raises. The worker framework decides what to retry:

- `TransientMarketplaceError`: timeouts, connection failures, 5xx, 429 (with `retry_after` seconds),
  malformed bodies. `outcome_unknown` is true when the request may have reached the marketplace and
  been applied (read timeout, 5xx, malformed answer): resolve such a call with `get_order_states`
  (or the like) before repeating a non-idempotent action.
- `PermanentMarketplaceError`: the marketplace refused the request (validation or business rule);
  `code` and `message` are the marketplace's own, `invalid_inputs` its field-level details.
- `AuthenticationRejected`: credentials or permissions were refused (also after one token re-issue).
- `UnsupportedOperation`: the marketplace offers no such operation; `reason_ko` says why, in Korean.
"""

from __future__ import annotations


class MarketplaceError(Exception):
    def __init__(self, marketplace: str, message: str, *, code: str | None = None, status: int | None = None,
                 operation: str | None = None) -> None:
        self.marketplace = marketplace
        self.message = message
        self.code = code
        self.status = status
        self.operation = operation
        super().__init__(f"[{marketplace}] {code + ': ' if code else ''}{message}")


class TransientMarketplaceError(MarketplaceError):
    def __init__(self, marketplace: str, message: str, *, code: str | None = None, status: int | None = None,
                 operation: str | None = None, retry_after: float | None = None,
                 outcome_unknown: bool = False) -> None:
        super().__init__(marketplace, message, code=code, status=status, operation=operation)
        self.retry_after = retry_after
        self.outcome_unknown = outcome_unknown


class PermanentMarketplaceError(MarketplaceError):
    def __init__(self, marketplace: str, code: str, message: str, *, status: int | None = None,
                 operation: str | None = None,
                 invalid_inputs: tuple[tuple[str, str, str], ...] = ()) -> None:
        super().__init__(marketplace, message, code=code, status=status, operation=operation)
        self.code: str = code
        self.invalid_inputs = invalid_inputs


class AuthenticationRejected(MarketplaceError):
    pass


class UnsupportedOperation(MarketplaceError):
    def __init__(self, marketplace: str, operation: str, reason_ko: str) -> None:
        super().__init__(marketplace, reason_ko, code="UNSUPPORTED_OPERATION", operation=operation)
        self.reason_ko = reason_ko
