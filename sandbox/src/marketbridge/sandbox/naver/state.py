"""State of the Naver Commerce API emulator: seller applications, tokens, seller accounts, gateway."""

from __future__ import annotations

import itertools
import random
import secrets
import threading
import time
from collections.abc import Callable

import bcrypt
from marketbridge.sandbox.core.calllog import CallLog
from marketbridge.sandbox.core.faults import FaultInjector
from marketbridge.sandbox.core.ratelimit import RateLimitConfig, TokenBucketLimiter
from marketbridge.sandbox.core.synthetic import SyntheticPeople
from marketbridge.sandbox.core.timefmt import kst_yyyymmdd
from marketbridge.sandbox.naver.models import IssuedToken, ProductOrder, SellerApp
from marketbridge.sandbox.naver.store import SellerStore

TOKEN_TTL_MS = 10_800_000
TOKEN_REUSE_MIN_MS = 30 * 60 * 1000


class NaverState:
    """Everything the Naver dialect remembers. All mutations happen without awaiting in between, so
    they are atomic within one event loop; `lock` additionally guards access from other threads."""

    def __init__(self, *, clock: Callable[[], float] = time.time, rate_limit: RateLimitConfig | None = None,
                 seed: int | None = None) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.rng = random.Random(seed)
        self.people = SyntheticPeople(self.rng)
        self.faults = FaultInjector(random.Random(None if seed is None else seed + 1))
        self.calls = CallLog(clock)
        self.limiter = TokenBucketLimiter(rate_limit or RateLimitConfig())
        self.apps: dict[str, SellerApp] = {}
        self.reset(keep_apps=False)

    def reset(self, *, keep_apps: bool = True) -> None:
        with self.lock:
            if not keep_apps:
                self.apps.clear()
            self.tokens: dict[str, IssuedToken] = {}
            self.token_by_key: dict[tuple[str, str, str], str] = {}
            self.accounts: dict[str, SellerStore] = {}
            for app in self.apps.values():
                self.account(app.account_id)
            self.po_owner: dict[str, str] = {}
            self._ids = itertools.count(10_000_001 + self.rng.randrange(0, 1_000_000))
            self._product_nos = itertools.count(5_000_000_001 + self.rng.randrange(0, 10_000_000))
            self._option_ids = itertools.count(27_000_000_001 + self.rng.randrange(0, 10_000_000))
            self._small_ids = itertools.count(400_001 + self.rng.randrange(0, 100_000))
            self.faults.clear()
            self.calls.reset()
            self.limiter.configure(self.limiter.config)

    # -- clock and identifiers ------------------------------------------------------------------
    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def next_order_number(self, now_ms: int) -> str:
        """16 digits: KST date + an 8-digit sequence (e.g. 2024051121691281), like Naver's ids."""
        return f"{kst_yyyymmdd(now_ms)}{next(self._ids) % 100_000_000:08d}"

    def next_product_no(self) -> int:
        return next(self._product_nos)

    def next_option_id(self) -> int:
        return next(self._option_ids)

    def next_small_id(self) -> int:
        return next(self._small_ids)

    # -- applications and accounts ---------------------------------------------------------------
    def register_app(self, *, client_id: str | None = None, client_secret: str | None = None,
                     account_id: str | None = None, name: str | None = None) -> SellerApp:
        secret = client_secret or bcrypt.gensalt(4).decode()
        bcrypt.hashpw(b"probe", secret.encode())  # raises ValueError on a non-canonical salt
        with self.lock:
            cid = client_id or secrets.token_urlsafe(16).replace("-", "a").replace("_", "b")[:22]
            account = account_id or f"ncp_{secrets.token_hex(5)}"
            app = SellerApp(cid, secret, account, name or f"sandbox-app-{len(self.apps) + 1}", self.now_ms())
            self.apps[cid] = app
            self.account(account)
            return app

    def account(self, account_id: str) -> SellerStore:
        store = self.accounts.get(account_id)
        if store is None:
            store = self.accounts[account_id] = SellerStore(account_id)
        return store

    def default_account(self) -> SellerStore | None:
        return next(iter(self.accounts.values())) if len(self.accounts) == 1 else None

    def find_po(self, product_order_id: str) -> tuple[SellerStore, ProductOrder] | None:
        owner = self.po_owner.get(product_order_id)
        if owner is None:
            return None
        store = self.accounts[owner]
        return store, store.pos[product_order_id]

    def register_pos(self, store: SellerStore, pos: list[ProductOrder]) -> None:
        store.add_product_orders(pos)
        owner = store.account_id
        for po in pos:
            self.po_owner[po.product_order_id] = owner

    # -- tokens ---------------------------------------------------------------------------------
    def issue_token(self, app: SellerApp, token_type: str, account_id: str) -> IssuedToken:
        """Same token while >= 30 minutes are left, else a new one (the old stays valid until expiry)."""
        with self.lock:
            now = self.now_ms()
            key = (app.client_id, token_type, account_id)
            current = self.tokens.get(self.token_by_key.get(key, ""))
            if current is not None and current.expires_ms - now >= TOKEN_REUSE_MIN_MS:
                return current
            issued = IssuedToken(secrets.token_urlsafe(32), app.client_id, account_id, key, now + TOKEN_TTL_MS)
            self.tokens[issued.token] = issued
            self.token_by_key[key] = issued.token
            return issued

    def check_token(self, token: str) -> IssuedToken | None:
        issued = self.tokens.get(token)
        if issued is None:
            return None
        if issued.expires_ms <= self.now_ms():
            with self.lock:
                self.tokens.pop(token, None)
            return None
        return issued

    def revoke_app(self, client_id: str) -> bool:
        """The seller deleted the application in the API center: its tokens stop working, none is issued."""
        with self.lock:
            self.expire_tokens(client_id)
            return self.apps.pop(client_id, None) is not None

    def expire_tokens(self, client_id: str | None = None) -> int:
        with self.lock:
            doomed = [t for t, i in self.tokens.items() if client_id is None or i.client_id == client_id]
            for token in doomed:
                issued = self.tokens.pop(token)
                self.token_by_key.pop(issued.key, None)
            return len(doomed)
