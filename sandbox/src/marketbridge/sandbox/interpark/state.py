"""State of the 인터파크 emulator: suppliers (entrId / supplyEntrNo / supplyCtrtSeq for orders,
citeKey / secretKey for products), their products and order lines, faults, call logs, rate limiter."""

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
from marketbridge.sandbox.interpark.models import Line, Supplier, SupplierData

DEFAULT_RATE = RateLimitConfig(rate=5.0, burst=10)  # nothing public: modelled


class InterparkState:
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
        self.suppliers: dict[str, Supplier] = {}
        self.reset(keep_apps=False)

    def reset(self, *, keep_apps: bool = True) -> None:
        with self.lock:
            if not keep_apps:
                self.suppliers.clear()
            self.data: dict[str, SupplierData] = {s.entr_id: SupplierData(s) for s in self.suppliers.values()}
            self.supplier_calls: dict[str, CallLog] = {}
            self.line_owner: dict[str, str] = {}
            self._seq = itertools.count(1 + self.rng.randrange(0, 100_000))
            self._prd = itertools.count(7_000_000_001 + self.rng.randrange(0, 100_000_000))
            self._small = itertools.count(50_001 + self.rng.randrange(0, 100_000))
            self.faults.clear()
            self.calls.reset()
            self.limiter.configure(self.limiter.config)

    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def next_ord_no(self, ordered_ms: int) -> str:
        """KST order date + a 6-digit sequence (format modelled)."""
        return f"{kst_yyyymmdd(ordered_ms)}{next(self._seq) % 1_000_000:06d}"

    def next_prd_no(self) -> int:
        return next(self._prd)

    def next_small(self) -> int:
        return next(self._small)

    def register(self, entr_id: str | None = None) -> Supplier:
        with self.lock:
            eid = entr_id or f"ip{secrets.token_hex(4)}"
            supplier = Supplier(
                eid, f"{self.rng.randrange(10**9, 10**10)}", "1", secrets.token_hex(10), secrets.token_hex(16)
            )
            self.suppliers[eid] = supplier
            self.data[eid] = SupplierData(supplier)
            return supplier

    def order_caller(self, entr_id: str, supply_entr_no: str, supply_ctrt_seq: str) -> Supplier | None:
        s = self.suppliers.get(entr_id)
        if s is None or s.revoked or s.supply_entr_no != supply_entr_no or s.supply_ctrt_seq != supply_ctrt_seq:
            return None
        return s

    def product_caller(self, cite_key: str, secret_key: str) -> Supplier | None:
        for s in self.suppliers.values():
            if secrets.compare_digest(s.cite_key, cite_key) and secrets.compare_digest(s.secret_key, secret_key):
                return None if s.revoked else s
        return None

    def supplier_log(self, entr_id: str) -> CallLog:
        log = self.supplier_calls.get(entr_id)
        if log is None:
            log = self.supplier_calls[entr_id] = CallLog(self.clock, recent_max=200)
        return log

    def add_lines(self, data: SupplierData, lines: list[Line]) -> None:
        for line in lines:
            data.lines[line.line_id] = line
            data.orders.setdefault(line.ord_no, []).append(line)
            self.line_owner[line.line_id] = data.supplier.entr_id

    def find_line(self, line_id: str) -> tuple[SupplierData, Line] | None:
        owner = self.line_owner.get(line_id)
        return None if owner is None else (self.data[owner], self.data[owner].lines[line_id])
