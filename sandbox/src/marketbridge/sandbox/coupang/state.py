"""State of the Coupang WING emulator: vendors (access/secret keys), their stores, ids, gateway parts."""

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
from marketbridge.sandbox.coupang.models import Box, Vendor
from marketbridge.sandbox.coupang.store import VendorStore

# Coupang: ~10 calls/second per vendorId (help notices 2023-07 / 2023-10); a small burst is modelled.
COUPANG_RATE = 10.0
COUPANG_BURST = 10


class CoupangState:
    """Everything the Coupang dialect remembers. Mutations run without awaiting in between, so they are
    atomic within one event loop; `lock` additionally guards access from other threads."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        rate_limit: RateLimitConfig | None = None,
        seed: int | None = None,
    ) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.rng = random.Random(seed)
        self.people = SyntheticPeople(self.rng)
        self.faults = FaultInjector(random.Random(None if seed is None else seed + 1))
        self.calls = CallLog(clock)
        enabled = rate_limit.enabled if rate_limit is not None else True
        self.limiter = TokenBucketLimiter(RateLimitConfig(COUPANG_RATE, COUPANG_BURST, enabled), clock=clock)
        self.vendors: dict[str, Vendor] = {}
        self.by_access_key: dict[str, Vendor] = {}
        self.reset(keep_apps=False)

    def reset(self, *, keep_apps: bool = True) -> None:
        with self.lock:
            if not keep_apps:
                self.vendors.clear()
                self.by_access_key.clear()
            self.stores: dict[str, VendorStore] = {v: VendorStore(v) for v in self.vendors}
            self.box_owner: dict[int, str] = {}
            self.vendor_calls: dict[str, CallLog] = {}
            r = self.rng.randrange
            self._box_ids = itertools.count(300_000_000_000_000_000 + r(0, 10**15))
            self._order_ids = itertools.count(20_000_000_000_000 + r(0, 10**11))
            self._vendor_item_ids = itertools.count(3_000_000_000 + r(0, 10**8))
            self._product_ids = itertools.count(1_000_000_000 + r(0, 10**8))
            self._small_ids = itertools.count(100_000_000 + r(0, 10**7))
            self._vendor_seq = itertools.count(10_001 + r(0, 80_000))
            self.faults.clear()
            self.calls.reset()
            self.limiter.configure(self.limiter.config)

    # -- clock and ids --------------------------------------------------------------------------
    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def next_box_id(self) -> int:
        return next(self._box_ids)

    def next_order_id(self) -> int:
        return next(self._order_ids)

    def next_vendor_item_id(self) -> int:
        return next(self._vendor_item_ids)

    def next_product_id(self) -> int:
        return next(self._product_ids)

    def next_small_id(self) -> int:
        return next(self._small_ids)

    # -- vendors --------------------------------------------------------------------------------
    def register_vendor(
        self,
        *,
        vendor_id: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        name: str | None = None,
    ) -> Vendor:
        with self.lock:
            vid = vendor_id or f"A{next(self._vendor_seq):08d}"
            vendor = Vendor(
                vid,
                access_key or secrets.token_hex(18),
                secret_key or secrets.token_hex(20),
                name or f"샌드박스 판매자 {len(self.vendors) + 1}",
                self.now_ms(),
            )
            old = self.vendors.get(vid)
            if old is not None:
                self.by_access_key.pop(old.access_key, None)
            self.vendors[vid] = vendor
            self.by_access_key[vendor.access_key] = vendor
            self.store(vid)
            return vendor

    def revoke(self, vendor_id: str) -> bool:
        vendor = self.vendors.get(vendor_id)
        if vendor is None:
            return False
        vendor.revoked = True
        return True

    def store(self, vendor_id: str) -> VendorStore:
        store = self.stores.get(vendor_id)
        if store is None:
            store = self.stores[vendor_id] = VendorStore(vendor_id)
        return store

    def register_boxes(self, store: VendorStore, boxes: list[Box]) -> None:
        store.add_boxes(boxes)
        for box in boxes:
            self.box_owner[box.shipment_box_id] = store.vendor_id

    def vendor_call_log(self, vendor_id: str) -> CallLog:
        log = self.vendor_calls.get(vendor_id)
        if log is None:
            log = self.vendor_calls[vendor_id] = CallLog(self.clock, recent_max=10)
        return log


def create_state(
    *, clock: Callable[[], float] = time.time, seed: int | None = None, rate_limit: RateLimitConfig | None = None
) -> CoupangState:
    return CoupangState(clock=clock, seed=seed, rate_limit=rate_limit)
