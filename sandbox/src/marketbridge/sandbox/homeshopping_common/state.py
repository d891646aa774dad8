"""In-memory state of one home-shopping emulator: sellers, products, order lines, claims, inquiries,
the dispatch ledger, faults, call log (with peak requests/second per seller) and the rate limiter.

Mutations never await in between, so they are atomic within the event loop; `lock` guards admin
access from other threads. Each dialect passes a `DialectRules` (its order-number and line-id formats,
its courier codes and the codes/messages of its refusals).
"""

from __future__ import annotations

import itertools
import random
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marketbridge.sandbox.core.calllog import CallLog
from marketbridge.sandbox.core.faults import FaultInjector
from marketbridge.sandbox.core.ratelimit import RateLimitConfig, TokenBucketLimiter
from marketbridge.sandbox.core.synthetic import SyntheticPeople
from marketbridge.sandbox.core.timefmt import kst_yyyymmdd
from marketbridge.sandbox.homeshopping_common.models import (
    ACKNOWLEDGED,
    CANCELLED,
    DELIVERED,
    DISPATCHED,
    NEW,
    Claim,
    DispatchRecord,
    Inquiry,
    Line,
    Product,
    Refusal,
    Seller,
)

REFUSAL_KEYS = ("not_found", "already_dispatched", "cancelled", "unknown_courier", "bad_state", "bad_tracking")
TRACKING = re.compile(r"^[0-9A-Za-z]{8,20}$")  # (modelled) what the malls accept as an invoice number


@dataclass(frozen=True)
class DialectRules:
    name: str
    couriers: frozenset[str]
    refusals: dict[str, tuple[str, str]]
    order_no: Callable[[int, int], str] = lambda now_ms, n: f"{kst_yyyymmdd(now_ms)}{n:06d}"
    line_id: Callable[[str, int], str] = lambda order_no, seq: f"{order_no}-{seq}"
    product_id: Callable[[int], str] = lambda n: f"{n:09d}"
    extra: dict[str, str] = field(default_factory=dict)

    def refuse(self, key: str, detail: str = "") -> Refusal:
        code, message = self.refusals[key]
        return Refusal(code, f"{message}{f' ({detail})' if detail else ''}")


