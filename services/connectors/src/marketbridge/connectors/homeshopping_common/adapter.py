"""What the five 종합몰 adapters do alike: construction (per-account rate limit, one HomeShoppingHttp), the
operations every 종합몰 refuses the same way (ORD-CANCEL-2, claim decisions, notices), result codes inside
HTTP 200, order-day windows, category trees and imported-listing rows. Each dialect keeps its own calls."""

from __future__ import annotations

from collections.abc import AsyncIterator, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import httpx
from marketbridge.connectors.errors import (
    AuthenticationRejected,
    MarketplaceError,
    PermanentMarketplaceError,
    TransientMarketplaceError,
    UnsupportedOperation,
)
from marketbridge.connectors.homeshopping_common import rules
from marketbridge.connectors.homeshopping_common.http import ErrorReader, HomeShoppingHttp
from marketbridge.connectors.ports import (
    BulkResult,
    Category,
    ClaimDecision,
    ImportedListing,
    ListingStatus,
    MarketplaceAdapter,
    MarketplaceNotice,
    SellerCancel,
)
from marketbridge.connectors.ratelimit import RateLimit, RateLimiter, for_account


class HomeShoppingAdapter(MarketplaceAdapter):
    marketplace: ClassVar[str]
    http: HomeShoppingHttp

    def _connect(
        self,
        account: str,
        base_url: str,
        rate_limit: RateLimit,
        limiter: RateLimiter | None,
        *,
        timeout: httpx.Timeout,
        transport: httpx.AsyncBaseTransport | None,
        headers: dict[str, str],
        error_reader: ErrorReader,
    ) -> None:
        self._account = account
        self.http = HomeShoppingHttp(
            self.marketplace,
            base_url,
            for_account(limiter, rate_limit, account),
            account,
            timeout=timeout,
            transport=transport,
            headers=headers,
            error_reader=error_reader,
        )

    @property
    def account_id(self) -> str:
        return self._account

    async def aclose(self) -> None:
        await self.http.aclose()

    def result_error(
        self, code: str, message: str, operation: str, *, auth: Container[str], rate_limited: str
    ) -> MarketplaceError:
        """A failure result code inside an HTTP 200 answer: refused credentials, too many calls (retry in a
        second), or the mall's own refusal with its code and message."""
        if code in auth:
            return AuthenticationRejected(self.marketplace, message, code=code, operation=operation)
        if code == rate_limited:
            return TransientMarketplaceError(self.marketplace, message, code=code, operation=operation, retry_after=1.0)
        return PermanentMarketplaceError(self.marketplace, code, message, operation=operation)

    async def cancel_by_seller(self, items: Sequence[SellerCancel]) -> BulkResult:
        raise rules.seller_cancel_unsupported(self.marketplace)

    async def decide_claim(self, decision: ClaimDecision) -> None:
        raise UnsupportedOperation(self.marketplace, "decide_claim", rules.CLAIM_DECISION_REASON)

    def fetch_notices(self, window_from: datetime, window_to: datetime) -> AsyncIterator[list[MarketplaceNotice]]:
        raise UnsupportedOperation(self.marketplace, "fetch_notices", rules.NOTICES_REASON)


def category_tree(
    rows: Iterable[Mapping[str, Any]], code: str, name: str, parent: str, leaf: str, *, unique: bool = False
) -> list[Category]:
    """Categories from flat rows naming their parent; `full_name` joins the path with `>`. `unique`: one
    category per code (the last row wins), else one per row."""
    rows = list(rows)
    by_code = {str(r[code]): r for r in rows}

    def path(row: Mapping[str, Any]) -> str:
        up = by_code.get(str(row.get(parent) or ""))
        return f"{path(up)}>{row[name]}" if up else str(row[name])

    return [
        Category(str(r[code]), str(r[name]), path(r), str(r.get(parent) or "") or None, r.get(leaf) == "Y")
        for r in (by_code.values() if unique else rows)
    ]


@dataclass(frozen=True)
class ListingFields:
    """Where a mall's product rows keep what ImportedListing needs (rows of stripped XML text)."""

    product: str
    name: str
    seller_code: str
    price: str
    stock: str
    status: str
    category: str
    statuses: Mapping[str, ListingStatus]
    channel: str | None = None

    def read(self, r: dict[str, str]) -> ImportedListing:
        return ImportedListing(
            market_product_id=r[self.product],
            channel_product_id=r.get(self.channel) if self.channel else None,
            name=r.get(self.name, ""),
            seller_product_code=r.get(self.seller_code) or None,
            sale_price=int(r.get(self.price) or 0),
            stock_quantity=int(r.get(self.stock) or 0),
            status=self.statuses.get(r.get(self.status, ""), ListingStatus.OTHER),
            raw_status=r.get(self.status, ""),
            category_id=r.get(self.category) or None,
            category_path=None,
            raw=r,
        )
