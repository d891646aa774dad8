"""One seller account's data in the Naver emulator, with the change feed behind last-changed-statuses."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from marketbridge.sandbox.naver.models import DispatchRecord, Inquiry, Product, ProductOrder, Qna


class SellerStore:
    """Products, product orders, Q&A and inquiries of one seller account.

    `feed` is kept sorted by (lastChangedDate ms, productOrderId), exactly the order Naver documents
    for last-changed-statuses; `paid_index` does the same by payment time for the conditional search.
    """

    def __init__(self, account_id: str) -> None:
        self.account_id = account_id
        self.products: dict[int, Product] = {}
        self.channel_to_origin: dict[int, int] = {}
        self.pos: dict[str, ProductOrder] = {}
        self.orders: dict[str, list[str]] = {}
        self.feed: list[tuple[int, str]] = []
        self.paid_index: list[tuple[int, str]] = []
        self.used_tracking: dict[tuple[str, str], str] = {}
        self.dispatches: list[DispatchRecord] = []
        self.qnas: dict[int, Qna] = {}
        self.inquiries: dict[int, Inquiry] = {}

    # -- product orders -------------------------------------------------------------------------
    def add_product_orders(self, pos: Iterable[ProductOrder]) -> None:
        feed_sorted = True
        last = self.feed[-1] if self.feed else None
        for po in pos:
            self.pos[po.product_order_id] = po
            self.orders.setdefault(po.order_id, []).append(po.product_order_id)
            entry = (po.last_changed_ms, po.product_order_id)
            if last is not None and entry < last:
                feed_sorted = False
            self.feed.append(entry)
            self.paid_index.append((po.paid_ms, po.product_order_id))
            last = entry
        if not feed_sorted:
            self.feed.sort()
        self.paid_index.sort()

    def touch(self, po: ProductOrder, change_type: str | None, now_ms: int) -> None:
        """Invalidate the cached JSON; with a change type, move the order in the change feed."""
        po.cache = None
        if change_type is None:
            return
        old = (po.last_changed_ms, po.product_order_id)
        index = bisect.bisect_left(self.feed, old)
        if index < len(self.feed) and self.feed[index] == old:
            del self.feed[index]
        po.last_changed_ms = max(now_ms, po.last_changed_ms)
        po.last_changed_type = change_type
        bisect.insort(self.feed, (po.last_changed_ms, po.product_order_id))

    def changed(self, from_ms: int, to_ms: int, change_type: str | None, more_sequence: str | None,
                limit: int) -> tuple[list[ProductOrder], tuple[int, str] | None]:
        """Rows changed in [from, to] (both inclusive), from (from_ms, moreSequence) on; plus the
        (moreFrom, moreSequence) of the first row left out when more than `limit` match."""
        start = bisect.bisect_left(self.feed, (from_ms, more_sequence or ""))
        rows: list[ProductOrder] = []
        feed, pos = self.feed, self.pos
        for index in range(start, len(feed)):
            changed_ms, po_id = feed[index]
            if changed_ms > to_ms:
                break
            po = pos[po_id]
            if change_type is not None and po.last_changed_type != change_type:
                continue
            if len(rows) == limit:
                return rows, (changed_ms, po_id)
            rows.append(po)
        return rows, None

    def paid_between(self, from_ms: int, to_ms: int) -> Iterator[ProductOrder]:
        start = bisect.bisect_left(self.paid_index, (from_ms, ""))
        for index in range(start, len(self.paid_index)):
            paid_ms, po_id = self.paid_index[index]
            if paid_ms > to_ms:
                break
            yield self.pos[po_id]

    # -- products -------------------------------------------------------------------------------
    def add_product(self, product: Product) -> None:
        self.products[product.origin_no] = product
        self.channel_to_origin[product.channel_no] = product.origin_no

    def product_by_any_no(self, number: int) -> Product | None:
        product = self.products.get(number)
        if product is None and number in self.channel_to_origin:
            product = self.products.get(self.channel_to_origin[number])
        return product