class HomeShoppingState:
    def __init__(
        self,
        rules: DialectRules,
        *,
        clock: Callable[[], float] = time.time,
        seed: int | None = None,
        rate_limit: RateLimitConfig | None = None,
    ) -> None:
        self.rules = rules
        self.clock = clock
        self.lock = threading.RLock()
        self.rng = random.Random(seed)
        self.people = SyntheticPeople(self.rng)
        self.faults = FaultInjector(random.Random(None if seed is None else seed + 1))
        self.calls = CallLog(clock)
        self.limiter = TokenBucketLimiter(rate_limit or RateLimitConfig(), clock=clock)
        self.sellers: dict[str, Seller] = {}
        self.reset(keep_apps=False)

    def reset(self, *, keep_apps: bool = True) -> None:
        with self.lock:
            if not keep_apps:
                self.sellers.clear()
            for seller in self.sellers.values():
                seller.revoked = False
                seller.session_ids.clear()
            self.products: dict[str, Product] = {}
            self.lines: dict[str, Line] = {}
            self.inquiries: dict[str, Inquiry] = {}
            self.dispatches: list[DispatchRecord] = []
            self.refused: list[dict[str, str]] = []
            self.peaks: dict[str, int] = {}
            self._per_second: Counter[tuple[str, int]] = Counter()
            self._orders = itertools.count(1 + self.rng.randrange(0, 100_000))
            self._products = itertools.count(10_000_001 + self.rng.randrange(0, 1_000_000))
            self._small = itertools.count(700_001 + self.rng.randrange(0, 100_000))
            self.faults.clear()
            self.calls.reset()
            self.limiter.configure(self.limiter.config)

    # -- clock, ids, call log ---------------------------------------------------------------------------
    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def next_small_id(self) -> int:
        return next(self._small)

    def record_seller_call(self, seller_id: str) -> None:
        second = int(self.clock())
        key = (seller_id, second)
        self._per_second[key] += 1
        if self._per_second[key] > self.peaks.get(seller_id, 0):
            self.peaks[seller_id] = self._per_second[key]

    def allow(self, seller_id: str, group: str = "api") -> bool:
        return self.limiter.take(seller_id, group)[0]

    # -- sellers -----------------------------------------------------------------------------------------
    def add_seller(
        self, credentials: dict[str, str], seller_id: str | None = None, receiver_url: str | None = None
    ) -> Seller:
        with self.lock:
            sid = seller_id or f"{self.rng.randrange(100_000, 1_000_000)}"
            while seller_id is None and sid in self.sellers:
                sid = f"{self.rng.randrange(100_000, 1_000_000)}"
            seller = Seller(sid, dict(credentials), receiver_url=receiver_url)
            self.sellers[sid] = seller
            return seller

    def seller_by(self, key: str, value: str) -> Seller | None:
        for seller in self.sellers.values():
            if seller.credentials.get(key) == value:
                return seller
        return None

    @staticmethod
    def new_secret(nbytes: int = 16) -> str:
        return secrets.token_hex(nbytes)

    # -- products ----------------------------------------------------------------------------------------
    def add_product(
        self,
        seller_id: str,
        *,
        name: str,
        sale_price: int,
        stock: int,
        seller_product_code: str,
        category_id: str = "1001",
        notice: dict[str, str] | None = None,
        raw: dict[str, object] | None = None,
    ) -> Product:
        with self.lock:
            pid = self.rules.product_id(next(self._products))
            product = Product(
                pid,
                seller_id,
                seller_product_code,
                name,
                sale_price,
                stock,
                category_id,
                notice=dict(notice or {}),
                raw=dict(raw or {}),
            )
            self.products[pid] = product
            return product

    def product_of(self, seller_id: str, product_id: str) -> Product:
        product = self.products.get(product_id)
        if product is None or product.seller_id != seller_id:
            raise self.rules.refuse("not_found", product_id)
        return product

    # -- orders ------------------------------------------------------------------------------------------
    def create_orders(
        self,
        product: Product,
        *,
        count: int,
        quantity: int = 1,
        lines_per_order: int = 1,
        ordered_ms: int | None = None,
    ) -> list[Line]:
        with self.lock:
            now = ordered_ms if ordered_ms is not None else self.now_ms()
            created: list[Line] = []
            for _ in range(count):
                order_no = self.rules.order_no(now, next(self._orders))
                buyer = self.people.person()
                receiver = buyer if self.rng.random() < 0.7 else self.people.person()
                for seq in range(1, lines_per_order + 1):
                    line = Line(
                        self.rules.line_id(order_no, seq),
                        order_no,
                        seq,
                        product.seller_id,
                        product.product_id,
                        product.name,
                        product.seller_product_code,
                        "단일상품",
                        quantity,
                        product.sale_price,
                        now,
                        buyer,
                        receiver,
                        changed_ms=now,
                    )
                    self.lines[line.line_id] = line
                    created.append(line)
            return created

    def line_of(self, seller_id: str, line_id: str) -> Line:
        line = self.lines.get(line_id)
        if line is None or line.seller_id != seller_id:
            raise self.rules.refuse("not_found", line_id)
        return line

    def lines_of(self, seller_id: str) -> Iterable[Line]:
        return (line for line in self.lines.values() if line.seller_id == seller_id)

    def acknowledge(self, line: Line) -> None:
        if line.status == CANCELLED:
            raise self.rules.refuse("cancelled", line.line_id)
        if line.status != NEW:
            if line.status == ACKNOWLEDGED:
                return
            raise self.rules.refuse("bad_state", line.line_id)
        line.status, line.changed_ms = ACKNOWLEDGED, self.now_ms()

    def dispatch(self, line: Line, courier: str, tracking: str) -> None:
        """Register the invoice; a second dispatch of the same line is refused with the dialect's error."""
        line.dispatch_attempts += 1
        try:
            if line.status == CANCELLED:
                raise self.rules.refuse("cancelled", line.line_id)
            if line.status in (DISPATCHED, DELIVERED):
                raise self.rules.refuse("already_dispatched", line.line_id)
            if courier not in self.rules.couriers:
                raise self.rules.refuse("unknown_courier", courier)
            if not TRACKING.match(tracking.replace("-", "")):
                raise self.rules.refuse("bad_tracking", tracking)
        except Refusal as refusal:
            self.refused.append({"line_id": line.line_id, "code": refusal.code, "message": refusal.message})
            raise
        now = self.now_ms()
        line.status, line.courier, line.tracking, line.dispatched_ms, line.changed_ms = (
            DISPATCHED,
            courier,
            tracking,
            now,
            now,
        )
        self.dispatches.append(DispatchRecord(line.seller_id, line.line_id, courier, tracking, now))

    def deliver(self, line: Line) -> None:
        if line.status != DISPATCHED:
            raise self.rules.refuse("bad_state", line.line_id)
        line.status, line.changed_ms = DELIVERED, self.now_ms()

    # -- claims and inquiries ----------------------------------------------------------------------------
    def buyer_claim(self, line: Line, kind: str, reason: str = "고객 변심") -> Claim:
        """A buyer's claim as the mall's CS centre records it: a cancel before dispatch is completed at
        once (종합몰 cancel without the supplier's consent); returns and exchanges stay requested."""
        with self.lock:
            now = self.now_ms()
            if kind == "cancel" and line.status in (DISPATCHED, DELIVERED):
                raise self.rules.refuse("already_dispatched", line.line_id)
            if kind != "cancel" and line.status not in (DISPATCHED, DELIVERED):
                raise self.rules.refuse("bad_state", line.line_id)
            status = "completed" if kind == "cancel" else "requested"
            claim = Claim(f"{self.next_small_id()}", line.line_id, kind, status, reason, now)
            line.claim, line.changed_ms = claim, now
            if kind == "cancel":
                line.status = CANCELLED
            return claim

    def add_inquiry(
        self,
        seller_id: str,
        product_id: str | None,
        line_id: str | None,
        *,
        title: str = "상품 문의",
        content: str = "배송은 언제 되나요?",
    ) -> Inquiry:
        with self.lock:
            inquiry = Inquiry(
                f"{self.next_small_id()}",
                seller_id,
                product_id,
                line_id,
                title,
                content,
                self.people.name(),
                self.now_ms(),
            )
            self.inquiries[inquiry.inquiry_id] = inquiry
            return inquiry

    def answer(self, seller_id: str, inquiry_id: str, text: str) -> Inquiry:
        inquiry = self.inquiries.get(inquiry_id)
        if inquiry is None or inquiry.seller_id != seller_id:
            raise self.rules.refuse("not_found", inquiry_id)
        inquiry.answer, inquiry.answered_ms = text, self.now_ms()
        return inquiry
