"""State of the 롯데ON emulator: sellers (API keys), products, delivery rows, claims, questions."""

from __future__ import annotations

import itertools
import random
import secrets
import threading
import time
from collections.abc import Callable

from marketbridge.sandbox.core.calllog import CallLog, SellerPeaks
from marketbridge.sandbox.core.faults import FaultInjector
from marketbridge.sandbox.core.ratelimit import RateLimitConfig, TokenBucketLimiter
from marketbridge.sandbox.core.synthetic import SyntheticPeople
from marketbridge.sandbox.core.timefmt import kst_yyyymmdd
from marketbridge.sandbox.lotteon.models import Claim, DispatchRecord, Product, Question, Row, Seller

# (unverified, one integrator guide) 10,000 calls a minute per key
DEFAULT_RATE = RateLimitConfig(rate=10_000 / 60, burst=200)


class LotteOnState:
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
        self.limiter = TokenBucketLimiter(rate_limit or DEFAULT_RATE, clock=clock)
        self.sellers: dict[str, Seller] = {}
        self.reset(keep_apps=False)

    def reset(self, *, keep_apps: bool = True) -> None:
        with self.lock:
            if not keep_apps:
                self.sellers.clear()
            for seller in self.sellers.values():
                seller.revoked = False
            self.products: dict[str, Product] = {}
            self.rows: dict[tuple[str, int, int], Row] = {}
            self.order_rows: dict[str, list[Row]] = {}
            self.seller_rows: dict[str, list[Row]] = {}
            self.claims: dict[str, Claim] = {}
            self.questions: dict[int, Question] = {}
            self.dispatches: list[DispatchRecord] = []
            self.seller_peaks = SellerPeaks(self.clock)
            base = self.rng.randrange(0, 1_000_000)
            self._od = itertools.count(10_000_001 + base)
            self._spd = itertools.count(2_000_000_001 + base)
            self._clm = itertools.count(50_000_001 + base)
            self._small = itertools.count(300_001 + base)
            self.faults.clear()
            self.calls.reset()
            self.limiter.configure(self.limiter.config)

    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def next_od_no(self, at_ms: int) -> str:
        return f"{kst_yyyymmdd(at_ms)}{next(self._od) % 100_000_000:08d}"

    def next_spd_no(self) -> str:
        return f"LO{next(self._spd)}"

    def next_clm_no(self) -> str:
        return f"{next(self._clm)}"

    def next_small(self) -> int:
        return next(self._small)

    def register(self, *, api_key: str | None = None, tr_no: str | None = None, lrtr_no: str | None = None) -> Seller:
        with self.lock:
            seller = Seller(api_key or secrets.token_hex(32), tr_no or f"LO{self.rng.randrange(10**7, 10**8)}", lrtr_no)
            self.sellers[seller.api_key] = seller
            return seller

    def seller_by_tr(self, tr_no: str) -> Seller | None:
        return next((s for s in self.sellers.values() if s.tr_no == tr_no), None)

    def add_rows(self, rows: list[Row]) -> None:
        for row in rows:
            self.rows[(row.od_no, row.od_seq, row.proc_seq)] = row
            self.order_rows.setdefault(row.od_no, []).append(row)
            self.seller_rows.setdefault(row.tr_no, []).append(row)


def create_state(
    *, clock: Callable[[], float] = time.time, seed: int | None = None, rate_limit: RateLimitConfig | None = None
) -> LotteOnState:
    return LotteOnState(clock=clock, seed=seed, rate_limit=rate_limit)
