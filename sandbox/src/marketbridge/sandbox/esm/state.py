"""State of the ESM Trading API emulator: masters, site sellers, goods, orders, claims, CS, notices."""

from __future__ import annotations

import itertools
import random
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

from marketbridge.sandbox.core.calllog import CallLog, SellerPeaks
from marketbridge.sandbox.core.faults import FaultInjector
from marketbridge.sandbox.core.ratelimit import RateLimitConfig, TokenBucketLimiter
from marketbridge.sandbox.core.synthetic import SyntheticPeople
from marketbridge.sandbox.esm.models import DispatchRecord, Goods, Master, Message, Notice, Order

ORDER_LIST_INTERVAL_S = 5.0  # RequestOrders / PreRequestOrders: 1 call per 5 s per site seller id
SEARCH_PER_MINUTE = 30  # POST /item/v1/goods/search: 20-30 calls/min (sources differ)


class EsmState:
    """Everything the ESM dialect remembers. Mutations never await in between (atomic in one loop)."""

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
        self.limiter = TokenBucketLimiter(rate_limit or RateLimitConfig(), clock=clock)
        unlimited = rate_limit is not None and not rate_limit.enabled  # `--no-rate-limit` lifts ESM's own limits too
        self.order_list_interval = 0.0 if unlimited else ORDER_LIST_INTERVAL_S
        self.search_per_minute = 1_000_000 if unlimited else SEARCH_PER_MINUTE
        self.masters: dict[str, Master] = {}
        self.reset(keep_apps=False)

    def reset(self, *, keep_apps: bool = True) -> None:
        with self.lock:
            if not keep_apps:
                self.masters.clear()
            for master in self.masters.values():
                master.revoked = False
            self.owner: dict[tuple[str, str], str] = {
                (site, sid): m.master_id for m in self.masters.values() for site, sid in m.sellers.items()
            }
            self.goods: dict[int, Goods] = {}
            self.site_goods: dict[str, int] = {}
            self.orders: dict[int, Order] = {}
            self.seller_orders: dict[tuple[str, str], list[Order]] = {}
            self.messages: dict[int, Message] = {}
            self.notices: dict[int, Notice] = {}
            self.dispatches: list[DispatchRecord] = []
            self.last_order_list: dict[tuple[str, str], float] = {}
            self.searches: dict[str, deque[float]] = {}
            self.seller_peaks = SellerPeaks(self.clock)
            base = self.rng.randrange(0, 1_000_000)
            self._order_nos = itertools.count(3_100_000_001 + base)
            self._pay_nos = itertools.count(2_500_000_001 + base)
            self._goods_nos = itertools.count(1_158_000_001 + base)
            self._site_nos = itertools.count(421_000_001 + base)
            self._small = itertools.count(700_001 + base)
            self.faults.clear()
            self.calls.reset()
            self.limiter.configure(self.limiter.config)

    # -- clock and identifiers ------------------------------------------------------------------
    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def next_order_no(self) -> int:
        return next(self._order_nos)

    def next_pay_no(self) -> int:
        return next(self._pay_nos)

    def next_goods_no(self) -> int:
        return next(self._goods_nos)

    def next_site_goods_no(self, site: str) -> str:
        number = next(self._site_nos)
        return f"B{number}" if site == "A" else str(1_000_000_000 + number)

    def next_small(self) -> int:
        return next(self._small)

    # -- masters and sellers --------------------------------------------------------------------
    def register(
        self,
        *,
        master_id: str | None = None,
        secret_key: str | None = None,
        gmarket_seller_id: str | None = None,
        auction_seller_id: str | None = None,
    ) -> Master:
        with self.lock:
            mid = master_id or f"esm{secrets.token_hex(4)}"
            sellers = {
                "G": gmarket_seller_id or f"g{secrets.token_hex(4)}",
                "A": auction_seller_id or f"a{secrets.token_hex(4)}",
            }
            for site, sid in sellers.items():
                owner = self.owner.get((site, sid))
                if owner is not None and owner != mid:
                    raise ValueError(f"seller id {sid} already belongs to {owner}")
            master = Master(mid, secret_key or secrets.token_urlsafe(24), sellers)
            self.masters[mid] = master
            for site, sid in sellers.items():
                self.owner[(site, sid)] = mid
            return master

    def orders_of(self, site: str, seller_id: str) -> list[Order]:
        return self.seller_orders.setdefault((site, seller_id), [])

    def add_orders(self, orders: list[Order]) -> None:
        for order in orders:
            self.orders[order.order_no] = order
            self.orders_of(order.site, order.seller_id).append(order)

    # -- limits ---------------------------------------------------------------------------------
    def order_list_allowed(self, site: str, seller_id: str) -> bool:
        """1 call per interval per site seller id; a refused call does not restart the interval."""
        now = self.clock()
        last = self.last_order_list.get((site, seller_id))
        if last is not None and now - last < self.order_list_interval:
            return False
        self.last_order_list[(site, seller_id)] = now
        return True

    def search_allowed(self, master_id: str) -> bool:
        now = self.clock()
        window = self.searches.setdefault(master_id, deque())
        while window and now - window[0] >= 60.0:
            window.popleft()
        if len(window) >= self.search_per_minute:
            return False
        window.append(now)
        return True


def create_state(
    *, clock: Callable[[], float] = time.time, seed: int | None = None, rate_limit: RateLimitConfig | None = None
) -> EsmState:
    return EsmState(clock=clock, seed=seed, rate_limit=rate_limit)
