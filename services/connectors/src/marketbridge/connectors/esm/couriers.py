"""Our carrier codes (marketbridge `Carrier` values) <-> ESM `DeliveryCompanyCode` (5-digit ints).

The public record shows a few codes (spec esm.md §4: 10013 CJ대한통운, 10007 한진, 10008 롯데, 10005 우체국,
10003 로젠, 10022 DHL, 10023 FedEx, 10036 EMS, 10143 농협); those are fixed here. ESM's whole list (~180
codes) is ESM's own `GET /item/v1/shipping/delivery-company`: `CourierDirectory` reads it once per adapter and
matches the other carriers by name, so no code is guessed; a carrier ESM does not list is refused by name."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from marketbridge.connectors.carriers import carrier_named, unmapped_courier
from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.esm.http import EsmHttp

COURIER_LIST = "/item/v1/shipping/delivery-company"
LIST_MAX_AGE_SECONDS = 24 * 3600
TO_ESM: dict[str, int] = {
    "CJ_LOGISTICS": 10013,
    "HANJIN": 10007,
    "LOTTE": 10008,
    "EPOST": 10005,
    "LOGEN": 10003,
    "DHL": 10022,
    "FEDEX": 10023,
    "EMS": 10036,
    "NONGHYUP": 10143,
}


def to_esm(courier_code: str) -> int | None:
    """The documented code, without asking ESM (listing defaults)."""
    return TO_ESM.get(courier_code)


def from_esm_name(name: str | None) -> str | None:
    """Our carrier for the courier name ESM writes on an order (`TakbaeName`)."""
    return carrier_named(name)


def unmapped(marketplace: str, courier_code: str, operation: str) -> PermanentMarketplaceError:
    return unmapped_courier(marketplace, "G마켓/옥션(ESM)", courier_code, operation)


class CourierDirectory:
    """ESM's courier list, read on the first carrier the documented codes do not cover and again once a day
    (couriers come and go; a worker runs for weeks)."""

    def __init__(self, http: EsmHttp, max_age_seconds: float = LIST_MAX_AGE_SECONDS) -> None:
        self.http, self.max_age = http, max_age_seconds
        self._by_carrier: dict[str, int] = {}
        self._read_at: float | None = None
        self._lock = asyncio.Lock()

    async def code(self, courier_code: str) -> int | None:
        if courier_code in TO_ESM:
            return TO_ESM[courier_code]
        async with self._lock:
            if self._read_at is None or time.monotonic() - self._read_at > self.max_age:
                self._by_carrier = await self._load()
                self._read_at = time.monotonic()
        return self._by_carrier.get(courier_code)

    async def require(self, courier_code: str, operation: str) -> int:
        code = await self.code(courier_code)
        if code is None:
            raise unmapped(self.http.marketplace, courier_code, operation)
        return code

    async def _load(self) -> dict[str, int]:
        body = await self.http.raw("GET", COURIER_LIST, "fetch_couriers", idempotent=True)
        companies: list[dict[str, Any]] = self.http.goods_result(body, "fetch_couriers").get("deliveryCompanies") or []
        found: dict[str, int] = {}
        for company in companies:
            carrier = carrier_named(str(company.get("deliveryCompName") or ""))
            if carrier is not None and str(company.get("deliveryCompCode", "")).isdigit():
                found.setdefault(carrier, int(company["deliveryCompCode"]))
        return found
