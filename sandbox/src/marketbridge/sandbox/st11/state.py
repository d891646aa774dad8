"""State of the 11번가 emulator: sellers (API keys), their products, order lines, claims, Q&A and
긴급알리미, plus the gateway's faults, call logs (whole dialect and per seller) and rate limiter."""

from __future__ import annotations

import itertools
import random
import secrets
import threading
import time
from collections.abc import Callable

from marketbridge.sandbox.core.calllog import CallLog
from marketbridge.sandbox.core.faults import FaultInjector
from marketbridge.sandbox.core.ratelimit import RateLimitConfig, TokenBucketLimiter
from marketbridge.sandbox.core.synthetic import SyntheticPeople
from marketbridge.sandbox.core.timefmt import kst_yyyymmdd
from marketbridge.sandbox.st11.models import Line, Seller, SellerData

# 11번가 publishes no seller-API rate limit; 10 calls/s with a burst of 20 per key is our model (modelled).
DEFAULT_RATE = RateLimitConfig(rate=10.0, burst=20)


class St11State:
    """Everything the 11번가 dialect remembers; mutations never await, so they are atomic in one loop."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        seed: int | None = None,
        rate_limit: RateLimitConfig | None = None,
    ) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.rng = random.Random(seed)
        self.people = SyntheticPeople(self.rng)
        self.faults = FaultInjector(random.Random(None if seed is None else seed + 1))
        self.calls = CallLog(clock)
        self.limiter = TokenBucketLimiter(rate_limit or DEFAULT_RATE)
        self.sellers: dict[str, Seller] = {}
        self.reset(keep_apps=False)

    def reset(self, *, keep_apps: bool = True) -> None:
        with self.lock:
            if not keep_apps:
                self.sellers.clear()
            self.data: dict[str, SellerData] = {s.seller_id: SellerData(s) for s in self.sellers.values()}
            self.seller_calls: dict[str, CallLog] = {}
            self.line_owner: dict[str, str] = {}
            self._seq = itertools.count(1 + self.rng.randrange(0, 1_000_000))
            self._prd = itertools.count(3_000_000_001 + self.rng.randrange(0, 100_000_000))
            self._small = itertools.count(700_001 + self.rng.randrange(0, 100_000))
            self.faults.clear()
            self.calls.reset()
            self.limiter.configure(self.limiter.config)

    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    # -- identifiers ----------------------------------------------------------------------------
    def next_ord_no(self, paid_ms: int) -> str:
        """17 digits starting with the KST date, like 11번가's ordNo."""
        return f"{kst_yyyymmdd(paid_ms)}{next(self._seq) % 1_000_000_000:09d}"

    def next_prd_no(self) -> int:
        return next(self._prd)

    def next_small(self) -> int:
        return next(self._small)

    # -- sellers ----------------------------------------------------------------------------------
    def register_seller(
        self, seller_id: str | None = None, api_key: str | None = None, allowed_ips: tuple[str, ...] = ()
    ) -> Seller:
        with self.lock:
            sid = seller_id or f"st11_{secrets.token_hex(4)}"
            seller = Seller(sid, api_key or secrets.token_hex(16), allowed_ips)
            self.sellers[sid] = seller
            self.data[sid] = SellerData(seller)
            return seller

    def by_key(self, api_key: str) -> Seller | None:
        for seller in self.sellers.values():
            if secrets.compare_digest(seller.api_key, api_key):
                return seller
        return None

    def seller_log(self, seller_id: str) -> CallLog:
        log = self.seller_calls.get(seller_id)
        if log is None:
            log = self.seller_calls[seller_id] = CallLog(self.clock, recent_max=200)
        return log

    def add_lines(self, data: SellerData, lines: list[Line]) -> None:
        for line in lines:
            data.lines[line.line_id] = line
            data.orders.setdefault(line.ord_no, []).append(line)
            data.bundles.setdefault(line.dlv_no, []).append(line)
            self.line_owner[line.line_id] = data.seller.seller_id

    def find_line(self, line_id: str) -> tuple[SellerData, Line] | None:
        owner = self.line_owner.get(line_id)
        if owner is None:
            return None
        data = self.data[owner]
        return data, data.lines[line_id]
